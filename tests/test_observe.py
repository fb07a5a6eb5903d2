"""Importing indicator observations from CSV: checked whole, all or nothing, never twice."""

import shutil
from pathlib import Path

import pytest

from vcf_tui.analysis.tally import tally
from vcf_tui.cli import main
from vcf_tui.store import read_tables

EXAMPLES = Path(__file__).parent.parent / "examples"
PROJECT = str(EXAMPLES / "vcf-project.yaml")


@pytest.fixture
def data(tmp_path):
    return tmp_path / "d.json"


def test_example_file_imports_once(data, capsys):
    csv = str(EXAMPLES / "observations.csv")
    assert main(["observe", "import", csv, "--data", str(data), "--project", PROJECT]) == 0
    assert "imported 5 observations" in capsys.readouterr().out
    records = read_tables(data)["observations"]
    by_indicator = {}
    for record in records.values():
        by_indicator.setdefault(record["indicator"], []).append(record)
    first = next(r for r in by_indicator["attendance"] if r["period"] == "baseline")
    assert first["value"] == 14 and first["cycle"] == "immediate" and first["scope"] == "group"
    assert first["source"] == "meet-up register" and first["note"] == "first meet-up"
    assert first["source_file"] == "observations.csv" and first["imported_at"].endswith("Z")
    outcome = by_indicator["athlete-outcomes"][0]
    assert outcome["cycle"] == "realised" and outcome["period"] == "2019-09-30"
    # a second import, even of a renamed copy, adds nothing
    copy = data.parent / "copy.csv"
    shutil.copy(csv, copy)
    assert main(["observe", "import", str(copy), "--data", str(data), "--project", PROJECT]) == 0
    assert "imported 0 observations from" in (out := capsys.readouterr().out) and "(5 already there)" in out
    assert read_tables(data)["observations"] == records
    # and the tally shows them beside the answers
    by = {row["cycle"]: row for row in tally(read_tables(data))["cycles"]}
    assert by["immediate"]["observations"] == 3 and by["applied"]["observations"] == 1
    assert by["realised"]["observations"] == 1


def test_bad_rows_named_by_line_and_nothing_imported(data, capsys):
    bad = data.parent / "bad.csv"
    bad.write_text(
        "indicator,value,period,scope,source,note\n"
        "attendance,12,baseline,group,register,\n"
        "attendence,3,baseline,,,\n"
        '"ideas-used","about ten","5-months",,,"a note\nover two lines"\n'
        "athlete-outcomes,7,next-year,team,,\n"
    )
    assert main(["observe", "import", str(bad), "--data", str(data), "--project", PROJECT]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"vcf-tui: {bad}:3: unknown indicator 'attendence' (the project's: attendance, ideas-used, "
        "practice-change, athlete-outcomes)",
        f"{bad}:4: value 'about ten' is not a number",
        f"{bad}:6: period 'next-year' is neither a wave of the project (baseline, 5-months, 12-months) "
        "nor an ISO date (YYYY-MM-DD)",
        f"{bad}:6: scope 'team' must be one of individual, group, organisation",
        f"{bad}: nothing was imported",
    ]
    assert not data.exists()


def test_header_and_project_are_required(data, tmp_path, capsys, monkeypatch):
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,amount\nattendance,3\n")
    assert main(["observe", "import", str(bad), "--data", str(data), "--project", PROJECT]) == 1
    assert "bad.csv:1: unknown column 'amount'; missing column 'value'" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert main(["observe", "import", str(bad), "--data", str(data)]) == 1
    assert "needs the project's indicators" in capsys.readouterr().err
