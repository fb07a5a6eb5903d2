"""Self mode in the TUI shows participants nothing of the framework, in every bundled instrument."""

import re

import pytest

from vcf_tui.cycles import ALIASES, CAPITALS, CYCLES, SPELLINGS
from vcf_tui.instrument import find_instruments
from vcf_tui.store import read_tables
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.end import EndScreen
from vcf_tui.tui.screens.session import SessionScreen

from .drive import keys_for, screen_text

BUNDLED = sorted((e.instrument for e in find_instruments() if e.origin == "bundled"), key=lambda i: i.id)


def participant_texts(instrument) -> list[str]:
    """Every text of the instrument a self-completing participant is meant to read, longest first."""
    texts = [instrument.consent or "", instrument.heading("self")]
    for section in instrument.sections:
        texts += [section.heading("self"), section.intro or "", section.repeat.prompt, section.evidence_prompt or ""]
        texts += [section.self_text or section.text or "", *(step.wording("self") for step in section.steps)]
        for question in (*section.questions, *section.story_questions):
            texts += [question.wording("self"), *(c.label for c in question.choices), *question.labels.values()]
    return sorted({" ".join(t.split()) for t in texts if t.strip()}, key=len, reverse=True)


def framework_words(instrument) -> set[str]:
    labels = {c.label for c in CYCLES.values()} | {label for s in SPELLINGS.values() for label in s.values()}
    words = set(CYCLES) | set(ALIASES) | labels | set(CAPITALS)
    return words | {q.indicator for q in instrument.questions() if q.indicator}


@pytest.mark.parametrize("instrument", BUNDLED, ids=lambda i: i.id)
async def test_self_mode_screens_show_no_cycle_capital_or_indicator(store, instrument):
    assert len(BUNDLED) >= 4
    app = make_app(store, RunOptions(instrument, "self", interviewer="Sam", respondent="P1"))
    screens = []
    async with app.run_test(size=(160, 120)) as pilot:
        steps = 0
        while isinstance(app.screen, SessionScreen) and steps < 300:
            screens.append(screen_text(app))
            await pilot.press(*keys_for(app.screen.recorder.current))
            steps += 1
        assert isinstance(app.screen, EndScreen)
        screens.append(screen_text(app))
    (session,) = read_tables(store.path)["sessions"].values()
    assert session["status"] == "complete"
    for shown in screens:
        rest = " ".join(shown.split())
        for text in participant_texts(instrument):
            rest = rest.replace(text, " ")
        for word in framework_words(instrument):
            assert not re.search(rf"\b{re.escape(word)}\b", rest, re.IGNORECASE), (instrument.id, word, rest)


async def test_the_check_sees_a_cycle_badge_in_interview_mode(store):
    """The same capture finds the framework where it belongs, so the self-mode test can fail."""
    instrument = next(i for i in BUNDLED if i.id == "value-story-interview")
    app = make_app(store, RunOptions(instrument, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(160, 120)) as pilot:
        await pilot.press(*keys_for(app.screen.recorder.current))
        await pilot.press(*keys_for(app.screen.recorder.current))
        assert "value" in screen_text(app).lower() and any(
            c.label in screen_text(app) for c in CYCLES.values())
