"""`export --format parquet`: one typed row per answer; the README's DuckDB query gives tally's figures."""

import json
import re
import shutil
import stat
import sys
from pathlib import Path

import pytest

from vcf_tui.cli import main
from vcf_tui.export import parquet
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, read_tables

FIXTURES = str(Path(__file__).parent / "fixtures")
README = Path(__file__).parent.parent / "README.md"


def record(path, mini, respondent, values, wave="baseline"):
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, mini, "interview", interviewer="Sam", respondent=respondent, wave=wave)
        for value in values:
            recorder.submit(value)
    return path


@pytest.fixture
def data(tmp_path, mini):
    path = tmp_path / "data.json"
    record(
        path,
        mini,
        "P1",
        (True, "3-5", 4, "Used the drill", ["plans", "drills"], 2.5, None, "A moment", "", "Used it", False, "It did"),
    )
    record(path, mini, "P2", (True, "1-2", 2, "Tried it", [], None), wave="12-months")
    return path


def export_parquet(data, out, *extra):
    assert main(["export", str(data), "--format", "parquet", "-o", str(out), "--instruments", FIXTURES, *extra]) == 0
    return out


def test_one_typed_row_per_answer(data, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    out = export_parquet(data, tmp_path / "out.parquet")
    table = pq.read_table(out)
    answers = [a for a in read_tables(data)["answers"].values() if not a.get("hidden")]
    assert table.num_rows == len(answers)
    types = dict(zip(table.schema.names, table.schema.types, strict=True))
    assert types["cycles"] == pa.list_(pa.string())
    assert types["value"] == pa.string()
    assert types["value_number"] == pa.float64()
    assert types["answered_at"] == pa.timestamp("us", tz="UTC")
    assert types["started_at"] == pa.timestamp("us", tz="UTC")
    assert types["skipped"] == pa.bool_()
    assert types["revision"] == pa.int64()
    rows = {(r["respondent"], r["question_id"]): r for r in table.to_pylist()}
    confidence = rows[("P1", "confidence")]
    assert (confidence["value"], confidence["value_number"], confidence["scale_min"], confidence["scale_max"]) == (
        "4",
        4.0,
        1.0,
        5.0,
    )
    assert rows[("P1", "hours")]["value_number"] == 2.5
    assert rows[("P1", "idea-used")]["cycles"] == ["applied", "realised"]
    assert rows[("P1", "idea-used")]["question_text"] == "Describe an idea you used."
    assert rows[("P1", "tools")]["value"] == "plans; drills"
    assert rows[("P2", "tools")]["skipped"] is True and rows[("P2", "tools")]["value"] is None
    stored = next(a for a in answers if a["question_id"] == "confidence")
    assert confidence["answered_at"].isoformat().replace("+00:00", "Z").startswith(stored["answered_at"][:19])
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_written_in_record_batches(data, tmp_path, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(parquet, "BATCH_ROWS", 3)
    out = export_parquet(data, tmp_path / "out.parquet")
    file = pq.ParquetFile(out)
    assert file.metadata.num_rows == len(read_tables(data)["answers"])
    assert file.metadata.num_row_groups == -(-file.metadata.num_rows // 3)


def test_without_pyarrow_one_line_names_the_extra(data, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "out.parquet"
    assert main(["export", str(data), "--format", "parquet", "-o", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and 'pip install "vcf-tui[analysis]"' in error
    assert not out.exists()


def test_refuses_stdout(data, capsys):
    assert main(["export", str(data), "--format", "parquet", "-o", "-"]) == 1
    assert "-o OUT.parquet" in capsys.readouterr().err


def readme_query(name: str) -> str:
    """The first ```sql block of the README's section ``name``."""
    section = README.read_text().split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```sql\n(.*?)```", section, re.S).group(1)


def test_readme_duckdb_query_gives_the_tally(data, tmp_path, mini, capsys):
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    other = record(tmp_path / "other.json", mini, "P3", (True, "Yes", 5, "Shared it", ["log"], 7))
    with DataFile.open(other) as store:
        session = next(iter(store.tables["sessions"].values()))
        store.put("sessions", dict(session, status="abandoned"))
    record(other, mini, "P4", (True, "3-5", 3, "A plan"), wave="12-months")
    copy = shutil.copy(data, tmp_path / "copy.json")  # the same answers on two laptops count once
    exports = tmp_path / "exports"
    exports.mkdir()
    for n, path in enumerate((data, other, copy)):
        export_parquet(path, exports / f"laptop-{n}.parquet")
    capsys.readouterr()
    assert main(["tally", "--json", str(data), str(other), str(copy)]) == 0
    expected = {row["cycle"]: row for row in json.loads(capsys.readouterr().out)["cycles"] if row["answers"]}
    query = readme_query("Analysing at scale").replace("exports/*.parquet", f"{exports}/*.parquet")
    got = duckdb.sql(query).fetchall()
    assert [row[0] for row in got] == sorted(expected)
    for cycle, sessions, answers, scale_n, mean in got:
        want = expected[cycle]
        assert (sessions, answers, scale_n) == (want["sessions"], want["answers"], want["scale_n"]), cycle
        assert (mean is None and want["scale_mean_pct"] is None) or abs(mean - want["scale_mean_pct"]) < 0.051


def test_a_planted_link_at_the_temporary_path_is_refused_and_never_followed(tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    import os

    from vcf_tui.store.atomic import tmp_path_for

    data = tmp_path / "d.json"
    answers = tmp_path / "a.yaml"
    answers.write_text("respondent: P01\nconsent: true\nanswers: {meetings: None}\n")
    mini = Path(__file__).parent / "fixtures" / "mini.yaml"
    assert main(["ask", str(mini), "--data", str(data), "--answers", str(answers)]) == 0
    out = tmp_path / "out.parquet"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    os.symlink(victim, tmp_path_for(out))
    assert main(["export", str(data), "--format", "parquet", "-o", str(out)]) == 1
    assert victim.read_text() == "keep me" and not out.exists()
