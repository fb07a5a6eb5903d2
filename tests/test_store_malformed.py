"""Malformed data files: refused with one line, or read with the bad records left out and named; never a traceback."""

import gc
import json
import shutil

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vcf_tui.cli import main
from vcf_tui.store import DataFile, StoreError, load, read_tables
from vcf_tui.store.journal import journal_path

META = {"1": {"schema": 1, "file_id": "f1"}}
GOOD = {
    "answer_id": "a1",
    "session_id": "s1",
    "question_id": "q",
    "value": "Yes",
    "cycles": ["applied"],
    "revision": 1,
    "story": None,
}


def write(path, tables):
    path.write_bytes(orjson.dumps(tables))
    return path


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty file"),
        (b"not json", "not a valid JSON file"),
        (b'{"meta": {"1": {"schema": 1, "file_id": "f1"}}, "answers": {"1": {"answer_', "not a valid JSON file"),
        (b"[1, 2]", "not a vcf-tui data file"),
        (b'{"meta": {}}', "not a vcf-tui data file"),
        (b'{"meta": {"1": {"schema": 1, "file_id": "f1"}}, "answers": [1]}', "table 'answers' is not a TinyDB table"),
        (b'{"meta": {"1": {"schema": 1, "file_id": "f1"}}, "extra": "x"}', "table 'extra' is not a TinyDB table"),
        (
            b'{"meta": {"1": {"schema": 1, "file_id": "f1"}, "2": {"schema": 1, "file_id": "f2"}}}',
            "2 records in 'meta'",
        ),
        (b'{"meta": {"1": {"schema": "1", "file_id": "f1"}}}', r"'meta' record is unusable \('schema' is not"),
        (b'{"meta": {"1": {"schema": 9, "file_id": "f1"}}}', "newer vcf-tui"),
    ],
)
def test_unusable_files_are_refused_with_one_line(tmp_path, content, why, capsys):
    path = tmp_path / "data.json"
    path.write_bytes(content)
    for read in (read_tables, DataFile.open) if content else (read_tables,):  # an empty file is a new one to write
        with pytest.raises(StoreError, match=why) as error:
            read(path)
        assert str(error.value).startswith(str(path)) and "\n" not in str(error.value)
    assert path.read_bytes() == content and not journal_path(path).exists()
    assert main(["tally", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("vcf-tui: ") and why.split("\\")[0] in err and "Traceback" not in err
    assert gc.isenabled()
    assert main(["merge", str(path), "-o", str(tmp_path / "out.json")]) == 1
    assert "nothing was merged" in capsys.readouterr().err and not (tmp_path / "out.json").exists()
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("value", {"nested": 1}, "'value' is not text, a number"),
        ("value", [{"a": 1}], "'value' is not text, a number"),
        ("cycles", "applied", "'cycles' is not a list of text"),
        ("cycles", [1], "'cycles' is not a list of text"),
        ("revision", "2", "'revision' is not a whole number"),
        ("revision", True, "'revision' is not a whole number"),
        ("session_id", "", "'session_id' is not non-empty text"),
        ("session_id", None, "'session_id' is not non-empty text"),
        ("story", "s", "'story' is not null or {section, instance, step, position}"),
        ("note", 5, "'note' is not text or null"),
    ],
)
def test_bad_answer_records_are_left_out_with_a_warning(tmp_path, field, value, why):
    bad = dict(GOOD, answer_id="a2", **{field: value})
    path = write(tmp_path / "data.json", {"meta": META, "answers": {"1": GOOD, "2": bad, "3": 7}})
    loaded = load(path)
    assert list(loaded.tables["answers"]) == ["a1"]
    first, second = loaded.warnings
    assert first.startswith(f"{path}: answers record 2 left out: {why}")
    assert second == f"{path}: answers record 3 left out: not an object"


def test_good_values_of_every_kind_are_kept(tmp_path):
    values = ["text", 3, 2.5, True, None, ["a", "b"], []]
    answers = {str(n): dict(GOOD, answer_id=f"a{n}", value=v) for n, v in enumerate(values)}
    sessions = {"1": {"session_id": "s1", "consent": {"given": True}, "status": "complete", "wave": None}}
    codings = {"1": {"coding_id": "c1", "answer_id": "a0", "cycle": "applied", "coder": "Ann", "comment": None}}
    path = write(tmp_path / "data.json", {"meta": META, "answers": answers, "sessions": sessions, "codings": codings})
    loaded = load(path)
    assert loaded.warnings == [] and len(loaded.tables["answers"]) == len(values)


@pytest.mark.parametrize(
    ("table", "record", "why"),
    [
        ("sessions", {"session_id": 5}, "'session_id' is not non-empty text"),
        ("sessions", {"session_id": "s", "consent": "yes"}, "'consent' is not an object or null"),
        ("codings", {"coding_id": "c"}, "no 'answer_id'"),
        ("instruments", {"instrument_sha256": "x", "yaml": 3}, "'yaml' is not text or null"),
    ],
)
def test_bad_records_of_other_tables_are_left_out(tmp_path, table, record, why):
    path = write(tmp_path / "data.json", {"meta": META, table: {"1": record}})
    loaded = load(path)
    assert loaded.tables[table] == {} and loaded.warnings == [f"{path}: {table} record 1 left out: {why}"]


