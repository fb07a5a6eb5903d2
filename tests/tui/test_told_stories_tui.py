"""A told story completes in the TUI with keys only (the engine's steps on today's answer boxes)."""

import pytest

from vcf_tui.instrument import load_instrument
from vcf_tui.steps import TagStep
from vcf_tui.store import read_tables
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.end import EndScreen
from vcf_tui.tui.widgets.answer import AnswerArea

from .conftest import FIXTURES
from .drive import answer_all, keys_for


@pytest.mark.parametrize("mode", ["interview", "self"])
async def test_told_story_by_keys(store, mode):
    told = load_instrument(FIXTURES / "told.yaml")
    app = make_app(store, RunOptions(told, mode, interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(100, 40)) as pilot:
        while not isinstance(app.screen.recorder.current, TagStep):
            await pilot.press(*keys_for(app.screen.recorder.current))
        shown = " ".join(str(w.render()) for w in app.screen.query_one(AnswerArea).query("*") if w.display)
        assert ("Immediate value" in shown) == (mode == "interview")
        assert "What happened? Who was there?" in shown  # interview mode shows the label and the prompt
        await answer_all(app, pilot)
        assert isinstance(app.screen, EndScreen)
    answers = {a["question_id"]: a for a in read_tables(store.path)["answers"].values()}
    assert answers["story[1].step-1"]["cycles"] == ["immediate"]
    assert answers["story[1].step-1"]["evidence_text"] == "a moment"
    assert "story[1].step-2" not in answers


@pytest.mark.parametrize("mode", ["interview", "self"])
async def test_story_so_far_and_hints(store, mode):
    from textual.widgets import Static

    from vcf_tui.steps import ToldStep

    def shown(selector):
        widget = app.screen.query_one(selector, Static)
        return str(widget.render()) if widget.display else ""

    told = load_instrument(FIXTURES / "told.yaml")
    app = make_app(store, RunOptions(told, mode, interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*"Kim", "enter")                       # about you
        assert "ctrl+s" in shown("#hint") and not shown("#story-so-far")
        await pilot.press(*"We met", "ctrl+s")
        assert shown("#hint") == ("Press the number of the answer, then Enter." if mode == "self"
                                  else "A digit tags the cycle, then Enter.")
        await pilot.press("2", "enter", *"the notes", "ctrl+s")  # potential, with evidence
        assert isinstance(app.screen.recorder.current, ToldStep)
        assert "ctrl+s on an empty box ends the story" in shown("#hint")
        recap = shown("#story-so-far")
        if mode == "self":
            assert recap == "Your story so far:\n  • We met"
        else:
            assert recap == "Story 1 so far:\n  1. [Potential value] We met\n     evidence: the notes"
