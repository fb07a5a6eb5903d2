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
