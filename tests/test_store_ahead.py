"""A big data file opens on its meta record alone; its records are read on first use, and checked then."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from vcf_tui.store import DataFile, StoreError, datafile, load, read_tables
from vcf_tui.store.journal import journal_path


@pytest.fixture(autouse=True)
def every_file_is_big(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datafile, "MARK_LIMIT", 10)


def answer(n: int, **extra: object) -> dict:
    return {"answer_id": f"a{n}", "session_id": "s", "question_id": f"q{n}", "value": n, **extra}


def written(path: Path, answers: int = 50) -> Path:
    with DataFile.open(path) as store:
        store.put_many([("answers", answer(n)) for n in range(answers)])
    return path


def test_open_reads_the_meta_alone_and_the_records_on_first_use(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    file_id = json.loads(path.read_text())["meta"]["1"]["file_id"]
    store = DataFile.open(path)
    try:
        assert not store.loaded
        assert store.meta["file_id"] == file_id
        assert len(store.tables["answers"]) == 50
        assert store.loaded
    finally:
        store.close()


def test_a_save_needs_no_records_and_close_folds_it_in(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    with DataFile.open(path) as store:
        told: list = []
        store.listeners.append(told.append)
        store.put("answers", answer(99))
        assert not store.loaded  # appended to the journal at once
        assert told == [[("answers", answer(99))]]
        assert len(read_tables(path)["answers"]) == 51  # a reader sees the journal
        assert store.tables["answers"]["a99"] == answer(99)  # applied once the records are read
        store.put("answers", answer(100))
        assert len(store.tables["answers"]) == 52
    assert len(json.loads(path.read_text())["answers"]) == 52
    assert not journal_path(path).exists()


def test_closing_without_a_save_leaves_the_snapshot_untouched(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    before = path.stat()
    with DataFile.open(path) as store:
        assert len(store.tables["answers"]) == 50  # read, but nothing saved
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert not journal_path(path).exists()


def test_a_file_found_damaged_is_never_rewritten_and_its_journal_keeps_the_saves(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    document = json.loads(path.read_text())
    document["answers"]["999"] = {"no": "answer_id"}
    path.write_text(json.dumps(document))
    before = path.read_bytes()
    store = DataFile.open(path)  # the meta record is fine: open does not read further
    store.put("answers", answer(100))
    with pytest.raises(StoreError, match=r"answers record 999 left out.*writes only to files it fully understands"):
        store.tables  # noqa: B018
    with pytest.raises(StoreError, match="record 999"):  # said again, without reading the file again
        store.tables  # noqa: B018
    with pytest.raises(StoreError, match=r"the answers saved now are kept in data\.json\.journal"):
        store.close()
    assert path.read_bytes() == before
    read = load(path)
    assert "a100" in read.tables["answers"] and "record 999 left out" in read.warnings[0]
    with pytest.raises(StoreError, match="writes only to files it fully understands"):
        DataFile.open(path)  # refused as before, the journal still kept
    assert "a100" in load(path).tables["answers"]


def test_a_file_damaged_and_never_saved_to_closes_quietly(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    path.write_text(path.read_text().replace('"answer_id":"a7"', '"answer_id":7'))
    store = DataFile.open(path)
    with pytest.raises(StoreError):
        store.tables  # noqa: B018
    store.close()
    assert not journal_path(path).exists()


def test_a_file_replaced_while_open_is_not_written(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    store = DataFile.open(path)
    store.put("answers", answer(100))
    other = written(tmp_path / "other.json", 3)
    other.replace(path)
    with pytest.raises(StoreError, match="replaced by another program"):
        store.close()
    assert len(json.loads(path.read_text())["answers"]) == 3
    assert b"a100" in journal_path(path).read_bytes()  # the save is not lost


def test_a_save_during_a_read_in_another_thread_waits_for_it(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json", 5000)
    with DataFile.open(path) as store:
        seen: list[int] = []
        reader = threading.Thread(target=lambda: seen.append(len(store.tables["answers"])))
        reader.start()
        store.put("answers", answer(10_000))
        reader.join()
        assert seen[0] in (5000, 5001)
        assert len(store.tables["answers"]) == 5001
    assert len(read_tables(path)["answers"]) == 5001


def test_a_meta_that_does_not_come_first_is_read_whole_at_open(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    document = json.loads(path.read_text())
    document["meta"] = document.pop("meta")
    path.write_text(json.dumps(document))
    with DataFile.open(path) as store:
        assert store.loaded
        assert len(store.tables["answers"]) == 50


def test_a_stale_journal_mark_is_cleared_on_close(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    document = json.loads(path.read_text())
    document["meta"]["1"]["journal"] = {"open": True, "since": "2026-01-01T00:00:00Z"}
    path.write_text(json.dumps(document))
    DataFile.open(path).close()
    assert "journal" not in json.loads(path.read_text())["meta"]["1"]


def test_a_session_on_an_unread_file_keeps_the_stored_instrument_and_says_it_is_saved(tmp_path: Path, mini) -> None:
    from vcf_tui.recorder import Recorder
    from vcf_tui.session_setup import resume_hint
    from vcf_tui.store.records import instrument_puts

    path = tmp_path / "data.json"
    ((_, stored),) = instrument_puts(mini)
    with DataFile.open(path) as store:
        store.put("instruments", dict(stored, added_by_a_newer_version=[1]))
        store.put_many([("answers", answer(n)) for n in range(20)])
    store = DataFile.open(path)
    recorder = Recorder.start(store, mini, "interview", interviewer="Ann", respondent="P1")
    recorder.submit(True)  # consent
    assert not store.loaded
    assert resume_hint("ask", "mini", str(path), store, recorder.session)  # saved, though nothing was read
    store.close()
    kept = read_tables(path)["instruments"][mini.sha256]
    assert kept["added_by_a_newer_version"] == [1]


def test_a_character_cut_by_the_first_megabyte_still_opens_ahead(tmp_path: Path, monkeypatch) -> None:
    from vcf_tui.store import ahead

    path = written(tmp_path / "data.json")
    document = json.loads(path.read_text())
    document["answers"]["1"]["value"] = "é" * 200
    data = json.dumps(document, ensure_ascii=False).encode()
    cut = data.index("é".encode()) + 1  # the middle of a two-byte character
    path.write_bytes(data)
    monkeypatch.setattr(ahead, "AHEAD_BYTES", cut)
    with DataFile.open(path) as store:
        assert not store.loaded
        assert store.tables["answers"]["a0"]["value"] == "é" * 200


def test_a_big_file_cut_short_is_refused_at_open_before_any_save(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    path.write_bytes(path.read_bytes()[:-40])  # a copy that stopped early
    with pytest.raises(StoreError, match="not a valid JSON file"):
        DataFile.open(path)
    assert not journal_path(path).exists()


def test_a_big_file_not_json_inside_keeps_the_saves_and_says_how(tmp_path: Path) -> None:
    path = written(tmp_path / "data.json")
    data = path.read_bytes()
    middle = data.index(b'"a25"')
    path.write_bytes(data[:middle] + b"\x00" + data[middle + 1 :])  # ends as JSON ends, not JSON within
    store = DataFile.open(path)
    store.put("answers", answer(100))
    with pytest.raises(StoreError, match=r"not a valid JSON file.*kept in data\.json\.journal beside it, one save"):
        store.close()
    assert b'"a100"' in journal_path(path).read_bytes()
