"""Every command against malformed data files: no traceback, a clear refusal, inputs left as they were.

Each (case, command) pair is its own test. Commands run in-process through ``vcf_tui.cli.main``; the
full-screen ones run with no terminal and must refuse before a Textual app starts. A few pairs also
run as a real subprocess, for the exit code and stderr that a shell sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.datafiles import DATA_CASES, DataCase, make_base
from tests.hostile.instrument_text import INSTRUMENT, OBSERVATIONS_CSV, PROJECT, answers_yaml
from tests.hostile.running import (
    Outcome,
    folder_state,
    problems,
    refusal_problems,
    run_in_process,
    run_subprocess,
)


@dataclass(frozen=True)
class Files:
    data: Path
    out: Path
    aux: Path


@dataclass(frozen=True)
class Command:
    """``role``: reader (never writes its input), writer (may write it when it is good), tui (full-screen: with
    no terminal it refuses, or ends at once with nothing to do), validate (reads YAML)."""

    name: str
    argv: Callable[[Files], list[str]]
    role: str = "reader"
    human: bool = True


def _export_formats() -> tuple[str, ...]:
    from vcf_tui.cli.main import build_parser

    parser = build_parser()
    export = parser._subparsers._group_actions[0].choices["export"]  # the formats on offer, whatever they are
    return next(action.choices for action in export._actions if action.dest == "format")


def _export(fmt: str, pseudonymise: bool) -> Command:
    suffix = "-pseudonymised" if pseudonymise else ""

    def argv(f: Files) -> list[str]:
        extra = ["--pseudonymise", "--key-file", str(f.out / "pseudonym.key")] if pseudonymise else []
        ending = {"matrix": "csv"}.get(fmt, fmt)  # the matrix wants .csv or .md
        return ["export", str(f.data), "--format", fmt, "-o", str(f.out / f"export.{ending}"), *extra]

    return Command(f"export-{fmt}{suffix}", argv)


COMMANDS = [
    Command("tally", lambda f: ["tally", str(f.data)]),
    Command("tally-json", lambda f: ["tally", "--json", str(f.data)], human=False),
    *(
        Command(f"tally-by-{by}", lambda f, by=by: ["tally", "--by", by, str(f.data)])
        for by in ("wave", "interviewer", "instrument")
    ),
    Command("merge", lambda f: ["merge", str(f.data), str(f.aux / "good.json"), "-o", str(f.out / "merged.json")]),
    Command("merge-dry-run", lambda f: ["merge", "--dry-run", str(f.data), "-o", str(f.out / "merged.json")]),
    Command("merge-json", lambda f: ["merge", "--json", str(f.data), "-o", str(f.out / "merged.json")], human=False),
    *(_export(fmt, pseudonymise) for fmt in _export_formats() for pseudonymise in (False, True)),
    Command("agreement", lambda f: ["agreement", str(f.data), "--coders", "A", "B"]),
    Command("compare", lambda f: ["compare", str(f.data), "--waves", "baseline", "12-months"]),
    Command(
        "compare-json", lambda f: ["compare", "--json", str(f.data), "--waves", "baseline", "12-months"], human=False
    ),
    Command("validate", lambda f: ["validate", str(f.data)], role="validate"),
    Command(
        "observe-import",
        lambda f: [
            "observe",
            "import",
            str(f.aux / "obs.csv"),
            "--data",
            str(f.data),
            "--project",
            str(f.aux / "vcf-project.yaml"),
        ],
        role="writer",
    ),
    Command(
        "ask-answers",
        lambda f: ["ask", str(f.aux / "fuzz.yaml"), "--data", str(f.data), "--answers", str(f.aux / "answers.yaml")],
        role="writer",
    ),
    Command("code", lambda f: ["code", str(f.data), "--coder", "A"], role="tui"),
    Command("dashboard", lambda f: ["dashboard", str(f.data)], role="tui"),
    Command("run", lambda f: ["run", str(f.aux / "fuzz.yaml"), "--data", str(f.data)], role="tui"),
]

# A few pairs also run as a real process: the exit code and stderr a shell sees, and the FIFO.
SUBPROCESS_CASES = ("good", "truncated-snapshot", "journal-wrong-shapes", "markup-and-control-text", "fifo")
SUBPROCESS_COMMANDS = ("tally", "merge", "export-csv", "ask-answers", "code", "dashboard", "run")


@pytest.fixture(scope="session")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return make_base(tmp_path_factory.mktemp("base"))


@pytest.fixture
def files(tmp_path: Path, base: dict, monkeypatch: pytest.MonkeyPatch) -> Files:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("USER", "A")
    monkeypatch.delenv("VCF_TUI_DATA", raising=False)
    aux, out = tmp_path / "aux", tmp_path / "out"
    for folder in (aux, out, tmp_path / "in"):
        folder.mkdir()
    (aux / "fuzz.yaml").write_text(INSTRUMENT, encoding="utf-8")
    (aux / "vcf-project.yaml").write_text(PROJECT, encoding="utf-8")
    (aux / "obs.csv").write_text(OBSERVATIONS_CSV, encoding="utf-8")
    (aux / "answers.yaml").write_text(answers_yaml("P08", "baseline", 3), encoding="utf-8")
    import orjson

    (aux / "good.json").write_bytes(orjson.dumps(base))
    return Files(tmp_path / "in" / "data.json", out, aux)


def _pairs(cases: list[DataCase], commands: list[Command], *, subprocess: bool) -> list:
    return [
        pytest.param(case, command, id=f"{case.name}-{command.name}")
        for case in cases
        for command in commands
        if (case.in_process or subprocess)
        and (not subprocess or (case.name in SUBPROCESS_CASES and command.name in SUBPROCESS_COMMANDS))
    ]


def _check(
    case: DataCase, command: Command, files: Files, run: Callable[[list[str], Path], Outcome], base: dict
) -> None:
    folder = files.data.parent
    case.write(folder, base)
    before, aux_before = folder_state(folder), folder_state(files.aux)
    outcome = run(command.argv(files), files.out)
    found = list(problems(outcome, human=command.human))
    wrote = folder_state(folder) != before
    if folder_state(files.aux) != aux_before:
        found.append("changed a file it was only given to read (instrument, answers, CSV, project or good.json)")
    if wrote and (command.role == "reader" or outcome.code != 0):  # a writer writes only when all went well
        found.append(f"changed the input folder (exit {outcome.code}): {sorted(folder_state(folder))}")
    found.extend(_expected(case, command, files, outcome))
    assert not found, (
        f"{case.name} x {command.name}:\n" + "\n".join(found) + f"\nstdout: {outcome.out[-500:]!r}"
        f"\nstderr: {outcome.err[-500:]!r}"
    )


def _expected(case: DataCase, command: Command, files: Files, outcome: Outcome) -> list[str]:
    if outcome.crash:
        return []
    if command.role == "validate":
        return _validate_refusal(outcome, files.data)
    if command.role == "tui":
        return _tui_refusal(case, outcome, files.data)
    if case.kind == "unusable" and not (case.name in WRITERS_ADOPT and command.role == "writer"):
        return list(refusal_problems(outcome, files.data))
    must_read = case.kind == "good" or (case.kind == "readable" and command.role == "reader")
    if must_read and outcome.code != 0:
        return [f"exit {outcome.code} on a readable file"]
    if outcome.code == 1 and not any(line.startswith("vcf-tui: ") for line in outcome.err.splitlines()):
        return ["exit 1 without a 'vcf-tui: ' message"]
    return []


# A writer makes a new data file where there is none, or only an empty file.
WRITERS_ADOPT = ("missing-file", "empty-file")


def _validate_refusal(outcome: Outcome, path: Path) -> list[str]:
    """validate is for YAML: a data file of any kind is a failed check, each problem as FILE:LINE:COL."""
    first = outcome.err.strip().splitlines()[:1]
    if outcome.code != 1 or not first or path.name not in first[0]:
        return [f"validate gave exit {outcome.code} with {first!r} on a data file"]
    return []


def _tui_refusal(case: DataCase, outcome: Outcome, path: Path) -> list[str]:
    """Without a terminal a full-screen command refuses (or names the unusable file); 0 only with nothing to do."""
    if outcome.code == 0:
        return [] if case.kind != "unusable" else ["exit 0 for an unusable file"]
    if outcome.code == 1 and "terminal" in outcome.err:
        return []
    return list(refusal_problems(outcome, path))


@pytest.mark.parametrize(("case", "command"), _pairs(DATA_CASES, COMMANDS, subprocess=False))
def test_command_in_process(case: DataCase, command: Command, files: Files, base: dict) -> None:
    _check(case, command, files, run_in_process, base)


@pytest.mark.parametrize(("case", "command"), _pairs(DATA_CASES, COMMANDS, subprocess=True))
def test_command_as_a_process(case: DataCase, command: Command, files: Files, base: dict) -> None:
    _check(case, command, files, run_subprocess, base)
