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


def pressing(*keys):
    """Press ``keys``, then wait for the tally worker, so the panel is counted when the snapshot is taken.

    Cursors stop blinking first: a blink caught half-way would make the snapshot differ from run to run.
    """

    async def run_before(pilot):
        await pilot.press(*keys)
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.app.background_done()
        await pilot.pause()

    return run_before


def test_home_screen(snap_compare, quiet_store):
    assert snap_compare(make_app(quiet_store, RunOptions()), terminal_size=(80, 24))


def test_question_in_interview_mode(snap_compare, quiet_store, mini):
    app = make_app(quiet_store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    assert snap_compare(app, run_before=pressing("1", "enter", "3", "enter", "4", "enter"), terminal_size=(80, 24))


def test_question_in_self_mode(snap_compare, quiet_store, mini):
    app = make_app(quiet_store, RunOptions(mini, "self"))
    assert snap_compare(app, press=["1", "enter", "3", "enter"], terminal_size=(80, 24))


def test_end_screen(snap_compare, quiet_store, mini):
    app = make_app(quiet_store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    assert snap_compare(app, press=["2", "enter"], terminal_size=(80, 24))


def test_question_in_the_light_theme(snap_compare, quiet_store, mini):
    app = make_app(quiet_store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))

    async def light(pilot):
        app.theme = "textual-light"
        await pressing("1", "enter", "3", "enter")(pilot)

    assert snap_compare(app, run_before=light, terminal_size=(80, 24))


def test_story_step_with_probe_and_note_at_80x24(snap_compare, quiet_store):
    from pathlib import Path

    from vcf_tui.instrument import load_instrument

    long = load_instrument(Path(__file__).parent / "fixtures" / "long.yaml")
    app = make_app(quiet_store, RunOptions(long, "interview", interviewer="Sam", respondent="P1", wave="baseline"))
    keys = pressing(*"Sam", "enter", "4", "enter", *"We met", "ctrl+s")
    assert snap_compare(app, run_before=keys, terminal_size=(80, 24))
