"""Self-completion kiosk: the next participant starts fresh; leaving needs the PIN."""

import pytest
from textual.widgets import Input

from vcf_tui.store import read_tables
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.dialogs import PinCheck, PinSetup
from vcf_tui.tui.screens.end import EndScreen
from vcf_tui.tui.screens.session import SessionScreen

from .drive import answer_all


class FakeClock:
    """Stands in for the ``time`` module of ``vcf_tui.tui.pin``: time moves only when a test says so."""

    now = 1000.0

    @classmethod
    def monotonic(cls) -> float:
        return cls.now


@pytest.fixture
def clock(monkeypatch):
    FakeClock.now = 1000.0
    monkeypatch.setattr("vcf_tui.tui.pin.time", FakeClock)
    return FakeClock


async def test_kiosk_loop_and_pin(store, mini, clock):
    app = make_app(store, RunOptions(mini, "self", lock=True))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, PinSetup)
        await pilot.press(*"1234", "enter", *"1234", "enter")
        assert isinstance(app.screen, SessionScreen)
        await answer_all(app, pilot)
        assert isinstance(app.screen, EndScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.recorder.engine.state.answers == {}  # nothing of the last participant
        await pilot.press("ctrl+q", "1")
        assert isinstance(app.screen, PinCheck)
        await pilot.press(*"9999", "enter")
        assert isinstance(app.screen, PinCheck)
        assert app.screen.query_one(Input).value == ""
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)
        clock.now += 1
        await pilot.press("ctrl+q", "1", *"1234", "enter")
    assert app.return_code == 0 and not app.is_running
    statuses = sorted(s["status"] for s in read_tables(store.path)["sessions"].values())
    assert statuses == ["complete"]  # the next participant had not begun: no session is left behind


async def test_pin_must_be_typed_twice_alike(store, mini):
    app = make_app(store, RunOptions(mini, "self", lock=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"12", "enter", *"12", "enter")
        assert "4 or more" in str(app.screen.query_one("#pin-message").render())
        await pilot.press("shift+tab", "ctrl+a", *"abcd", "enter", *"abce", "enter")
        assert "differ" in str(app.screen.query_one("#pin-message").render())


def pin_message(app) -> str:
    return str(app.screen.query_one("#pin-message").render())


async def test_wrong_pins_make_the_next_try_wait_longer(store, mini, clock):
    app = make_app(store, RunOptions(mini, "self", lock=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"1234", "enter", *"1234", "enter", "ctrl+q", "1")
        assert isinstance(app.screen, PinCheck)
        await pilot.press(*"0000", "enter")
        assert "Try again in 1 s" in pin_message(app)
        await pilot.press(*"1234", "enter")  # the right PIN, but too soon: refused
        assert isinstance(app.screen, PinCheck)
        clock.now += 1
        await pilot.press(*"0000", "enter")
        assert "Try again in 2 s" in pin_message(app)
        clock.now += 2
        await pilot.press(*"0000", "enter")
        assert "Try again in 4 s" in pin_message(app)
        await pilot.press("escape", "ctrl+q", "1")  # leaving the dialog does not reset the wait
        assert "Try again in 4 s" in pin_message(app)
        clock.now += 3
        await pilot.pause(0.6)
        assert "Try again in 1 s" in pin_message(app)
        clock.now += 1
        await pilot.press(*"1234", "enter")
    assert not app.is_running and app.return_code == 0
