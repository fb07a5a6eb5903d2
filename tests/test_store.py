"""The data file: format, durability under kills, one writer, bad files, full disk."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

from vcf_tui.store import DataFile, StoreError, StoreLocked, read_tables
from vcf_tui.store import datafile as datafile_module
from vcf_tui.store.datafile import journal_path


def answer(n: int, value: str = "v", revision: int = 1) -> dict:
    return {"answer_id": f"a{n}", "session_id": "s1", "question_id": f"q{n}", "value": value, "revision": revision}


def test_new_file_is_private_tinydb_json(tmp_path):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        store.put("answers", answer(1, "Yes"))
        assert (os.stat(path).st_mode & 0o777) == 0o600
        assert (os.stat(journal_path(path)).st_mode & 0o777) == 0o600
    assert not journal_path(path).exists()
    db = TinyDB(path)
    assert {"meta", "sessions", "answers", "codings", "instruments"} <= set(db.tables())
    meta = db.table("meta").all()[0]
    assert meta["schema"] == 1 and meta["created_at"].endswith("Z") and len(meta["file_id"]) == 36
    assert db.table("answers").all() == [answer(1, "Yes")]
    db.close()


def test_reopen_keeps_records_and_updates_replace_by_key(tmp_path):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        store.put("answers", answer(1))
        file_id = store.meta["file_id"]
    with DataFile.open(path) as store:
        assert store.meta["file_id"] == file_id
        store.put("answers", answer(1, "changed", revision=2))
        store.put("answers", answer(2))
    tables = read_tables(path)
    assert [r["value"] for r in tables["answers"].values()] == ["changed", "v"]


def test_readers_see_saves_while_the_writer_is_open(tmp_path):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    store.put("answers", answer(1))
    store.put("answers", answer(2))
    assert set(read_tables(path)["answers"]) == {"a1", "a2"}
    store.close()


def test_saves_never_rewrite_the_snapshot_and_close_folds_them_in(tmp_path, monkeypatch):
    path = tmp_path / "data.json"
    DataFile.open(path).close()
    writes = []
    real_write = datafile_module.write_atomic
    monkeypatch.setattr(datafile_module, "write_atomic", lambda *a: (writes.append(a[0]), real_write(*a)))
    with DataFile.open(path) as store:
        opened = len(writes)
        for n in range(30):
            store.put("answers", answer(n))
            assert len(read_tables(path)["answers"]) == n + 1
        assert len(writes) == opened  # every save went to the journal alone
    assert len(writes) == opened + 1
    assert len(json.loads(path.read_text())["answers"]) == 30


def test_a_big_snapshot_is_not_rewritten_on_open(tmp_path, monkeypatch):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        store.put("answers", answer(1))
    before = path.stat()
    monkeypatch.setattr(datafile_module, "MARK_LIMIT", 10)  # every snapshot counts as big
    store = DataFile.open(path)
    store.put("answers", answer(2))
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert set(read_tables(path)["answers"]) == {"a1", "a2"}
    os.close(store._fd)  # as if killed: the next open folds the journal in
    with DataFile.open(path) as again:
        assert set(again.tables["answers"]) == {"a1", "a2"}
        assert path.stat().st_ino != before.st_ino
    assert set(json.loads(path.read_text())["answers"]) == {"1", "2"}


def test_second_writer_is_refused_and_reader_still_reads(tmp_path):
    path = tmp_path / "data.json"
    script = (
        "import sys, time; from vcf_tui.store import DataFile; s = DataFile.open(sys.argv[1]); "
        "s.put('answers', {'answer_id': 'x', 'session_id': 's', 'value': 1}); print('ready', flush=True); "
        "time.sleep(60)"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match=rf"in use by vcf-tui process {child.pid} on "):
            DataFile.open(path)
        assert "x" in read_tables(path)["answers"]
    finally:
        child.kill()
        child.wait()
    # a lock left by a killed process does not block the next writer
    with DataFile.open(path) as store:
        assert "x" in store.tables["answers"]


WRITER = """
import sys
from vcf_tui.store import DataFile, datafile
datafile.MARK_LIMIT = 200  # small files are marked on open, bigger ones not
store = DataFile.open(sys.argv[1])
n = int(sys.argv[2])
while True:
    # alternate new answers and edits that shrink and grow earlier ones
    record = {"answer_id": f"a{n}", "session_id": "s", "value": "x" * (n % 13), "revision": n}
    store.put("answers", record)
    print(f"{n} {record['value']}", flush=True)
    n += 1
