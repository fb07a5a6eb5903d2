"""The interviewer's tally panel: built in a worker, headed, and for the running instrument only."""

import threading

from vcf_tui.instrument import load_instrument
from vcf_tui.store import read_tables
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.session import SessionScreen

from .conftest import FIXTURES
from .drive import answer_all


def panel_text(app) -> str:
    tally = app.screen.query_one("#tally")
    return "\n".join(line.text for line in tally.render_lines(tally.region.reset_offset))


def row(text: str, name: str) -> list[str]:
    return next(line.split() for line in text.splitlines() if name in line)


async def test_panel_has_headings_and_counts_only_this_instrument(store, mini):
    told = load_instrument(FIXTURES / "told.yaml")
    first = make_app(store, RunOptions(told, "interview", interviewer="Sam", respondent="T1"))
    async with first.run_test(size=(120, 40)) as pilot:
        await answer_all(first, pilot)
    assert len(read_tables(store.path)["sessions"]) == 1
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.background_done()
        await pilot.press("1", "enter", "3", "enter")
        shown = panel_text(app)
        assert "Answers per cycle" in shown and "this" in row(shown, "Cycle") and "all" in row(shown, "Cycle")
        assert "every session of this" in shown and "instrument" in shown
        assert row(shown, "immediate")[-2:] == ["1", "1"]  # the told session's immediate answers are not here
        assert row(shown, "sessions")[-1] == "1"


async def test_first_question_shows_before_the_tally_is_counted(store, mini, monkeypatch):
    from vcf_tui.analysis.live_tally import LiveTally

    release = threading.Event()
    original = LiveTally.__init__

    def slow_init(self, *args, **kwargs):
        release.wait(10)
        original(self, *args, **kwargs)

    monkeypatch.setattr(LiveTally, "__init__", slow_init)
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "enter", "3", "enter")  # answers are taken and saved while it counts
        assert isinstance(app.screen, SessionScreen)
        assert "counting the data file" in panel_text(app)
        release.set()
        await app.background_done()
        await pilot.pause()
        shown = panel_text(app)
        assert row(shown, "immediate")[-2:] == ["1", "1"] and row(shown, "sessions")[-1] == "1"
