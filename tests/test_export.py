"""Exports round-trip the values; pseudonyms are stable and carry no names."""

import csv
import io
import json
from pathlib import Path

import pytest

from vcf_tui.cli import main
from vcf_tui.export.pseudonyms import pseudonym
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, read_tables


@pytest.fixture
def data(tmp_path, mini):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        first = Recorder.start(store, mini, "interview", interviewer="Sam Smith", respondent="Alice Jones",
                               wave="baseline")
        for value in (True, "3-5", 4, "Used the drill;\nwith \"quotes\", commas", ["plans", "Other: a, b"], 2.5,
                      None, "A moment", "", "Used it", False, "It did"):
            first.submit(value)
        second = Recorder.start(store, mini, "self", respondent="Bob")
        for value in (True, "None"):
            second.submit(value)
    return path


def run_export(data, tmp_path, fmt, *extra):
    out = tmp_path / f"out.{fmt}"
    fixtures = str(Path(__file__).parent / "fixtures")
    assert main(["export", str(data), "--format", fmt, "-o", str(out), "--instruments", fixtures, *extra]) == 0
    return out.read_text()


def stored_values(data):
    return {(a["session_id"], a["question_id"]): a["value"] for a in read_tables(data)["answers"].values()}


def parse_cell(text, kind):
    if text == "":
        return None
    if kind == "multi":
        return text.split("; ")
    if kind in ("scale", "number"):
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


def test_csv_round_trips_every_value(data, tmp_path):
    rows = list(csv.DictReader(io.StringIO(run_export(data, tmp_path, "csv"))))
    back = {(r["session_id"], r["question_id"]): parse_cell(r["value"], r["type"]) for r in rows}
    assert back == stored_values(data)
    story = next(r for r in rows if r["question_id"] == "story[1].used")
    assert (story["story_section"], story["story_instance"], story["story_step"], story["cycles"]) == \
        ("story", "1", "used", "applied")
    idea = next(r for r in rows if r["question_id"] == "idea-used")
    assert idea["question_text"] == "Describe an idea you used." and idea["cycles"] == "applied; realised"


def test_wide_csv_has_a_row_per_session(data, tmp_path):
    rows = list(csv.DictReader(io.StringIO(run_export(data, tmp_path, "wide-csv"))))
    assert [r["respondent"] for r in rows] == ["Alice Jones", "Bob"]
    assert rows[0]["tools"] == "plans; Other: a, b" and rows[0]["story[1].immediate"] == "A moment"
    assert rows[1]["meetings"] == "None" and rows[1]["confidence"] == ""


def test_json_nests_answers(data, tmp_path):
    exported = json.loads(run_export(data, tmp_path, "json"))
    back = {(s["session_id"], a["question_id"]): a["value"] for s in exported["sessions"] for a in s["answers"]}
    assert back == stored_values(data)


def test_markdown_reading_pack(data, tmp_path):
    text = run_export(data, tmp_path, "markdown")
    assert "| Applied value | 1 | 3 | - | 1 | 0 |" in text
    assert "### Applied value" in text and "Used the drill; with \"quotes\", commas" in text
    assert "### Alice Jones: A story, story 1" in text
    assert text.index("**Immediate value**: A moment") < text.index("**Applied value**: Used it")


def test_pseudonyms_are_stable_and_free_of_names(data, tmp_path):
    first = run_export(data, tmp_path, "csv", "--pseudonymise", "--key", "secret")
    second = run_export(data, tmp_path, "csv", "--pseudonymise", "--key", "secret")
    assert first == second
    for name in ("Alice", "Jones", "Sam", "Smith", "Bob"):
        assert name not in first
    rows = list(csv.DictReader(io.StringIO(first)))
    assert rows[0]["respondent"] == pseudonym("secret", "respondent", "Alice Jones")
    assert rows[0]["respondent"].startswith("R-") and rows[0]["interviewer"].startswith("I-")
    other_key = run_export(data, tmp_path, "csv", "--pseudonymise", "--key", "other")
    assert rows[0]["respondent"] not in other_key


def test_key_kept_in_meta_when_none_is_given(data, tmp_path, monkeypatch):
    monkeypatch.delenv("VCF_TUI_PSEUDONYM_KEY", raising=False)
    first = run_export(data, tmp_path, "wide-csv", "--pseudonymise")
    key = next(iter(read_tables(data)["meta"].values()))["pseudonym_key"]
    assert len(key) == 64
    assert run_export(data, tmp_path, "wide-csv", "--pseudonymise") == first
    assert "Alice" not in first