def test_torn_and_garbage_journal_lines_are_named_by_line(tmp_path):
    path = tmp_path / "data.json"
    DataFile.open(path).close()
    good = orjson.dumps({"put": [["answers", GOOD]]})
    bad_shape = orjson.dumps({"put": [["answers", dict(GOOD, answer_id="a3", cycles=3)], "junk"]})
    header = orjson.dumps({"vcf_journal": 2, "file_id": read_tables(path)["meta"].popitem()[0]})
    journal_path(path).write_bytes(b"\n".join([header, good, b"{garbage", b"[1]", bad_shape, b'{"put": [["ans']))
    loaded = load(path)
    assert list(loaded.tables["answers"]) == ["a1"]
    log = journal_path(path)
    assert loaded.warnings == [
        f"{log}: line 3: not a complete JSON line (a save cut off?); left out",
        f"{log}: line 4: not a save (no 'put' list); left out",
        f"{log}: line 5: answers record skipped: 'cycles' is not a list of text; left out",
        f"{log}: line 5: a put that is not [table, record]; left out",
        f"{log}: line 6: an incomplete last save (cut off before it was confirmed); left out",
    ]
    with pytest.raises(StoreError, match=r"line 3: .*\(and 3 more\); vcf-tui writes only to files it fully"):
        DataFile.open(path)
    assert journal_path(path).exists()


def test_the_writer_refuses_a_file_with_records_it_would_drop(tmp_path):
    path = write(tmp_path / "data.json", {"meta": META, "answers": {"1": GOOD, "2": dict(GOOD, cycles=None)}})
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"answers record 2 left out: .*merge .* -o NEW"):
        DataFile.open(path)
    assert path.read_bytes() == before and not journal_path(path).exists()


def test_tally_warns_on_stderr_and_exits_zero(tmp_path, capsys):
    path = write(
        tmp_path / "data.json",
        {
            "meta": META,
            "answers": {"1": GOOD, "2": dict(GOOD, cycles="x\x1b[2J")},
            "odd\ntable": {"1": {"a": 1}, "2": 3},
        },
    )
    assert main(["tally", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    json.loads(out)
    lines = err.splitlines()
    assert lines[0] == f"vcf-tui: warning: {path}: answers record 2 left out: 'cycles' is not a list of text"
    assert lines[1].startswith(f"vcf-tui: warning: {path}: odd") and "record 2 left out: not an object" in lines[1]
    assert len(lines) == 2 and "\x1b" not in err
    assert gc.isenabled()


def test_merge_prints_what_it_left_out_and_writes_the_rest(tmp_path, capsys):
    path = write(tmp_path / "data.json", {"meta": META, "answers": {"1": GOOD, "2": dict(GOOD, revision=[])}})
    out = tmp_path / "out.json"
    assert main(["merge", str(path), "-o", str(out)]) == 0
    assert "vcf-tui: warning: " in capsys.readouterr().err
    assert list(read_tables(out)["answers"]) == ["a1"]
    with DataFile.open(out) as store:  # the copy is whole again: writable
        assert store.get("answers", "a1") == GOOD


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-9, 9) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=12,
)
table_names = st.sampled_from(["meta", "sessions", "answers", "codings", "instruments", "other"])


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(table_names, json_values, max_size=4), st.binary(max_size=40))
def test_any_json_is_read_or_refused_never_a_traceback(tables, journal_tail):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        path.write_bytes(orjson.dumps({"meta": META, **tables}))
        journal_path(path).write_bytes(b'{"vcf_journal":1}\n' + journal_tail)
        try:
            loaded = load(path)
        except StoreError as error:
            assert "\n" not in str(error)
        else:
            assert all(isinstance(w, str) for w in loaded.warnings)
        shutil.rmtree(folder, ignore_errors=True)
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("story", {}),
        ("story", {"section": "story", "instance": "x", "step": "step-1"}),
        ("story", {"section": "story", "instance": 1, "step": "step-1", "position": "2"}),
        ("of_story", {"section": "story"}),
        ("of_story", {"section": "story", "instance": 1.5}),
    ],
)
def test_a_story_place_of_the_wrong_shape_is_left_out_with_a_warning(tmp_path, field, value):
    good = {"answer_id": "a1", "session_id": "s1", "question_id": "q", "value": "x", "cycles": [], "revision": 1}
    bad = dict(good, answer_id="a2", question_id="story[1].step-1", **{field: value})
    path = tmp_path / "d.json"
    meta = {"file_id": "f", "schema": 1, "device": "d", "created_at": "2026-01-01T00:00:00Z"}
    path.write_text(json.dumps({"meta": {"1": meta}, "answers": {"1": good, "2": bad}}))
    loaded = load(path)
    assert list(loaded.tables["answers"]) == ["a1"]
    assert any(field in warning for warning in loaded.warnings)
