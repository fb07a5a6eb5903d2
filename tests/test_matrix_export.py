"""The value-creation matrix export, and a told story with a loop kept in its told order by every export."""

import csv
import importlib.util
import io
import json
import shlex
import shutil
from pathlib import Path

import pytest

from tests.golden import golden_copy
from vcf_tui.cli import main

ROOT = Path(__file__).parent.parent
TOLD = str(Path(__file__).parent / "fixtures" / "told.yaml")
# (cycle, text, evidence) in the order told: applied, realised, back to immediate (a loop), applied again
TOLD_STEPS = [
    ("applied", "=Used the passing drill with Ann", "my session plan"),
    ("realised", "Fewer turnovers, <b>Ann</b> said", "the match stats"),
    ("immediate", "Showed it at the next meet-up", "the meet-up notes"),
    ("applied", "Two others now use it", "their plans"),
]
EXPORTS = ("csv", "wide-csv", "json", "markdown", "matrix-csv", "matrix-md")
PARQUET = ("parquet",) if importlib.util.find_spec("pyarrow") else ()  # the optional extra, when installed


@pytest.fixture(autouse=True)
def no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("VCF_TUI_PSEUDONYM_KEY", raising=False)


def replay(tmp_path, name, respondent, steps):
    answers = tmp_path / f"{name}.yaml"
    story = {"steps": [{"cycle": c, "text": t, "evidence": e} for c, t, e in steps], "answers": {"contribution": 4}}
    answers.write_text(json.dumps({"respondent": respondent, "answers": {}, "stories": {"story": [story]}}))
    data = tmp_path / f"{name}.json"
    assert main(["ask", TOLD, "--data", str(data), "--answers", str(answers)]) == 0
    return data


def export(tmp_path, data, fmt, *extra):
    suffix = {"matrix-md": ".md", "markdown": ".md", "json": ".json", "parquet": ".parquet"}.get(fmt, ".csv")
    out = tmp_path / f"out-{fmt}{suffix}"
    out.unlink(missing_ok=True)
    fmt = fmt.split("-")[0] if fmt.startswith("matrix") else fmt
    assert main(["export", str(data), "--format", fmt, "-o", str(out), *extra]) == 0
    if fmt == "parquet":
        from pyarrow import parquet

        return parquet.read_table(out).to_pylist()
    return out.read_text(encoding="utf-8")


def told_texts(fmt, text):
    """The told story's (text, evidence, loops back) per step, in the order the export gives them."""
    if fmt in ("csv", "parquet"):
        rows = text if fmt == "parquet" else list(csv.DictReader(io.StringIO(text, newline="")))
        rows = [r for r in rows if r["story_section"] == "story" and r["respondent"] == "P1" and r["story_step"]]
        return [(r["value"].removeprefix("'"), r["evidence_text"], r["loop"] in ("yes", True)) for r in rows]
    if fmt == "wide-csv":
        row = next(r for r in csv.DictReader(io.StringIO(text, newline="")) if r["respondent"] == "P1")
        keys = [f"story[1].step-{k}" for k in range(1, 5)]
        return [(row[k].removeprefix("'"), row[f"{k}.evidence"], None) for k in keys]
    if fmt == "json":
        session = next(s for s in json.loads(text)["sessions"] if s["respondent"] == "P1")
        return [
            (a["value"], a["evidence_text"], None)
            for a in session["answers"]
            if (a["story"] or {}).get("section") == "story"
        ]
    if fmt == "markdown":
        heading = next(h for h in text.split("\n### ")[1:] if h.startswith("P1 · session "))
        assert heading.split("\n", 1)[0].endswith(": A value-creation story, story 1 (told in the narrator's order)")
        story = heading.split("\n", 1)[1]
        return [line for line in story.splitlines() if line[:2] in {f"{k}." for k in range(1, 5)} or line[:4] == "   -"]
    if fmt == "matrix-csv":
        row = next(r for r in csv.DictReader(io.StringIO(text, newline="")) if r["respondent"] == "P1")
        return {cycle: row[cycle] for cycle in ("immediate", "applied", "realised")}
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("| | review |")).removesuffix(" |")
    row = next(line for line in lines if line.startswith("| **P1**"))
    return dict(zip(header.split(" | ")[1:], row.removesuffix(" |").split(" | ")[1:], strict=True))


def check_told_story(fmt, text):
    found = told_texts(fmt, text)
    if fmt in ("csv", "parquet", "wide-csv", "json"):
        assert [(t, e) for t, e, _ in found] == [(t, e) for _, t, e in TOLD_STEPS]
        if fmt in ("csv", "parquet"):
            assert [loop for _, _, loop in found] == [False, False, True, False]
    elif fmt == "markdown":
        assert found == [
            "1. **Applied value**: =Used the passing drill with Ann",
            "   - Evidence: my session plan",
            "2. **Realized value**: Fewer turnovers, &lt;b&gt;Ann&lt;/b&gt; said",
            "   - Evidence: the match stats",
            "3. **Immediate value** (loops back): Showed it at the next meet-up",
            "   - Evidence: the meet-up notes",
            "4. **Applied value**: Two others now use it",
            "   - Evidence: their plans",
        ]
    elif fmt == "matrix-csv":
        assert found == {
            "immediate": "3. Showed it at the next meet-up (loops back) [evidence: the meet-up notes]",
            "applied": "1. =Used the passing drill with Ann [evidence: my session plan]\n"
            "4. Two others now use it [evidence: their plans]",
            "realised": "2. Fewer turnovers, <b>Ann</b> said [evidence: the match stats]",
        }
    else:
        assert (
            found["Immediate value"]
            == "3. Showed it at the next meet-up (loops back) \\[evidence: the meet-up notes\\]"
        )
        assert found["Applied value"] == (
            "1. =Used the passing drill with Ann \\[evidence: my session plan\\]<br>"
            "4. Two others now use it \\[evidence: their plans\\]"
        )
        assert (
            found["Realized value"] == "2. Fewer turnovers, &lt;b&gt;Ann&lt;/b&gt; said \\[evidence: the match stats\\]"
        )


