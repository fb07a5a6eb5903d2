"""Told stories on disk (SPEC 8): records, resume after a crash, loops, and round-1 files."""

import os

import pytest

from tests.conftest import FIXTURES
from vcf_tui.instrument import load_instrument
from vcf_tui.recorder import Recorder
from vcf_tui.steps import TagStep
from vcf_tui.store import DataFile, read_tables
from vcf_tui.stories import is_loop, loops, story_steps


@pytest.fixture
def told():
    return load_instrument(FIXTURES / "told.yaml")


def by_question(path):
    return {a["question_id"]: a for a in read_tables(path)["answers"].values()}


LOOP = [
    ("Used a drill", "applied", "The plan"),
    ("Players improved", "realised", ""),
    ("Shared it at a meeting", "immediate", "Minutes"),
    ("Others used it", "applied", "Emails"),
]


def submit_all(recorder, values):
    for value in values:
        recorder.submit(value)


def test_told_steps_are_stored_in_told_order_with_positions_and_evidence(tmp_path, told):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, told, "interview", respondent="P1")
        recorder.submit("Ana")
        for text, cycle, evidence in LOOP:
            submit_all(recorder, (text, cycle, evidence))
        submit_all(recorder, ("", ["Me"], 5, False))
    answers = by_question(path)
    step = answers["story[1].step-3"]
    assert step["value"] == "Shared it at a meeting" and step["type"] == "story"
    assert step["story"] == {"section": "story", "instance": 1, "step": "step-3", "position": 3}
    assert step["cycles"] == ["immediate"] and step["evidence_text"] == "Minutes"
    assert answers["story[1].step-2"]["evidence_text"] is None
    assert "story[1].step-5" not in answers  # the empty step that ended the story is no answer
    question = answers["story[1].contribution"]
    assert question["story"] is None and question["of_story"] == {"section": "story", "instance": 1}
    assert question["cycles"] == ["realised"] and question["evidence"] == "contribution"
    assert answers["name"]["personal"] is True and question["personal"] is False
    assert answers["name"]["cycles"] == []
    (steps,) = story_steps(answers.values()).values()
    assert [s["value"] for s in steps] == [text for text, _, _ in LOOP]
    assert loops(steps) == [False, False, True, False]
    (session,) = read_tables(path)["sessions"].values()
    assert session["story_ends"] == {"story[1]": 5}


def test_fixed_steps_gain_evidence_text_only_when_asked(tmp_path, told):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, told, "interview")
        submit_all(recorder, ("", "", "A meeting", "Minutes", "", "It happened"))
        assert recorder.current is None
    answers = by_question(path)
    assert answers["fixed[1].immediate"]["evidence_text"] == "Minutes"
    assert answers["fixed[1].immediate"]["story"]["position"] == 1
    assert "evidence_text" not in answers["fixed[1].used"]
    assert answers["fixed[1].kind"]["value"] == "It happened"
    (session,) = read_tables(path)["sessions"].values()
    assert session["status"] == "complete"


@pytest.mark.parametrize("given", [2, 3, 4, 5, 8, 9])
def test_resume_after_a_crash_restores_the_told_story_exactly(tmp_path, told, given):
    """Killed after ``given`` answers (mid-step, after a tag, after the end...), resumed where it was."""
    path = tmp_path / "data.json"
    script = ["Ana", "Used a drill", "applied", "The plan", "Players improved", "realised", "", "", ["Me"], 4]
    store = DataFile.open(path)
    recorder = Recorder.start(store, told, "interview")
    submit_all(recorder, script[:given])
    expected_key = recorder.current.key
    expected_told = recorder.engine.told(told.section("story"), 1)
    os.close(store._fd)  # as if killed: no close()
    with DataFile.open(path) as again:
        resumed = Recorder.resume(again, told, recorder.session["session_id"])
        assert resumed.current.key == expected_key
        assert resumed.engine.told(told.section("story"), 1) == expected_told
        submit_all(resumed, script[given:])
        assert resumed.current.key == "story[1]+"
    steps = story_steps(by_question(path).values())[(recorder.session["session_id"], "story", 1)]
    assert [(s["value"], s["cycles"], s["evidence_text"]) for s in steps] == [
        ("Used a drill", ["applied"], "The plan"),
        ("Players improved", ["realised"], None),
    ]


