"""A live session saved through the store: revisions, hidden answers, resume."""

import pytest

from vcf_tui.answers import InvalidAnswer
from vcf_tui.recorder import Recorder
from vcf_tui.steps import FixedStoryStep
from vcf_tui.store import DataFile, StoreError, read_tables


def answers_by_question(path):
    return {a["question_id"]: a for a in read_tables(path)["answers"].values()}


def test_each_answer_is_on_disk_before_the_next_step(tmp_path, mini):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, mini, "interview", interviewer="Sam", respondent="P1")
        recorder.submit(True)
        session = next(iter(read_tables(path)["sessions"].values()))
        assert session["consent"]["given"] is True and session["interviewer"] == "Sam"
        recorder.submit("3-5", note="came late")
        saved = answers_by_question(path)["meetings"]
        assert saved["value"] == "3-5" and saved["note"] == "came late" and saved["revision"] == 1
        assert saved["cycles"] == ["immediate"] and saved["indicator"] == "participation"
        recorder.submit(4)
        assert answers_by_question(path)["confidence"]["scale"] == {"min": 1, "max": 5}
        assert answers_by_question(path)["confidence"]["capital"] == "human"


def test_changing_an_answer_raises_revision_and_hides_dependents(tmp_path, mini):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, mini, "interview")
        for value in (True, "3-5", 4):
            recorder.submit(value)
        recorder.back()
        recorder.back()
        recorder.submit("None")
    saved = answers_by_question(path)
    assert saved["meetings"]["value"] == "None" and saved["meetings"]["revision"] == 2
    assert saved["confidence"]["hidden"] is True and saved["confidence"]["value"] == 4


def test_invalid_answer_saves_nothing(tmp_path, mini):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, mini, "self")
        recorder.submit(True)
        with pytest.raises(InvalidAnswer):
            recorder.submit("")
        assert answers_by_question(path) == {}
        assert recorder.current.key == "meetings"


def test_failed_save_leaves_the_session_where_it_was(tmp_path, mini, monkeypatch):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, mini, "interview")
        recorder.submit(True)

        def broken(puts):
            raise StoreError("disk is full")

        monkeypatch.setattr(recorder, "_write", broken)
        with pytest.raises(StoreError):
            recorder.submit("1-2")
        assert recorder.current.key == "meetings"
        assert "meetings" not in recorder.engine.state.answers


def test_declining_consent_abandons_the_session(tmp_path, mini):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, mini, "self")
        recorder.submit(False)
        assert recorder.current is None
    (session,) = read_tables(path)["sessions"].values()
    assert session["status"] == "abandoned" and session["consent"]["given"] is False


def test_resume_after_the_process_died(tmp_path, mini):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    recorder = Recorder.start(store, mini, "interview", respondent="P2")
    for value in (True, "1-2", 3):
        recorder.submit(value)
    session_id = recorder.session["session_id"]
    # no close(): as if killed; the journal holds the answers
    import os

    os.close(store._fd)
    with DataFile.open(path) as again:
        resumed = Recorder.resume(again, mini, session_id)
        assert resumed.current.key == "idea-used"
        assert resumed.engine.state.answers["confidence"] == 3
        for value in ("", [], ""):
            resumed.submit(value)
        resumed.submit(None)  # the note
        while resumed.current is not None:
            resumed.submit("" if isinstance(resumed.current, FixedStoryStep) else False)
    (session,) = read_tables(path)["sessions"].values()
    assert session["status"] == "complete" and session["completed_at"].endswith("Z")
