"""Streamed records are exactly the records ``load`` gives, or the stream says the files must be read whole."""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES
from vcf_tui.store import DataFile, StoreError, load, streaming
from vcf_tui.store.batches import table_batches
from vcf_tui.store.journal import journal_path
from vcf_tui.store.streaming import WholeLoadNeeded, stream_files


@pytest.fixture(autouse=True, params=[64, None], ids=["small-batches", "default-batches"])
def batch_size(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with batches of a few records, and with the default (one batch for these files)."""
    if request.param:
        monkeypatch.setattr(streaming, "table_batches", functools.partial(table_batches, batch_bytes=request.param))


def streamed(paths: list[Any]) -> tuple[dict, list[str]]:
    warnings: list[str] = []
    tables: dict[str, dict] = {}
    for table, records in stream_files(paths, warnings):
        tables.setdefault(table, {}).update(records)
    return {t: r for t, r in tables.items() if r}, warnings


def loaded(path: Path) -> tuple[dict, list[str]]:
    result = load(path)
    return {t: r for t, r in result.tables.items() if r}, result.warnings


def answer(n: int, session: str = "s1", **extra: Any) -> dict:
    return {"answer_id": f"a{n}", "session_id": session, "question_id": f"q{n}", "value": n, **extra}


def written(path: Path, answers: int = 300) -> Path:
    with DataFile.open(path) as store:
        store.put("sessions", {"session_id": "s1", "instrument_id": "i", "status": "in_progress"})
        store.put_many([("answers", answer(n)) for n in range(answers)])
    return path


def test_a_closed_file_streams_as_it_loads(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    tables, warnings = streamed([path])
    assert (tables, warnings) == loaded(path)
    assert len(tables["answers"]) == 300


def test_a_file_being_written_streams_with_its_journal_in_place(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    with DataFile.open(path) as store:
        store.put("answers", answer(5, value="changed"))  # replaces a snapshot record, in its place
        store.put("answers", answer(1000))  # a new one, after the others
        store.put("codings", {"coding_id": "c1", "answer_id": "a5", "cycle": "applied"})
        tables, warnings = streamed([path])
        assert (tables, warnings) == loaded(path)
        assert tables["answers"]["a5"]["value"] == "changed"
        assert list(tables["answers"])[-1] == "a1000"
        assert list(tables["answers"]).index("a5") == 5


def test_left_out_records_and_unknown_tables_match_load(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    document = json.loads(path.read_text())
    document["answers"]["9999"] = {"no": "answer_id"}
    document["future_table"] = {"1": {"anything": [1, 2]}}
    path.write_text(json.dumps(document, indent=4))
    tables, warnings = streamed([path])
    assert (tables, warnings) == loaded(path)
    assert len(warnings) == 1 and "answers record 9999 left out" in warnings[0]
    assert list(tables["future_table"].values()) == [{"anything": [1, 2]}]


@pytest.mark.parametrize("name", ["closed.json", "killed.json"])
def test_round_one_files_stream_as_they_load_or_ask_to_be_read_whole(tmp_path: Path, name: str) -> None:
    for source in (FIXTURES / "round1").glob(name + "*"):
        shutil.copy(source, tmp_path / source.name)
    path = tmp_path / name
    try:
        tables, warnings = streamed([path])
    except WholeLoadNeeded:
        return
    assert (tables, warnings) == loaded(path)


def test_copies_of_one_file_must_be_read_whole(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    copy = tmp_path / "copy.json"
    shutil.copy(path, copy)
    with pytest.raises(WholeLoadNeeded):
        streamed([path, copy])


def test_two_files_stream_one_after_the_other(tmp_path: Path) -> None:
    first = written(tmp_path / "one.json")
    second = tmp_path / "two.json"
    with DataFile.open(second) as store:
        store.put("sessions", {"session_id": "s2", "instrument_id": "i", "status": "complete"})
        store.put_many([("answers", answer(n, "s2") | {"answer_id": f"b{n}"}) for n in range(10)])
    tables, _ = streamed([first, second])
    assert len(tables["answers"]) == 310
    assert set(tables["sessions"]) == {"s1", "s2"}
    assert len(tables["meta"]) == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["answers"].update({"1": d["answers"]["2"]}),  # one key under two document ids
        lambda d: d.update(answers=dict(reversed(d["answers"].items()))),  # ids out of order
        lambda d: d.update(meta=d.pop("meta")),  # meta last
    ],
)
def test_what_load_alone_reads_exactly_is_left_to_load(tmp_path: Path, change: Any) -> None:
    path = written(tmp_path / "data.json")
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))
    with pytest.raises(WholeLoadNeeded):
        streamed([path])


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty file"),
        ('{"meta": {}}', "no 'meta' table"),
        ('{"meta": {"1": {"schema": 99, "file_id": "f"}}, "answers": {}}', "newer vcf-tui"),
    ],
)
def test_unusable_files_fail_as_load_fails(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "data.json"
    path.write_text(text)
    with pytest.raises(StoreError, match=message):
        streamed([path])
    with pytest.raises(StoreError, match=message):
        load(path)


def test_a_foreign_journal_is_refused_as_load_refuses_it(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    other = written(tmp_path / "other.json")
    with DataFile.open(other) as store:
        store.put("answers", answer(7000))
        shutil.copy(journal_path(other), journal_path(path))
    with pytest.raises(StoreError, match="belongs to another data file"):
        streamed([path])


def test_files_recorded_with_one_instrument_stream_it_once(tmp_path: Path) -> None:
    instrument = {"instrument_sha256": "a" * 64, "instrument_id": "i", "version": "1", "yaml": "format: 1"}
    paths = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.json"
        with DataFile.open(path) as store:
            store.put("instruments", instrument)
            store.put("answers", answer(1) | {"answer_id": f"{name}-1"})
        paths.append(path)
    tables, _ = streamed(paths)
    assert list(tables["instruments"].values()) == [instrument]
    assert set(tables["answers"]) == {"one-1", "two-1"}
    document = json.loads(paths[1].read_text())
    document["instruments"]["1"]["added_by_a_newer_version"] = True  # the same instrument, stored otherwise
    paths[1].write_text(json.dumps(document))
    with pytest.raises(WholeLoadNeeded):
        streamed(paths)


def test_a_meta_table_of_two_batches_is_left_to_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = written(tmp_path / "data.json")
    document = json.loads(path.read_text())
    document["meta"]["2"] = dict(next(iter(document["meta"].values())), file_id="another", pad="x" * 200)
    path.write_text(json.dumps(document))
    monkeypatch.setattr(streaming, "table_batches", functools.partial(table_batches, batch_bytes=64))
    with pytest.raises(WholeLoadNeeded):
        streamed([path])
    with pytest.raises(StoreError, match="2 records in 'meta'"):
        load(path)


def test_a_record_too_deep_to_key_is_left_out_as_load_leaves_it(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    deep: Any = {}
    for _ in range(300):
        deep = {"x": deep}
    document = json.loads(path.read_text())
    document["future"] = {"1": deep, "2": {"fine": True}}
    path.write_text(json.dumps(document))
    tables, warnings = streamed([path])
    assert (tables, warnings) == loaded(path)
    assert list(tables["future"].values()) == [{"fine": True}]
    assert "future record 1 left out: cannot be keyed by its content" in warnings[0]