"""


def test_killed_writer_never_loses_an_acknowledged_answer(tmp_path):
    path = tmp_path / "data.json"
    rng = random.Random(7)
    acknowledged: dict[str, str] = {}
    next_n = 0
    for _ in range(25):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(next_n)], stdout=subprocess.PIPE, text=True
        )
        first = child.stdout.readline()  # the file exists (however slow the start on a busy machine)
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        for line in (first + out).splitlines():
            number, _, value = line.partition(" ")
            acknowledged[f"a{number}"] = value
            next_n = int(number) + 1
        tables = read_tables(path)  # loads: never a half-written JSON
        for key, value in acknowledged.items():
            assert tables["answers"][key]["value"] == value
    assert len(acknowledged) > 50
    with DataFile.open(path) as store:
        assert len(store.tables["answers"]) >= len(acknowledged)
    TinyDB(path).close()


def test_corrupt_file_is_never_overwritten(tmp_path):
    path = tmp_path / "data.json"
    path.write_text('{"meta": {"1": {"schema": 1')
    with pytest.raises(StoreError, match=r"not a valid JSON file .*left unchanged"):
        DataFile.open(path)
    assert path.read_text() == '{"meta": {"1": {"schema": 1'
    assert not journal_path(path).exists()
    with pytest.raises(StoreError, match="not a valid JSON"):
        read_tables(path)


def test_other_json_and_newer_schema_are_refused(tmp_path):
    other = tmp_path / "other.json"
    other.write_text('{"_default": {"1": {"a": 1}}}')
    with pytest.raises(StoreError, match="not a vcf-tui data file"):
        DataFile.open(other)
    newer = tmp_path / "newer.json"
    newer.write_text('{"meta": {"1": {"schema": 2, "file_id": "f"}}}')
    with pytest.raises(StoreError, match="newer vcf-tui \\(schema 2"):
        DataFile.open(newer)


def test_full_disk_gives_a_clear_error_and_keeps_earlier_answers(tmp_path, monkeypatch):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    store.put("answers", answer(1))
    real_fsync = os.fsync

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StoreError, match=r"disk is full.*saved before this one are safe"):
        store.put("answers", answer(2))
    assert "a2" not in store.tables["answers"]
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert set(read_tables(path)["answers"]) == {"a1"}
    store.put("answers", answer(3))
    store.close()
    assert set(read_tables(path)["answers"]) == {"a1", "a3"}


def test_failed_snapshot_on_close_keeps_the_journal(tmp_path, monkeypatch):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    store.put("answers", answer(1))
    monkeypatch.setattr(datafile_module, "write_atomic", lambda *a: (_ for _ in ()).throw(OSError(28, "full")))
    with pytest.raises(StoreError, match="disk is full"):
        store.close()
    monkeypatch.undo()
    assert journal_path(path).exists()
    with DataFile.open(path) as again:
        assert "a1" in again.tables["answers"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="cannot write in"):
            DataFile.open(folder / "data.json")
    finally:
        folder.chmod(0o700)


def test_unwritable_folder_gives_a_clear_error(tmp_path, monkeypatch):
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".journal"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(StoreError, match=r"cannot write in .*permission denied"):
        DataFile.open(tmp_path / "data.json")


def test_missing_folder_and_missing_file(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        DataFile.open(tmp_path / "nope" / "data.json")
    with pytest.raises(StoreError, match="no such data file"):
        read_tables(Path(tmp_path / "absent.json"))


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 64 KiB tmpfs (needs root and mount; skipped elsewhere)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = (
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True).returncode
        == 0
    )
    if not mounted:
        pytest.skip("cannot mount a tmpfs here")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_really_full_disk_loses_no_acknowledged_answer(tiny_disk):
    ballast = tiny_disk / "ballast"
    ballast.write_bytes(b"x" * 40_000)  # freed later, leaving room to fold the journal in
    path = tiny_disk / "data.json"
    store = DataFile.open(path)
    acknowledged = []
    with pytest.raises(StoreError, match="disk is full"):
        for n in range(1000):
            store.put("answers", answer(n, "v" * 400))
            acknowledged.append(f"a{n}")
    assert len(acknowledged) > 10
    assert set(read_tables(path)["answers"]) == set(acknowledged)
    with pytest.raises(StoreError, match="disk is full"):
        store.close()  # the snapshot cannot be written either; the journal keeps everything
    assert set(read_tables(path)["answers"]) == set(acknowledged)
    ballast.unlink()
    with DataFile.open(path) as again:
        assert set(again.tables["answers"]) == set(acknowledged)
    assert not journal_path(path).exists()
    db = TinyDB(path)
    assert {doc["answer_id"] for doc in db.table("answers").all()} == set(acknowledged)
    db.close()
