"""Exports are safe to open and never touch their inputs or replace what is not a plain file."""

import csv
import io
import os
from pathlib import Path

import pytest

from tests.golden import golden_copy
from vcf_tui.cli import main

FORMATS = ("csv", "wide-csv", "json", "markdown")


@pytest.fixture(autouse=True)
def no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("VCF_TUI_PSEUDONYM_KEY", raising=False)


@pytest.fixture
def data(tmp_path):
    return golden_copy(tmp_path)


def export(data, out, fmt, *extra):
    return main(["export", str(data), "--format", fmt, "-o", str(out), *extra])


def test_cells_that_a_spreadsheet_would_run_start_with_a_quote():
    from vcf_tui.export.cells import csv_field

    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx"):
        assert csv_field(text) == "'" + text
    assert csv_field("\rx") == '"\'\rx"' and csv_field('=A1&"x"') == '"\'=A1&""x"""'
    assert csv_field(-3) == "-3" and csv_field(2.5) == "2.5" and csv_field("a-b") == "a-b"
    assert csv_field(["-x", "y"]) == "'-x; y" and csv_field(None) == "" and csv_field(True) == "True"


def test_csv_exports_neutralise_formulas_and_keep_rows_whole(data, tmp_path):
    assert export(data, tmp_path / "long.csv", "csv") == 0
    text = (tmp_path / "long.csv").read_bytes().decode()
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    values = {r["question_id"]: r["value"] for r in rows if r["respondent"] == "Alice Jones"}
    assert values["why"].startswith("'=HYPERLINK(") and values["score"] == "-3"
    assert values["story[1].applied"] == "'-used it with alice" and values["story[2].moment"] == "'@once"
    assert (
        next(r["value"] for r in rows if r["respondent"] == "Bob Brown" and r["question_id"] == "role") == "'=Trainer"
    )
    assert '"\'=HYPERLINK(""http://x.test"")\r\n' in text  # the CR LF inside the cell is quoted
    assert len(rows) == 16


def test_a_lone_carriage_return_is_quoted():
    from vcf_tui.export.cells import csv_table

    text = csv_table(["a", "b"], [["x\ry", 1]])
    assert text == 'a,b\n"x\ry",1\n'
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "b"], ["x\ry", "1"]]


def test_wide_csv_headers_are_neutralised_too(data, tmp_path):
    text = data.read_text().replace('"question_id": "contact"', '"question_id": "=cmd()"')
    data.write_text(text)
    assert export(data, tmp_path / "wide.csv", "wide-csv") == 0
    header = (tmp_path / "wide.csv").read_text().splitlines()[0].split(",")
    assert "'=cmd()" in header and "=cmd()" not in header


def test_reading_pack_shows_html_and_markdown_as_text(data, tmp_path):
    assert export(data, tmp_path / "pack.md", "markdown") == 0
    text = (tmp_path / "pack.md").read_text()
    assert "<script>" not in text and "<em>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "Why did it &lt;em&gt;matter&lt;/em&gt;?" in text
    assert "A story &lt;script&gt;x&lt;/script&gt;, story 1" in text
    assert r"a \| b" in text and r"\*bold\* \[link\]" in text
    from vcf_tui.export.cells import markdown_text

    assert markdown_text("line one\n# not a heading") == r"line one \# not a heading"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("private", [False, True])
def test_an_export_never_writes_to_its_inputs(data, tmp_path, fmt, private):
    data.write_text(data.read_text().replace('"pseudonym_key"', '"round_1_note"'))  # no legacy key to fall back on
    before = (data.read_bytes(), data.stat().st_mtime_ns, sorted(os.listdir(tmp_path)))
    extra = ("--pseudonymise",) if private else ()
    (tmp_path / "out").mkdir()
    assert export(data, tmp_path / "out" / "x", fmt, *extra) == 0
    assert (data.read_bytes(), data.stat().st_mtime_ns) == before[:2]
    assert sorted(p for p in os.listdir(tmp_path) if p not in ("out", "config")) == before[2]


def refused(data, out, capsys, fmt="csv"):
    assert export(data, out, fmt) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"vcf-tui: {out}")
    return err


def test_output_onto_a_symlink_is_refused(data, tmp_path, capsys):
    target = tmp_path / "target.csv"
    target.write_text("keep me")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert "symbolic link" in refused(data, link, capsys)
    assert link.is_symlink() and target.read_text() == "keep me"


def test_output_onto_a_fifo_or_device_is_refused(data, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(data, fifo, capsys)
    assert fifo.exists() and not fifo.is_file()
    assert "not a regular file" in refused(data, Path("/dev/null"), capsys)
    assert Path("/dev/null").is_char_device()


def test_output_onto_an_input_is_refused(data, tmp_path, capsys):
    before = data.read_bytes()
    assert "is an input" in refused(data, data, capsys)
    assert "is an input" in refused(data, tmp_path / "." / "data.json", capsys)
    assert data.read_bytes() == before
    renamed = tmp_path / "w.codebook.csv"
    data.rename(renamed)
    assert export(renamed, tmp_path / "w.csv", "wide-csv") == 1  # the codebook would replace the input
    assert "is an input" in capsys.readouterr().err