def test_back_and_empty_an_earlier_step_hides_the_later_ones_on_disk(tmp_path, told):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, told, "interview")
        submit_all(recorder, ("", "First", "immediate", "", "Second", "applied", ""))
        while recorder.current.key != "story[1].step-2":
            recorder.back()
        recorder.submit("")
        assert recorder.current.key == "story[1].who-benefited"
    answers = by_question(path)
    assert answers["story[1].step-2"]["hidden"] is True and answers["story[1].step-1"]["hidden"] is False
    (steps,) = story_steps(answers.values()).values()
    assert [s["value"] for s in steps] == ["First"]


def test_tagging_writes_the_cycle_into_the_step_record(tmp_path, told):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, told, "interview")
        submit_all(recorder, ("", "A session"))
        assert by_question(path)["story[1].step-1"]["cycles"] == []
        assert isinstance(recorder.current, TagStep)
        recorder.submit("potential", note="said with some doubt")
        record = by_question(path)["story[1].step-1"]
        assert record["cycles"] == ["potential"] and record["revision"] == 2
        assert record["note"] == "said with some doubt" and recorder.note(recorder.current) == record["note"]


def test_a_round_one_file_with_a_fixed_story_resumes(tmp_path, mini):
    """Records as round 1 wrote them: no position, evidence_text, personal or story_ends."""
    path = tmp_path / "data.json"
    stamp = "2025-01-01T10:00:00Z"
    session = {
        "session_id": "s1",
        "instrument_id": "mini",
        "instrument_version": "2.1",
        "framework": "vcf-2011",
        "mode": "interview",
        "consent": {"given": True, "at": stamp},
        "status": "in_progress",
        "started_at": stamp,
        "updated_at": stamp,
        "another_story": {},
    }

    def answer(question_id, value, story=None):
        return {
            "answer_id": f"a-{question_id}",
            "session_id": "s1",
            "question_id": question_id,
            "value": value,
            "cycles": ["immediate"],
            "story": story,
            "hidden": False,
            "answered_at": stamp,
            "revision": 1,
        }

    with DataFile.open(path) as store:
        store.put_many(
            [
                ("sessions", session),
                ("answers", answer("meetings", "None")),
                ("answers", answer("tools", ["plans"])),
                (
                    "answers",
                    answer("story[1].immediate", "Hi", {"section": "story", "instance": 1, "step": "immediate"}),
                ),
            ]
        )
    with DataFile.open(path) as store:
        recorder = Recorder.resume(store, mini, "s1")
        assert recorder.current.key == "story[1].potential"
        submit_all(recorder, ("Took this", "", False))
        assert recorder.current is None
    steps = story_steps(by_question(path).values())[("s1", "story", 1)]
    assert [s["value"] for s in steps] == ["Hi", "Took this"]


def test_loops_follow_the_cycle_order_of_the_spec():
    assert is_loop("realised", "immediate") and is_loop("Realized", "applied")
    assert not is_loop("applied", "applied") and not is_loop(None, "immediate")
    assert is_loop("strategic", "immediate") and not is_loop("reframing", "transformative")
    records = [
        {
            "session_id": "s",
            "story": {"section": "x", "instance": 1, "step": f"step-{k}", "position": k},
            "value": f"t{k}",
            "cycles": [cycle],
        }
        for k, cycle in ((2, "potential"), (1, "realised"))
    ]
    (steps,) = story_steps(records).values()
    assert [s["value"] for s in steps] == ["t1", "t2"] and loops(steps) == [False, True]
