"""Stories told in the narrator's order (SPEC 8): the engine's walk, checks, going back."""

import pytest

from tests.conftest import FIXTURES
from vcf_tui.answers import InvalidAnswer
from vcf_tui.engine import Engine
from vcf_tui.instrument import load_instrument
from vcf_tui.steps import (
    NEXT_STEP_PROMPT,
    AnotherStoryStep,
    EvidenceStep,
    FixedStoryStep,
    StoryQuestionStep,
    TagStep,
    ToldStep,
)


@pytest.fixture
def told():
    return load_instrument(FIXTURES / "told.yaml")


def tell(engine: Engine, *steps: tuple[str, str, str]) -> None:
    """Tell the current told story: (text, cycle, evidence) per step, then the empty step that ends it."""
    for text, cycle, evidence in steps:
        assert isinstance(engine.current, ToldStep)
        engine.answer(text)
        engine.answer(cycle)
        engine.answer(evidence)
    engine.answer("")


def test_a_told_step_is_text_then_cycle_then_evidence(told):
    engine = Engine(told)
    engine.answer("Ana")
    step = engine.current
    assert isinstance(step, ToldStep) and step.key == "story[1].step-1"
    assert step.prompt("interview") == told.section("story").text
    assert step.prompt("self").startswith("Tell us about")
    engine.answer("We ran a video session")
    tag = engine.current
    assert isinstance(tag, TagStep) and tag.record_key == "story[1].step-1"
    interview = tag.options("interview")
    assert [o.cycle for o in interview] == ["immediate", "potential", "applied", "realised", "reframing"]
    assert interview[2].label == "Applied value" and interview[2].prompt == "What did you do with it?"
    assert interview[3].label == "Realized value"  # spelt as the instrument's framework (vcf-2011) spells it
    engine.answer("applied")
    assert isinstance(engine.current, EvidenceStep)
    assert engine.current.prompt("self") == told.section("story").evidence_prompt
    engine.answer("The club's session log")
    assert isinstance(engine.current, ToldStep) and engine.current.position == 2
    assert engine.current.prompt("interview") == NEXT_STEP_PROMPT
    (so_far,) = engine.told(told.section("story"), 1)
    assert (so_far.position, so_far.text, so_far.cycle, so_far.evidence) == (
        1, "We ran a video session", "applied", "The club's session log")


def test_any_cycle_in_any_position_and_more_than_once(told):
    engine = Engine(told)
    engine.answer("")
    tell(engine, ("Used a drill", "applied", ""), ("Players improved", "realised", "Scores"),
         ("Shared it at a meeting", "immediate", ""), ("Others used it", "applied", "Emails"))
    story = told.section("story")
    assert [s.cycle for s in engine.told(story, 1)] == ["applied", "realised", "immediate", "applied"]
    assert [s.evidence for s in engine.told(story, 1)] == [None, "Scores", None, "Emails"]
    assert engine.state.ends == {"story[1]": 5}
    assert isinstance(engine.current, StoryQuestionStep) and engine.current.key == "story[1].who-benefited"


def test_story_questions_then_another_story_then_the_fixed_story(told):
    engine = Engine(told)
    engine.answer("")
    tell(engine, ("A session", "immediate", ""))
    engine.answer(["Me", "My club"])
    with pytest.raises(InvalidAnswer):
        engine.answer(None)  # contribution is required
    engine.answer(4)
    assert isinstance(engine.current, AnotherStoryStep)
    engine.answer(True)
    assert engine.current.key == "story[2].step-1"
    tell(engine, ("Another one", "potential", ""))
    engine.answer([])
    engine.answer(2)
    # story 2 is the last (repeat max 2): no "another story?", on to the fixed story
    assert isinstance(engine.current, FixedStoryStep) and engine.current.key == "fixed[1].immediate"
    engine.answer("A meeting")
    assert isinstance(engine.current, EvidenceStep) and engine.current.key == "fixed[1].immediate#evidence"
    engine.answer("Minutes")
    engine.answer("")  # `used` skipped: no evidence asked for it
    assert engine.current.key == "fixed[1].kind"
    engine.answer("It happened")
    assert engine.current is None and engine.is_complete()


def test_an_empty_first_step_means_no_story(told):
    engine = Engine(told)
    engine.answer("")
    engine.answer("")
    assert engine.current.key == "fixed[1].immediate"
    assert not any(isinstance(s, StoryQuestionStep | AnotherStoryStep) and s.section.id == "story"
                   for s in engine.steps())


def test_the_cycle_must_be_one_of_the_steps_and_self_mode_names_none(told):
    for mode in ("interview", "self"):
        engine = Engine(told, mode)
        engine.answer("")
        engine.answer("A session")
        with pytest.raises(InvalidAnswer) as refused:
            engine.answer("strategic")
        assert ("immediate" in str(refused.value)) == (mode == "interview")
        with pytest.raises(InvalidAnswer):
            engine.answer(None)
        engine.answer("Realized")  # the spelling alias is accepted
        assert engine.state.cycles["story[1].step-1"] == "realised"


def test_back_goes_through_told_steps_keeping_each_part(told):
    engine = Engine(told)
    engine.answer("")
    engine.answer("First")
    engine.answer("immediate")
    engine.answer("Photos")
    engine.answer("Second")
    engine.answer("applied")
    assert isinstance(engine.current, EvidenceStep)
    back = [engine.back() for _ in range(5)]
    assert [type(s).__name__ for s in back] == ["TagStep", "ToldStep", "EvidenceStep", "TagStep", "ToldStep"]
    assert [engine.value(s) for s in back] == ["applied", "Second", "Photos", "immediate", "First"]
    engine.answer("First, changed")
    engine.answer("potential")
    assert engine.value(engine.current) == "Photos"
    assert [(s.text, s.cycle) for s in engine.told(told.section("story"), 1)] == [
        ("First, changed", "potential"), ("Second", "applied")]


def test_emptying_an_earlier_step_ends_the_story_there_and_hides_the_rest(told):
    engine = Engine(told)
    engine.answer("")
    tell(engine, ("First", "immediate", ""), ("Second", "applied", ""))
    while not (isinstance(engine.current, ToldStep) and engine.current.position == 2):
        engine.back()
    engine.answer("")
    assert engine.hidden_keys() == {"story[1].step-2"}
    assert [s.text for s in engine.told(told.section("story"), 1)] == ["First"]
    assert engine.current.key == "story[1].who-benefited"


def test_a_told_step_without_its_cycle_is_not_complete(told):
    engine = Engine(told)
    engine.answer("")
    engine.answer("A session")
    assert not engine.is_complete()
