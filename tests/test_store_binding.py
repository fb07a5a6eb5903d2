"""A journal belongs to one data file: bound by file_id, refused beside another, never replayed or deleted there."""

import os
import shutil

import orjson
import pytest

from vcf_tui.store import DataFile, StoreError, load, read_tables
from vcf_tui.store.follow import Follower
from vcf_tui.store.journal import journal_path


def answer(n):
    return {"answer_id": f"a{n}", "session_id": "s1", "question_id": f"q{n}", "value": n}


def killed_writer(path, n):
    """A file left as a writer killed mid-session leaves it: snapshot plus journal with ``n`` saves."""
    store = DataFile.open(path)
    for i in range(n):
        store.put("answers", answer(i))
    return store  # never closed: the journal stays, as after SIGKILL


def test_the_journal_header_names_the_file_id(tmp_path):
    path = tmp_path / "data.json"
    store = killed_writer(path, 1)
    header = orjson.loads(journal_path(path).read_bytes().splitlines()[0])
    assert header["file_id"] == store.meta["file_id"]
    store.close()


def test_a_journal_beside_another_file_is_refused_and_left_alone(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    writer = killed_writer(a, 3)
    DataFile.open(b).close()
    foreign = journal_path(a).read_bytes()
    journal_path(b).write_bytes(foreign)
    for read in (read_tables, load, Follower, DataFile.open):
        with pytest.raises(StoreError, match=r"b\.json\.journal: belongs to another data file") as error:
            read(b)
        assert "\n" not in str(error.value)
    assert journal_path(b).read_bytes() == foreign  # never replayed, truncated nor deleted
    assert read_tables(a)["answers"].keys() == {"a0", "a1", "a2"}
    journal_path(b).unlink()
    assert read_tables(b)["answers"] == {}
    writer.close()


def test_a_follower_refuses_a_foreign_journal_that_appears_later(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    writer = killed_writer(a, 2)
    DataFile.open(b).close()
    follower = Follower(b)
    assert follower.poll() == ("same", [])
    shutil.copyfile(journal_path(a), journal_path(b))
    with pytest.raises(StoreError, match="belongs to another data file"):
        follower.poll()
    writer.close()


def test_a_journal_whose_data_file_is_missing_is_not_replayed_into_a_new_file(tmp_path):
    path = tmp_path / "data.json"
    store = killed_writer(path, 2)
    os.close(store._fd)  # as a SIGKILL would: the lock goes, the journal stays
    path.unlink()
    kept = journal_path(path).read_bytes()
    with pytest.raises(StoreError, match=r"holds saves of a data file .* that is not here"):
        DataFile.open(path)
    assert not path.exists() and journal_path(path).read_bytes() == kept


def test_a_snapshot_copied_without_its_journal_warns(tmp_path):
    path, copy = tmp_path / "data.json", tmp_path / "copy.json"
    writer = killed_writer(path, 2)
    shutil.copyfile(path, copy)
    loaded = load(copy)
    assert loaded.tables["answers"] == {}
    (warning,) = loaded.warnings
    assert "copy.json: answers saved after" in warning and "copy.json.journal, which is not here" in warning
    assert load(path).warnings == []  # beside its journal: everything is there
    writer.close()
    assert load(path).warnings == []  # closed: the snapshot holds everything and says so
    assert "journal" not in read_tables(path)["meta"][writer.meta["file_id"]]
