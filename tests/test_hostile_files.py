"""Hostile instrument files (validate, run, ask, instruments) and answers files (ask --answers).

A usable file must be accepted; any other must be refused with exit 1 and a message naming it, with
no traceback, no raw control characters, and the data file untouched.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.instrument_text import INSTRUMENT, PROJECT
from tests.hostile.running import Outcome, folder_state, problems, refusal_problems, run_in_process, run_subprocess
from tests.hostile.yamlfiles import ANSWER_CASES, CSV_CASES, INSTRUMENT_CASES, KEY_CASES, NAMES_CASES, FileCase
from vcf_tui.cli import main

Argv = Callable[[Path, Path, Path], list[str]]  # (hostile file, data file, a good instrument) -> argv

INSTRUMENT_COMMANDS: dict[str, Argv] = {
    "validate": lambda file, data, good: ["validate", str(file)],
    "ask-answers": lambda file, data, good: [
        "ask",
        str(file),
        "--data",
        str(data),
        "--answers",
        str(good.parent / "a.yaml"),
    ],
    "ask-prompts": lambda file, data, good: ["ask", str(file), "--data", str(data), "--respondent", "P1"],
    "run": lambda file, data, good: ["run", str(file), "--data", str(data)],
}
CSV_COMMANDS: dict[str, Argv] = {
    "observe-import": lambda file, data, good: [
        "observe",
        "import",
        str(file),
        "--data",
        str(data),
        "--project",
        str(good.parent / "vcf-project.yaml"),
    ],
}
PROJECT_COMMANDS: dict[str, Argv] = {  # a hostile YAML file given as the project file
    "tally-project": lambda file, data, good: ["tally", str(good.parent / "good.json"), "--project", str(file)],
    "observe-import-project": lambda file, data, good: [
        "observe",
        "import",
        str(good.parent / "obs.csv"),
        "--data",
        str(data),
        "--project",
        str(file),
    ],
}
KEY_COMMANDS: dict[str, Argv] = {
    "export-key-file": lambda file, data, good: [
        "export",
        str(good.parent / "good.json"),
        "--format",
        "csv",
        "-o",
        str(data.parent / "out.csv"),
        "--pseudonymise",
        "--key-file",
        str(file),
    ],
}
NAMES_COMMANDS: dict[str, Argv] = {
    "export-redact-names": lambda file, data, good: [
        "export",
        str(good.parent / "good.json"),
        "--format",
        "markdown",
        "-o",
        str(data.parent / "out.md"),
        "--pseudonymise",
        "--key-file",
        str(data.parent.parent / "k.key"),
        "--redact-names",
        str(file),
    ],
}
ANSWER_COMMANDS: dict[str, Argv] = {
    "ask-answers": lambda file, data, good: ["ask", str(good), "--data", str(data), "--answers", str(file)],
}
SUBPROCESS = {"good", "markup-and-control-text", "alias-bomb", "deep-flow-nesting", "wrong-types", "fifo"}


def _params(cases: list[FileCase], commands: dict[str, Argv], *, subprocess: bool) -> list:
    return [
        pytest.param(case, name, argv, id=f"{case.name}-{name}")
        for case in cases
        for name, argv in commands.items()
        if (case.in_process or subprocess) and (not subprocess or case.name in SUBPROCESS)
    ]


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """(folder of the hostile file, folder of the data file, a good instrument beside a good answers file)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("VCF_TUI_DATA", raising=False)
    hostile, data, aux = tmp_path / "hostile", tmp_path / "data", tmp_path / "aux"
    for folder in (hostile, data, aux):
        folder.mkdir()
    good = aux / "fuzz.yaml"
    good.write_text(INSTRUMENT, encoding="utf-8")
    (aux / "a.yaml").write_text("respondent: P09\nanswers: {meetings: None}\n", encoding="utf-8")
    (aux / "vcf-project.yaml").write_text(PROJECT, encoding="utf-8")
    (aux / "obs.csv").write_text("indicator,value,period\nattendance,3,baseline\n", encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["ask", str(good), "--data", str(aux / "good.json"), "--answers", str(aux / "a.yaml")]) == 0
    return hostile, data, good


def _check(
    case: FileCase, name: str, argv: Argv, folders: tuple[Path, Path, Path], run: Callable[[list[str], Path], Outcome]
) -> None:
    hostile, data_folder, good = folders
    file = hostile / "hostile.yaml"
    case.write(file)
    data = data_folder / "data.json"
    before, data_before = folder_state(hostile), folder_state(data_folder)
    outcome = run(argv(file, data, good), hostile.parent)
    found = list(problems(outcome))
    if folder_state(hostile) != before:
        found.append("changed the file it was given to read")
    if outcome.code != 0 and folder_state(data_folder) != data_before:
        found.append(f"wrote the data folder although it failed: {sorted(folder_state(data_folder))}")
    found.extend(_expected(case, name, file, outcome))
    assert not found, (
        f"{case.name} x {name}:\n" + "\n".join(found) + f"\nstdout: {outcome.out[-400:]!r}"
        f"\nstderr: {outcome.err[-400:]!r}"
    )


