"""How the screens look at 80x24 (SVG snapshots; update with --snapshot-update)."""

import pytest

from vcf_tui.tui.app import RunOptions, make_app


class FrozenClock:
    @staticmethod
    def monotonic() -> float:
        return 0.0


@pytest.fixture
def quiet_store(home_store, monkeypatch):
    """The home store, with a frozen clock."""
    monkeypatch.setattr("vcf_tui.tui.screens.session.time", FrozenClock)
    return home_store


def test_home_screen(snap_compare, quiet_store):
    assert snap_compare(make_app(quiet_store, RunOptions()), terminal_size=(80, 24))


def test_question_in_interview_mode(snap_compare, quiet_store, mini):
    app = make_app(quiet_store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    assert snap_compare(app, press=["1", "enter", "3", "enter", "4", "enter"], terminal_size=(80, 24))


def test_question_in_self_mode(snap_compare, quiet_store, mini):
    app = make_app(quiet_store, RunOptions(mini, "self"))
    assert snap_compare(app, press=["1", "enter", "3", "enter"], terminal_size=(80, 24))


def test_end_screen(snap_compare, quiet_store, mini):
    app = make_app(quiet_store, RunOptions(mini, "interview"))
    assert snap_compare(app, press=["2", "enter"], terminal_size=(80, 24))


def test_question_in_the_light_theme(snap_compare, quiet_store, mini):
    app = make_app(quiet_store, RunOptions(mini, "interview"))

    async def light(pilot):
        app.theme = "textual-light"
        await pilot.press("1", "enter", "3", "enter")
        await pilot.pause()

    assert snap_compare(app, run_before=light, terminal_size=(80, 24))


def test_story_step_with_probe_and_note_at_80x24(snap_compare, quiet_store):
    from pathlib import Path

    from vcf_tui.instrument import load_instrument

    long = load_instrument(Path(__file__).parent / "fixtures" / "long.yaml")
    app = make_app(quiet_store, RunOptions(long, "interview", interviewer="Sam", respondent="P1", wave="baseline"))
    assert snap_compare(app, press=[*"Sam", "enter", "4", "enter", *"We met", "ctrl+s"], terminal_size=(80, 24))
