"""Nothing an export shows (a reading pack, the matrix in Markdown, anything written to ``-o -``) carries a raw
control character; CSV and JSON files keep the exact data."""

import csv
import io
import json
import re

import pytest

from tests.golden import golden_copy
from vcf_tui.cli import main

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
BELL_AND_COLOUR = "\x1b[31mred\x07"


@pytest.fixture(autouse=True)
def no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("VCF_TUI_PSEUDONYM_KEY", raising=False)


@pytest.fixture
def data(tmp_path):
    """The golden file with escape sequences, a bell and a C1 CSI in its text answers and its story review."""
    path = golden_copy(tmp_path)
    records = json.loads(path.read_text())
    for answer in records["answers"].values():
        if isinstance(answer["value"], str):
            answer["value"] += BELL_AND_COLOUR + "\x9b2J"
    for review in records["story_reviews"].values():
        review["note"] += "\x1b]0;title\x07"
    path.write_text(json.dumps(records))
    return path


def export(data, fmt, out, *extra):
    return main(["export", str(data), "--format", fmt, "-o", str(out), *extra])


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "pack.md"), ("matrix", "matrix.md")])
def test_reading_views_show_control_characters_as_visible_escapes(data, tmp_path, fmt, name):
    assert export(data, fmt, tmp_path / name) == 0
    text = (tmp_path / name).read_text()
    assert not RAW_CONTROL.search(text)
    assert r"\\x1b\[31mred\\x07" in text  # the escapes, themselves escaped as Markdown text
    assert r"\\x9b2J" in text


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown", "matrix"])
def test_nothing_written_to_stdout_carries_a_raw_control_character(data, capsys, fmt):
    assert export(data, fmt, "-") == 0
    out = capsys.readouterr().out
    assert out and not RAW_CONTROL.search(out)


def test_csv_on_stdout_shows_escapes_and_a_csv_file_keeps_the_exact_data(data, tmp_path, capsys):
    assert export(data, "csv", "-") == 0
    shown = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert export(data, "csv", tmp_path / "out.csv") == 0
    kept = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(), newline="")))
    by_id = {r["question_id"]: r["value"] for r in kept if r["respondent"] == "Alice Jones"}
    assert by_id["story[2].applied"] == "a | b" + BELL_AND_COLOUR + "\x9b2J"
    shown_by_id = {r["question_id"]: r["value"] for r in shown if r["respondent"] == "Alice Jones"}
    assert shown_by_id["story[2].applied"] == r"a | b\x1b[31mred\x07\x9b2J"


def test_json_on_stdout_is_valid_json_with_the_exact_data(data, tmp_path, capsys):
    assert export(data, "json", "-") == 0
    out = capsys.readouterr().out
    assert "\\u009b2J" in out
    assert export(data, "json", tmp_path / "out.json") == 0
    assert json.loads(out) == json.loads((tmp_path / "out.json").read_text())


def test_a_file_named_with_an_escape_sequence_is_shown_escaped(tmp_path, capsys):
    data = golden_copy(tmp_path).rename(tmp_path / "d\x1b[2Jx.json")
    assert export(data, "csv", "-") == 0
    out = capsys.readouterr().out
    assert not RAW_CONTROL.search(out) and r"d\x1b[2Jx.json" in out
    assert export(data, "csv", tmp_path / "o\x07.csv") == 0
    said = capsys.readouterr().out
    assert not RAW_CONTROL.search(said.rstrip("\n")) and r"o\x07.csv" in said
    rows = list(csv.DictReader(io.StringIO((tmp_path / "o\x07.csv").read_text(), newline="")))
    assert {r["source_file"] for r in rows} == {str(data)}  # the file keeps the exact name