def _expected(case: FileCase, name: str, file: Path, outcome: Outcome) -> list[str]:
    if outcome.crash:
        return []
    if name in ("run", "ask-prompts"):  # no terminal: refuse, or stop at the first prompt, never hang or crash
        return [] if outcome.code in (0, 1) or not case.usable else [f"exit {outcome.code}"]
    if case.usable:
        return [] if outcome.code == 0 else [f"exit {outcome.code} for a usable file"]
    if case.usable is None and outcome.code == 0:
        return []
    if name == "validate":  # every problem on its own FILE:LINE:COL line
        first = outcome.err.strip().splitlines()[:1]
        return [] if outcome.code == 1 and first and file.name in first[0] else [f"validate: exit {outcome.code}"]
    found = list(refusal_problems(outcome, file))
    return [line for line in found if "lines on stderr" not in line]  # a replay may list every bad answer


@pytest.mark.parametrize(("case", "name", "argv"), _params(INSTRUMENT_CASES, INSTRUMENT_COMMANDS, subprocess=False))
def test_instrument_in_process(case: FileCase, name: str, argv: Argv, folders: tuple[Path, Path, Path]) -> None:
    _check(case, name, argv, folders, run_in_process)


@pytest.mark.parametrize(("case", "name", "argv"), _params(INSTRUMENT_CASES, INSTRUMENT_COMMANDS, subprocess=True))
def test_instrument_as_a_process(case: FileCase, name: str, argv: Argv, folders: tuple[Path, Path, Path]) -> None:
    _check(case, name, argv, folders, run_subprocess)


@pytest.mark.parametrize(("case", "name", "argv"), _params(ANSWER_CASES, ANSWER_COMMANDS, subprocess=False))
def test_answers_in_process(case: FileCase, name: str, argv: Argv, folders: tuple[Path, Path, Path]) -> None:
    _check(case, name, argv, folders, run_in_process)


@pytest.mark.parametrize(("case", "name", "argv"), _params(ANSWER_CASES, ANSWER_COMMANDS, subprocess=True))
def test_answers_as_a_process(case: FileCase, name: str, argv: Argv, folders: tuple[Path, Path, Path]) -> None:
    _check(case, name, argv, folders, run_subprocess)


@pytest.mark.parametrize(("case", "name", "argv"), _params(CSV_CASES, CSV_COMMANDS, subprocess=False))
def test_observations_csv_in_process(case: FileCase, name: str, argv: Argv, folders: tuple[Path, Path, Path]) -> None:
    _check(case, name, argv, folders, run_in_process)


@pytest.mark.parametrize(("case", "name", "argv"), _params(CSV_CASES, CSV_COMMANDS, subprocess=True))
def test_observations_csv_as_a_process(case: FileCase, name: str, argv: Argv, folders: tuple[Path, Path, Path]) -> None:
    _check(case, name, argv, folders, run_subprocess)


@pytest.mark.parametrize(
    ("case", "name", "argv"),
    _params(
        [c for c in INSTRUMENT_CASES if c.name not in ("good", "markup-and-control-text")],
        PROJECT_COMMANDS,
        subprocess=False,
    ),
)
def test_project_file_in_process(case: FileCase, name: str, argv: Argv, folders: tuple[Path, Path, Path]) -> None:
    _check(case, name, argv, folders, run_in_process)


@pytest.mark.parametrize(
    ("case", "name", "argv"),
    [*_params(KEY_CASES, KEY_COMMANDS, subprocess=False), *_params(NAMES_CASES, NAMES_COMMANDS, subprocess=False)],
)
def test_export_key_and_names_files_in_process(
    case: FileCase, name: str, argv: Argv, folders: tuple[Path, Path, Path]
) -> None:
    _check(case, name, argv, folders, run_in_process)


@pytest.mark.parametrize(
    ("case", "name", "argv"),
    [*_params(KEY_CASES, KEY_COMMANDS, subprocess=True), *_params(NAMES_CASES, NAMES_COMMANDS, subprocess=True)],
)
def test_export_key_and_names_files_as_a_process(
    case: FileCase, name: str, argv: Argv, folders: tuple[Path, Path, Path]
) -> None:
    _check(case, name, argv, folders, run_subprocess)


@pytest.mark.parametrize("case", [c for c in INSTRUMENT_CASES if c.name != "missing"], ids=lambda case: case.name)
def test_instruments_lists_a_folder_with_a_hostile_file(case: FileCase, tmp_path: Path) -> None:
    """``instruments`` reads ./instruments/: a bad file there is reported, never a crash."""
    (tmp_path / "instruments").mkdir()
    (tmp_path / "instruments" / "fine.yaml").write_text(INSTRUMENT, encoding="utf-8")
    case.write(tmp_path / "instruments" / "hostile.yaml")
    outcome = (run_in_process if case.in_process else run_subprocess)(["instruments"], tmp_path)
    found = list(problems(outcome))
    if outcome.code not in (0, 1):
        found.append(f"exit {outcome.code}")
    if outcome.code == 0 and "fuzz" not in outcome.out:
        found.append("the good instrument beside it is not listed")
    assert not found, "\n".join(found) + f"\nstdout: {outcome.out[-400:]!r}\nstderr: {outcome.err[-400:]!r}"
