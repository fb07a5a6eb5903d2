"""Merging laptops' files: duplicates, conflicts, refused inputs, idempotence, order."""

import itertools
import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vcf_tui.analysis.merge import merge_files, merge_tables
from vcf_tui.cli import main
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, read_tables
from vcf_tui.store.datafile import empty_tables


def laptop(path, instrument, respondent, answers=(True, "1-2", 3)):
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, instrument, "interview", respondent=respondent)
        for value in answers:
            recorder.submit(value)
    return path


def edited_copy(source, target, instrument, edit):
    """A copy of ``source`` in which ``edit(recorder)`` changed its one session."""
    target.write_bytes(source.read_bytes())
    with DataFile.open(target) as store:
        (session,) = store.records("sessions")
        edit(Recorder.resume(store, instrument, session["session_id"]))
    return target


def change_meetings(recorder):
    recorder.back()
    recorder.back()
    recorder.submit("3-5")


def records(path):
    tables = read_tables(path)
    return {table: tables[table] for table in ("sessions", "answers", "codings")}


def test_copies_count_once_and_new_records_are_added(tmp_path, mini, capsys):
    a = laptop(tmp_path / "a.json", mini, "P1")
    b = laptop(tmp_path / "b.json", mini, "P2")
    copy = tmp_path / "a-copy.json"
    copy.write_bytes(a.read_bytes())
    out = tmp_path / "all.json"
    assert main(["merge", str(a), str(b), str(copy), "-o", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    counts = {entry["file"]: entry["sessions"] for entry in report["inputs"]}
    assert counts[str(copy)] == {"read": 1, "new": 0, "duplicate": 1, "conflicting": 0}
    assert counts[str(b)]["new"] == 1
    assert report["totals"] == {"sessions": 2, "answers": 4, "codings": 0, "instruments": 1}
    assert report["inputs"][2]["tables"]["instruments"] == {"read": 1, "new": 0, "duplicate": 1, "conflicting": 0}
    assert report["conflicts"] == [] and report["in_progress"]
    assert (os.stat(out).st_mode & 0o777) == 0o600
    merged = read_tables(out)
    assert sorted(s["respondent"] for s in merged["sessions"].values()) == ["P1", "P2"]
    meta = next(iter(merged["meta"].values()))
    assert len(meta["merged_from"]) == 2


def test_conflict_keeps_the_higher_revision(tmp_path, mini):
    a = laptop(tmp_path / "a.json", mini, "P1")
    edited = edited_copy(a, tmp_path / "edited.json", mini, change_meetings)
    report = merge_files([str(edited), str(a)], str(tmp_path / "out.json"))
    conflicts = [c for c in report["conflicts"] if c["table"] == "answers"]
    assert len(conflicts) == 1 and conflicts[0]["kept"]["revision"] == 2
    merged = read_tables(tmp_path / "out.json")
    values = {x["question_id"]: x["value"] for x in merged["answers"].values()}
    assert values["meetings"] == "3-5"


def test_merge_is_order_independent_and_idempotent(tmp_path, mini):
    a = laptop(tmp_path / "a.json", mini, "P1")
    b = laptop(tmp_path / "b.json", mini, "P2")
    c = edited_copy(a, tmp_path / "c.json", mini, lambda recorder: recorder.submit("edited on c"))
    results = []
    for n, order in enumerate(itertools.permutations([a, b, c])):
        out = tmp_path / f"out{n}.json"
        merge_files([str(p) for p in order], str(out))
        results.append(records(out))
    assert all(r == results[0] for r in results)
    step = tmp_path / "ab.json"
    merge_files([str(a), str(b)], str(step))
    again = tmp_path / "abc.json"
    merge_files([str(step), str(c)], str(again))
    assert records(again) == results[0]


def test_refused_inputs_stop_the_merge_and_write_nothing(tmp_path, mini, capsys):
    a = laptop(tmp_path / "a.json", mini, "P1")
    out = tmp_path / "out.json"
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"meta": {')
    newer = tmp_path / "newer.json"
    newer.write_text('{"meta": {"1": {"schema": 9, "file_id": "x"}}}')
    other = tmp_path / "other.json"
    other.write_text('{"_default": {}}')
    for bad, message in (
        (corrupt, "not a valid JSON file"),
        (newer, "newer vcf-tui"),
        (other, "not a vcf-tui data file"),
    ):
        assert main(["merge", str(a), str(bad), "-o", str(out)]) == 1
        err = capsys.readouterr().err
        assert str(bad) in err and message in err and "nothing was merged" in err
        assert not out.exists()
    assert main(["merge", str(a), "-o", str(a)]) == 1
    assert "also an input" in capsys.readouterr().err


def test_dry_run_and_version_drift(tmp_path, mini):
    from dataclasses import replace

    a = laptop(tmp_path / "a.json", mini, "P1")
    b = laptop(tmp_path / "b.json", replace(mini, sha256="f" * 64), "P2")
    out = tmp_path / "out.json"
    report = merge_files([str(a), str(b)], str(out), dry_run=True)
    assert not out.exists() and report["written"] is False
    (drift,) = report["version_drift"]
    assert drift["instrument_id"] == "mini" and len(drift["versions"]) == 2


def test_existing_output_needs_force(tmp_path, mini):
    a = laptop(tmp_path / "a.json", mini, "P1")
    out = tmp_path / "out.json"
    out.write_text("keep me")
    with pytest.raises(Exception, match="exists already"):
        merge_files([str(a)], str(out))
    assert out.read_text() == "keep me"
    merge_files([str(a)], str(out), force=True)
    assert read_tables(out)["sessions"]


# -- properties: any files, any order ---------------------------------------------------------------------------

versions = st.fixed_dictionaries(
    {
        "answer_id": st.sampled_from(["a1", "a2", "a3", "a4"]),
        "session_id": st.just("s1"),
        "question_id": st.sampled_from(["q1", "q2"]),
        "value": st.one_of(st.none(), st.integers(0, 3), st.text(max_size=3)),
        "revision": st.integers(1, 3),
        "updated_at": st.sampled_from(["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"]),
    }
)


def file_of(answers, n):
    tables = empty_tables()
    tables["meta"][f"f{n}"] = {"schema": 1, "file_id": f"f{n}"}
    for answer in answers:
        tables["answers"][answer["answer_id"]] = answer
    return (f"file{n}", tables)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(versions, max_size=6), min_size=1, max_size=4), st.randoms())
def test_merge_is_order_independent_and_idempotent_for_any_files(files, rng):
    named = [file_of(answers, n) for n, answers in enumerate(files)]
    merged = merge_tables(named).tables
    shuffled = named[:]
    rng.shuffle(shuffled)
    assert merge_tables(shuffled).tables["answers"] == merged["answers"]
    split = rng.randint(1, len(named))
    first = merge_tables(named[:split]).tables
    again = merge_tables([("first", first), *named[split:]]).tables
    assert again["answers"] == merged["answers"]
    # every record id of every input is in the output, and the kept version is one of the inputs' versions
    for _, tables in named:
        for key, record in tables["answers"].items():
            kept = merged["answers"][key]
            assert (kept["revision"], kept["updated_at"]) >= (record["revision"], record["updated_at"])


def test_every_other_table_is_carried(tmp_path):
    a, b, out = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "out.json"
    with DataFile.open(a) as store:
        store.put("observations", {"observation_id": "o1", "cycle": "realised", "value": 3})
        store.put("story_reviews", {"review_id": "r1", "session_id": "s1", "revision": 1})
    with DataFile.open(b) as store:
        store.put("observations", {"observation_id": "o2", "cycle": "applied", "value": 1})
    merge_files([str(a), str(b)], str(out))
    merged = read_tables(out)
    assert set(merged["observations"]) == {"o1", "o2"} and set(merged["story_reviews"]) == {"r1"}


def test_the_report_counts_every_table_present(tmp_path, mini, capsys):
    a = laptop(tmp_path / "a.json", mini, "P1")
    b = tmp_path / "b.json"
    b.write_bytes(a.read_bytes())
    with DataFile.open(a) as store:
        store.put("observations", {"observation_id": "o1", "cycle": "realised", "value": 3, "revision": 1})
        store.put("story_reviews", {"review_id": "r1", "session_id": "s1", "revision": 1})
    with DataFile.open(b) as store:
        store.put("observations", {"observation_id": "o1", "cycle": "realised", "value": 4, "revision": 2})
        store.put("observations", {"observation_id": "o2", "cycle": "applied", "value": 1})
    raw = json.loads(b.read_text())
    raw["future_table"] = {"1": {"x": 1}}
    b.write_text(json.dumps(raw))
    out = tmp_path / "out.json"
    assert main(["merge", str(a), str(b), "-o", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["tables"] == [
        "sessions",
        "answers",
        "codings",
        "future_table",
        "instruments",
        "observations",
        "story_reviews",
    ]
    first, second = report["inputs"]
    assert "observations" not in first and first["sessions"] == first["tables"]["sessions"]
    assert first["tables"]["observations"] == {"read": 1, "new": 1, "duplicate": 0, "conflicting": 0}
    assert second["tables"]["observations"] == {"read": 2, "new": 1, "duplicate": 0, "conflicting": 1}
    assert second["tables"]["sessions"] == {"read": 1, "new": 0, "duplicate": 1, "conflicting": 0}
    assert second["tables"]["story_reviews"]["read"] == 0 and second["tables"]["future_table"]["new"] == 1
    assert report["totals"] == {
        "sessions": 1,
        "answers": 2,
        "codings": 0,
        "future_table": 1,
        "instruments": 1,
        "observations": 2,
        "story_reviews": 1,
    }
    assert [c["id"] for c in report["conflicts"] if c["table"] == "observations"] == ["o1"]
    assert read_tables(out)["observations"]["o1"]["value"] == 4
    assert main(["merge", str(a), str(b), "-o", str(tmp_path / "out2.json")]) == 0
    text = capsys.readouterr().out
    assert "story_reviews        1      1      0        0" in text
    merged_line = (
        "merged: 1 session, 2 answers, 0 codings, future_table 1, instruments 1, observations 2, story_reviews 1"
    )
    assert merged_line in text
    assert "conflict: observations o1" in text


def test_the_report_keeps_its_columns_apart_at_a_million(tmp_path, mini):
    from vcf_tui.analysis.merge import format_report

    a = laptop(tmp_path / "a.json", mini, "P1")
    report = merge_files([str(a)], str(tmp_path / "out.json"), dry_run=True)
    counts = report["inputs"][0]["tables"]["answers"]
    counts.update(read=1_000_002, new=2, duplicate=1_000_000, conflicting=0)
    row = next(line for line in format_report(report).splitlines() if "answers" in line)
    assert row.split()[-4:] == ["1000002", "2", "1000000", "0"]
