"""The session engine: visibility, navigation, checking, stories, completion."""

import pytest

from vcf_tui.answers import InvalidAnswer
from vcf_tui.engine import Engine, SessionState


def keys(engine: Engine) -> list[str]:
    return [step.key for step in engine.steps()]


def test_consent_comes_first_and_a_no_ends_the_session(mini):
    engine = Engine(mini)
    assert keys(engine) == ["consent"]
    engine.answer(False)
    assert engine.declined and engine.current is None
    assert not engine.is_complete()


def test_conditions_hide_and_show_questions(mini):
    engine = Engine(mini)
    engine.answer(True)
    assert engine.current.key == "meetings"
    engine.answer("None")
    assert keys(engine)[:4] == ["consent", "meetings", "tools", "info"]
    assert engine.current.key == "tools"
    engine.back()
    engine.answer("3-5")
    assert keys(engine)[1:5] == ["meetings", "confidence", "idea-used", "tools"]
    assert keys(engine)[-1] == "success"


def test_cascading_conditions(mini):
    engine = Engine(mini)
    for value in (True, "1-2", 4):
        engine.answer(value)
    assert "hours" in keys(engine)
    engine.back()
    engine.back()
    engine.answer("None")  # hides confidence, and so hours that depends on it
    assert "confidence" not in keys(engine) and "hours" not in keys(engine)
    assert engine.hidden_keys() == {"confidence"}
    assert "confidence" not in engine.visible_answers()
    assert engine.state.answers["confidence"] == 4  # kept, recoverable


def test_going_back_keeps_answers_and_drafts(mini):
    engine = Engine(mini)
    engine.answer(True)
    engine.answer("3-5")
    assert engine.current.key == "confidence"
    engine.drafts["confidence"] = 2
    engine.back()
    assert engine.current.key == "meetings"
    assert engine.value(engine.current) == "3-5"
    engine.answer("3-5")
    assert engine.value(engine.current) == 2


def test_required_and_invalid_answers_are_refused(mini):
    engine = Engine(mini)
    engine.answer(True)
    with pytest.raises(InvalidAnswer, match="required"):
        engine.answer("")
    with pytest.raises(InvalidAnswer, match="not one of the choices"):
        engine.answer("Maybe")
    engine.answer("Yes")  # a choice value, not a boolean
    with pytest.raises(InvalidAnswer, match="from 1 to 5"):
        engine.answer(6)
    with pytest.raises(InvalidAnswer, match="whole number"):
        engine.answer("2.5")
    engine.answer("4")
    assert engine.state.answers["confidence"] == 4
    engine.answer("")  # optional longtext: skipped
    assert engine.state.answers["idea-used"] is None
    with pytest.raises(InvalidAnswer, match="at most 2"):
        engine.answer(["plans", "drills", "log"])
    engine.answer(["log", "Other: mentoring"])
    assert engine.state.answers["tools"] == ["log", "Other: mentoring"]
    with pytest.raises(InvalidAnswer, match="not a number"):
        engine.answer("lots")
    engine.answer("12.5")
    assert engine.state.answers["hours"] == 12.5


def test_story_repeat_and_skipped_steps(mini):
    engine = Engine(mini)
    for value in (True, "None", [], None):  # consent, meetings, tools, note
        engine.answer(value)
    assert engine.current.key == "story[1].immediate"
    engine.answer("We ran a session on questioning.")
    engine.answer("")  # potential skipped
    engine.answer("I used it with my team.")
    assert engine.current.key == "story[1]+"
    engine.answer(True)
    assert engine.current.key == "story[2].immediate"
    for value in ("a", "b", "c"):
        engine.answer(value)
    assert engine.current is None  # max 2 stories: no third "another?"
    assert engine.state.answers["story[1].potential"] is None
    assert engine.is_complete()


def test_complete_needs_every_visible_required_answer(mini):
    engine = Engine(mini)
    engine.answer(True)
    assert not engine.is_complete()
    engine.answer("1-2")
    assert engine.is_complete()


def test_resume_goes_to_the_first_unanswered_step(mini):
    state = SessionState(consent=True, answers={"meetings": "1-2", "confidence": 2})
    engine = Engine(mini, state=state)
    assert engine.current.key == "idea-used"
    assert engine.progress() == (4, len(engine.steps()))


def test_self_mode_wording(mini):
    question = mini.question("confidence")
    assert question.wording("self").endswith("in your own words?")
    assert question.wording("interview") == "How much more confident do you feel?"


def test_progress_counts_the_questions_behind_consent(mini):
    engine = Engine(mini)
    k, n = engine.progress()
    assert (k, n) == (1, len([s for s in Engine(mini, state=SessionState(consent=True)).steps()]))
    assert n > 1


def test_steps_are_frozen_dataclasses_one_per_kind(mini):
    import dataclasses

    from vcf_tui.steps import AnotherStoryStep, ConsentStep, FixedStoryStep, QuestionStep

    engine = Engine(mini)
    engine.answer(True)
    steps = engine.steps()
    assert isinstance(steps[0], ConsentStep) and isinstance(steps[1], QuestionStep)
    story = next(s for s in steps if isinstance(s, FixedStoryStep))
    assert (story.key, story.record_key, story.cycles, story.position) == ("story[1].immediate",) * 2 + (
        ("immediate",),
        1,
    )
    assert not hasattr(story, "question") and not hasattr(steps[1], "story_step")
    more = next(s for s in steps if isinstance(s, AnotherStoryStep))
    assert more.key == "story[1]+" and more.record_key is None and more.prompt("self") == "Another story?"
    note = next(s for s in steps if isinstance(s, QuestionStep) and s.question.type == "note")
    assert not note.asks and note.record_key is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        story.instance = 2
