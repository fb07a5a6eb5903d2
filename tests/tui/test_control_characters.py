"""Control characters in an instrument never reach the terminal: every screen shows them as visible escapes."""

from pathlib import Path

import pytest

from vcf_tui.instrument import load_instrument
from vcf_tui.instrument.catalog import Entry
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.home import HomeScreen
from vcf_tui.tui.screens.session import SessionScreen

from .drive import keys_for, screen_text

HOSTILE = Path(__file__).parent / "fixtures" / "hostile.yaml"
RAW = ("\x1b", "\x07", "\x9b")


def assert_clean(app, where: str) -> str:
    shown = screen_text(app)
    assert not any(char in shown for char in RAW), (where, repr(shown))
    return shown


@pytest.mark.parametrize("mode", ["interview", "self"])
async def test_hostile_instrument_shows_no_control_character(store, mode):
    hostile = load_instrument(HOSTILE)
    app = make_app(store, RunOptions(hostile, mode, interviewer="Sam", respondent="P1"))
    seen = []
    async with app.run_test(size=(120, 60)) as pilot:
        steps = 0
        while isinstance(app.screen, SessionScreen) and steps < 40:
            seen.append(assert_clean(app, app.screen.recorder.current.key))
            await pilot.press(*keys_for(app.screen.recorder.current))
            steps += 1
        seen.append(assert_clean(app, "end"))
    everything = "\n".join(seen)
    for visible in ("\\x1b]0;pwned\\x07", "About \\x1b[2J you", "Red \\x1b[31mchoice", "Tell \\x1b]0;"):
        assert visible in everything, visible


async def test_hostile_instrument_on_the_home_screen(home_store, monkeypatch):
    hostile = load_instrument(HOSTILE)
    monkeypatch.setattr("vcf_tui.tui.app.find_instruments", lambda: [Entry(hostile.path, "local", hostile)])
    app = make_app(home_store, RunOptions())
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "Hostile \\x1b[31mred" in assert_clean(app, "home")
        await pilot.press("enter", *"Sam", "enter", *"P1", "enter")  # the interview asks who first
        assert isinstance(app.screen, SessionScreen)
        assert_clean(app, "first question")
