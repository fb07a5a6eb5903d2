"""Tables and fields this version does not know survive every writer and merge (files from a newer minor version)."""

import orjson
from tinydb import TinyDB

from vcf_tui.analysis.merge import merge_files
from vcf_tui.store import DataFile, read_tables
from vcf_tui.store import datafile as datafile_module
from vcf_tui.store.journal import journal_path

META = {"schema": 1, "file_id": "f1", "device": "d", "created_at": "2026-01-01T00:00:00Z", "future_meta": [1, 2]}
ANSWER = {"answer_id": "a1", "session_id": "s1", "question_id": "q", "value": "Yes", "future_field": {"x": 1}}
FUTURE = [{"anything": 1, "nested": {"k": [1, 2]}}, {"anything": 2}]


def newer_file(path):
    path.write_bytes(
        orjson.dumps(
            {
                "meta": {"1": META},
                "answers": {"1": ANSWER},
                "future_table": {str(n): r for n, r in enumerate(FUTURE, 1)},
            }
        )
    )
    return path


def assert_kept(path):
    db = TinyDB(path)  # at rest: plain TinyDB
    assert sorted(db.table("future_table").all(), key=lambda r: r["anything"]) == FUTURE
    assert db.table("answers").get(doc_id=1)["future_field"] == {"x": 1}
    meta = db.table("meta").all()[0]
    assert meta["future_meta"] == [1, 2]
    db.close()


def test_open_put_and_close_keep_unknown_tables_and_fields(tmp_path):
    path = newer_file(tmp_path / "data.json")
    with DataFile.open(path) as store:
        assert_kept(path)  # the snapshot written on open
        store.put("answers", dict(ANSWER, value="No"))
        assert read_tables(path)["answers"]["a1"]["future_field"] == {"x": 1}
    assert_kept(path)
    assert not journal_path(path).exists()


def test_a_big_file_opened_without_a_rewrite_keeps_unknown_tables(tmp_path, monkeypatch):
    monkeypatch.setattr(datafile_module, "MARK_LIMIT", 10)
    path = newer_file(tmp_path / "data.json")
    store = DataFile.open(path)
    for n in range(5):
        store.put("answers", dict(ANSWER, answer_id=f"b{n}"))
    assert_kept(path)
    store.close()
    assert_kept(path)


def test_merge_keeps_unknown_tables_and_fields(tmp_path):
    a = newer_file(tmp_path / "a.json")
    b = tmp_path / "b.json"
    b.write_bytes(
        orjson.dumps({"meta": {"1": dict(META, file_id="f2")}, "future_table": {"1": FUTURE[0], "2": {"anything": 3}}})
    )
    out = tmp_path / "out.json"
    merge_files([str(a), str(b)], str(out))
    db = TinyDB(out)
    assert sorted(r["anything"] for r in db.table("future_table").all()) == [1, 2, 3]  # equal copies once
    assert db.table("answers").all() == [ANSWER]
    db.close()