def test_a_told_story_with_a_loop_survives_merge_and_every_export(tmp_path):
    first = replay(tmp_path, "first", "P1", TOLD_STEPS)
    copy = tmp_path / "copy.json"
    shutil.copyfile(first, copy)
    other = replay(tmp_path, "other", "P2", [("immediate", "A talk", "the agenda")])
    merged = tmp_path / "merged.json"
    assert main(["merge", str(first), str(copy), str(other), "-o", str(merged)]) == 0
    for fmt in EXPORTS + PARQUET:
        check_told_story(fmt, export(tmp_path, merged, fmt))


def test_the_matrix_format_follows_the_output_suffix_and_writes_csv_to_stdout(tmp_path, capsys):
    data = replay(tmp_path, "first", "P1", TOLD_STEPS)
    assert export(tmp_path, data, "matrix-md").startswith("# Value-creation matrix\n")
    assert export(tmp_path, data, "matrix-csv").startswith("row,respondent,session_id,")
    capsys.readouterr()
    assert main(["export", str(data), "--format", "matrix", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("row,respondent,session_id,wave,section,story,kind,")


def test_the_matrix_refuses_an_output_name_it_cannot_tell_the_format_of(tmp_path, capsys):
    data = replay(tmp_path, "first", "P1", TOLD_STEPS)
    out = tmp_path / "out.txt"
    capsys.readouterr()
    assert main(["export", str(data), "--format", "matrix", "-o", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "out.txt" in error and ".csv" in error and ".md" in error
    assert not out.exists()


def test_the_matrix_lists_the_projects_indicators_in_its_order(tmp_path):
    data = replay(tmp_path, "first", "P1", TOLD_STEPS)
    project = str(ROOT / "examples" / "vcf-project.yaml")
    observations = str(ROOT / "examples" / "observations.csv")
    assert main(["observe", "import", observations, "--data", str(data), "--project", project]) == 0
    rows = list(csv.DictReader(io.StringIO(export(tmp_path, data, "matrix-csv", "--project", project), newline="")))
    indicators = [r for r in rows if r["row"] == "indicator"]
    assert [r["indicator"] for r in indicators] == ["attendance", "ideas-used", "practice-change", "athlete-outcomes"]
    assert indicators[0]["immediate"].splitlines() == [
        "observed baseline: 14 (group, meet-up register; first meet-up)",
        "observed 5-months: 11 (group, meet-up register)",
        "observed 12-months: 12 (group, meet-up register; two new coaches)",
    ]
    assert indicators[2]["applied"] == "no answers or observations"
    assert [r["kind"] for r in rows if r["row"] == "story"] == ["told"]


def test_a_pseudonymised_matrix_hides_names_and_personal_answers(tmp_path):
    data = golden_copy(tmp_path)
    names = tmp_path / "names.txt"
    names.write_text("Bob Brown\n")
    private = ("--pseudonymise", "--key-file", str(Path(__file__).parent / "golden" / "test.key"))
    for fmt in ("matrix-csv", "matrix-md"):
        text = export(tmp_path, data, fmt, *private, "--redact-names", str(names))
        assert "Alice Jones" not in text and "Bob Brown" not in text and "R-" in text
        assert "[person-1]'s club won" in text.replace("\\[", "[").replace("\\]", "]")
    plain = export(tmp_path, data, "matrix-csv")
    assert "Alice Jones" in plain and "alice@example.org" not in plain  # the personal contact answer never shows


def readme_matrix_commands() -> list[str]:
    """The shell block of README's 'Working with the framework' that ends in a matrix export."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Working with the framework", 1)[1]
    blocks = [b.split("```", 1)[0] for b in section.split("\n## ", 1)[0].split("```sh\n")[1:]]
    block = next(b for b in blocks if "--format matrix" in b)
    return [line for line in block.splitlines() if line.strip()]


def test_the_readme_matrix_commands_run_as_written(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    commands = readme_matrix_commands()
    assert len(commands) == 3 and all(c.startswith("vcf-tui ") for c in commands)
    for command in commands:
        assert main(shlex.split(command)[1:]) == 0, command
    matrix = (tmp_path / "matrix.md").read_text(encoding="utf-8")
    stories = [line for line in matrix.splitlines() if line.startswith("| **")]
    assert len(stories) == 1 and "(loops back)" in stories[0] and "[evidence:" in stories[0].replace("\\", "")
    indicators = [line for line in matrix.splitlines() if line.startswith("| indicator ")]
    assert len(indicators) == 4 and "observed baseline: 14" in indicators[0]
