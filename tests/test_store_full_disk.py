"""A save that failed on a full disk never shows up later: not in readers following the file, not twice on reopen."""

import errno
import os

import pytest

from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, StoreError, load, read_tables
from vcf_tui.store.follow import Follower


def answer(n, value="v"):
    return {"answer_id": f"a{n}", "session_id": "s1", "question_id": f"q{n}", "value": value}


class FullDisk:
    """Make the next journal save fail as a full disk does, after writing all (``fsync``) or half (``write``) of it,
    and make cutting it off fail too: the failed line stays in the journal."""

    def __init__(self, monkeypatch, store, how):
        self.fd, self.how = store._fd, how
        self.real_write, self.real_fsync, self.real_truncate = os.write, os.fsync, os.ftruncate
        monkeypatch.setattr(os, "write", self.write)
        monkeypatch.setattr(os, "fsync", self.fsync)
        monkeypatch.setattr(os, "ftruncate", self.truncate)
        self.failures = {"write": how == "write", "fsync": how == "fsync", "truncate": 1}

    def write(self, fd, data):
        if fd == self.fd and self.failures["write"]:
            self.failures["write"] = False
            self.real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real_write(fd, data)

    def fsync(self, fd):
        if fd == self.fd and self.failures["fsync"]:
            self.failures["fsync"] = False
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real_fsync(fd)

    def truncate(self, fd, size):
        if fd == self.fd and self.failures["truncate"]:
            self.failures["truncate"] -= 1
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real_truncate(fd, size)


def kill(store):
    os.close(store._fd)  # as SIGKILL: no snapshot, the journal stays
    store._fd = -1


@pytest.mark.parametrize("how", ["fsync", "write"])
def test_a_follower_never_keeps_a_save_that_failed(tmp_path, monkeypatch, how):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    store.put("answers", answer(1))
    follower = Follower(path)
    FullDisk(monkeypatch, store, how)
    with pytest.raises(StoreError, match="disk is full"):
        store.put("answers", answer(2, "failed"))
    follower.poll()  # may see the bytes of the failed save
    store.put("answers", answer(3, "a longer value than the failed one had"))
    follower.poll()
    assert set(follower.state.tables["answers"]) == {"a1", "a3"} == set(read_tables(path)["answers"])
    kill(store)
    loaded = load(path)
    assert set(loaded.tables["answers"]) == {"a1", "a3"} and loaded.warnings == []


@pytest.mark.parametrize("how", ["fsync", "write"])
def test_a_retried_answer_is_saved_once(tmp_path, monkeypatch, mini, how):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    recorder = Recorder.start(store, mini, "interview")
    recorder.submit(True)
    FullDisk(monkeypatch, store, how)
    with pytest.raises(StoreError, match="disk is full"):
        recorder.submit("None")
    recorder.submit("3-5")  # the interviewer tries again (a shorter answer this time)
    kill(store)
    loaded = load(path)
    assert loaded.warnings == []
    assert [a["value"] for a in loaded.tables["answers"].values() if a["question_id"] == "meetings"] == ["3-5"]
    with DataFile.open(path) as again:  # a remnant of the failed save would be a garbage line: refused
        assert [a["value"] for a in again.records("answers")] == ["3-5"]
