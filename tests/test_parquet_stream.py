"""export --format parquet read in batches writes the rows reading the files whole writes, for any input."""

from __future__ import annotations

import functools
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.test_json_export_stream import KEY, answer, varied
from vcf_tui.cli import main
from vcf_tui.export import parquet, sources, streamed
from vcf_tui.store import DataFile, streaming
from vcf_tui.store.batches import table_batches
from vcf_tui.store.journal import journal_path
from vcf_tui.store.streaming import WholeLoadNeeded

pq = pytest.importorskip("pyarrow.parquet")

FIXTURES = Path(__file__).parent / "fixtures"
PRIVACY = {
    "plain": (),
    "pseudonymised": ("--pseudonymise", "--key-file", "KEY"),
    "redacted": ("--pseudonymise", "--key-file", "KEY", "--redact-names", "NAMES"),
}


@pytest.fixture(autouse=True, params=[64, None], ids=["small-batches", "default-batches"])
def batch_size(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with batches of a few records, and with the default."""
    if request.param:
        monkeypatch.setattr(streaming, "table_batches", functools.partial(table_batches, batch_bytes=request.param))


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VCF_TUI_PSEUDONYM_KEY", raising=False)


def exported(
    paths: list[Path], folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any, *options: str, whole: Any = False
) -> tuple[list[dict[str, Any]], str, str]:
    """(rows, stdout, stderr) of a parquet export, read in batches, or read whole (``whole`` True), or as the export
    chooses (``whole`` None)."""
    out = folder / ("whole.parquet" if whole else "streamed.parquet")
    with monkeypatch.context() as patch:
        if whole:
            patch.setattr(streamed, "read_streamed", _needs_whole)
        elif whole is not None:
            patch.setattr(sources, "read_sources", _not_whole)
        rest = ["--instruments", str(FIXTURES), *options]
        code = main(["export", *map(str, paths), "--format", "parquet", "-o", str(out), *rest])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    table = pq.read_table(out)
    assert table.schema == parquet.schema(pytest.importorskip("pyarrow"))
    return table.to_pylist(), captured.out.replace(str(out), "OUT"), captured.err


def _needs_whole(paths: list[str], **options: Any) -> Any:
    raise WholeLoadNeeded("this test reads the files whole")


def _not_whole(paths: list[str]) -> Any:
    raise AssertionError("read whole where batches would do")


def same_both_ways(paths: list[Path], tmp_path: Path, monkeypatch: Any, capsys: Any, *options: str) -> list[dict]:
    whole = exported(paths, tmp_path, monkeypatch, capsys, *options, whole=True)
    batched = exported(paths, tmp_path, monkeypatch, capsys, *options)
    assert batched[0] == whole[0]
    assert batched[1:] == whole[1:]
    return batched[0]


@pytest.mark.parametrize("privacy", PRIVACY)
@pytest.mark.parametrize("seed", range(4))
def test_varied_files_export_as_when_read_whole(tmp_path: Path, monkeypatch: Any, capsys: Any, seed, privacy) -> None:
    (tmp_path / "key").write_text(KEY)
    (tmp_path / "names.txt").write_text("Ann Lee\nBob\n")
    options = [{"KEY": str(tmp_path / "key"), "NAMES": str(tmp_path / "names.txt")}.get(o, o) for o in PRIVACY[privacy]]
    path = varied(tmp_path / "data.json", seed)
    rows = same_both_ways([path], tmp_path, monkeypatch, capsys, *options)
    assert len({row["session_id"] for row in rows}) > 1
    assert any(row["loop"] for row in rows) or seed != 0
    assert any(row["question_text"] for row in rows)
    stored = json.loads(path.read_text())
    personal = {a["answer_id"] for a in stored["answers"].values() if a.get("personal") is True}
    respondents = {row["respondent"] for row in rows}
    if privacy == "plain":
        assert personal & {row["answer_id"] for row in rows}
        assert "Ann Lee" in respondents or "Bob" in respondents
    else:
        assert not personal & {row["answer_id"] for row in rows}
        assert not {"Ann Lee", "Bob"} & respondents
    if privacy == "redacted":
        assert not any("Ann Lee" in str(row["value"]) for row in rows)
        assert any("[person-1]" in str(row["value"]) for row in rows)


def test_several_files(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    paths = [varied(tmp_path / "one.json", 11), varied(tmp_path / "two.json", 12, sessions=3, recorded=False)]
    rows = same_both_ways(paths, tmp_path, monkeypatch, capsys)
    assert {row["source_file"] for row in rows} == {str(p) for p in paths}


def test_a_file_being_written_exports_with_its_journal(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    path = varied(tmp_path / "data.json", 5)
    rng = random.Random(5)
    with DataFile.open(path) as store:
        shown = [a for a in store.tables["answers"].values() if not a.get("hidden") and "question_id" in a]
        first = next(a for a in shown if a["session_id"] == "f5-s0")
        store.put("answers", {**first, "value": "changed in the journal", "revision": 9})
        store.put_many([("answers", answer(rng, 500 + n, "f5-s0")) for n in range(20)])
        assert journal_path(path).exists()
        rows = same_both_ways([path], tmp_path, monkeypatch, capsys)
    changed = [row for row in rows if row["answer_id"] == first["answer_id"]]
    assert [(row["value"], row["revision"]) for row in changed] == [("changed in the journal", 9)]


def test_left_out_records_are_reported_once(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    path = varied(tmp_path / "data.json", 7)
    document = json.loads(path.read_text())
    document["answers"]["9999"] = {"answer_id": "bad", "session_id": "f7-s0", "value": {"an": "object"}}
    document["codings"]["9999"] = {"no": "coding_id"}
    path.write_text(json.dumps(document))
    rows = same_both_ways([path], tmp_path, monkeypatch, capsys)
    assert "bad" not in {row["answer_id"] for row in rows}
    _, _, err = exported([path], tmp_path, monkeypatch, capsys)
    assert err.count("left out") == 2
    assert "answers record 9999 left out" in err and "codings record 9999 left out" in err


def test_files_that_must_be_read_whole_still_export(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    path = varied(tmp_path / "data.json", 8)
    copy = tmp_path / "copy.json"
    shutil.copy(path, copy)
    whole = exported([path, copy], tmp_path, monkeypatch, capsys, whole=True)
    assert exported([path, copy], tmp_path, monkeypatch, capsys, whole=None) == whole


def test_rows_span_record_batches(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.setattr(parquet, "BATCH_ROWS", 5)
    paths = [varied(tmp_path / "one.json", 21), varied(tmp_path / "two.json", 22, recorded=False)]
    rows = same_both_ways(paths, tmp_path, monkeypatch, capsys)
    assert len(rows) > 2 * parquet.BATCH_ROWS
    assert pq.ParquetFile(tmp_path / "streamed.parquet").metadata.num_row_groups == -(-len(rows) // 5)


def test_no_sessions(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    path = tmp_path / "empty.json"
    with DataFile.open(path):
        pass
    assert same_both_ways([path], tmp_path, monkeypatch, capsys) == []
