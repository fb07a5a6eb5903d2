"""Markup and escape sequences in instruments and data are shown as text on every screen."""

from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList

from vcf_tui.analysis import coding
from vcf_tui.instrument import load_instrument
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.coding import CodingApp
from vcf_tui.tui.dashboard import DashboardApp, SessionDetail
from vcf_tui.tui.screens.end import EndScreen
from vcf_tui.tui.screens.home import HomeScreen
from vcf_tui.tui.screens.session import SessionScreen

MARKUP = Path(__file__).parent / "fixtures" / "markup.yaml"
NASTY = "[/] [bold]x [link=http://x]y \x1b[31mred"
SHOWN = "[/] [bold]x [link=http://x]y \\x1b[31mred"


@pytest.fixture
def markup():
    return load_instrument(str(MARKUP))


def on_screen(app) -> str:
    """Every line the current screen shows."""
    lines = []
    for widget in app.screen.walk_children(with_self=False):
        if widget.display and widget.region.area:
            lines += [strip.text for strip in widget.render_lines(widget.region.reset_offset)]
    return "\n".join(lines)


def saved_session(store, markup, mode="interview", answers=(0, NASTY)):
    recorder = Recorder.start(store, markup, mode, respondent=NASTY, interviewer="[bold]Ann[/]", wave="[/]")
    recorder.submit(True)
    for value in answers:
        recorder.submit(recorder.current.question.choices[value].value if isinstance(value, int) else value)
    return recorder


@pytest.mark.parametrize("mode", ["interview", "self"])
async def test_session_and_end_screens_show_markup_as_text(store, markup, mode):
    app = make_app(store, RunOptions(markup, mode, interviewer="[bold]Ann", respondent="[bold]P1"))
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen, SessionScreen)
        shown = on_screen(app)
        assert "Title [/] [bold]x [link=http://x]y \\x1b[31mred" in shown
        assert "Consent [/] [bold]x \\x1b[31mred" in shown
        await pilot.press("1", "enter")
        shown = on_screen(app)
        assert "Section [/] [bold]x" in shown and "Intro [link=http://x]y \\x1b[31mred" in shown
        assert "Pick [/] [bold]x \\x1b[31mred" in shown
        assert all(choice in shown for choice in ("[/]", "[bold]x", "[link=http://x]y", "\\x1b[31mred"))
        assert ("Probe: Probe [/] \\x1b[31mred" in shown) == (mode == "interview")
        assert "\x1b" not in shown
        await pilot.press("4", "enter", *"[/] [bold]", "ctrl+s")
        assert isinstance(app.screen, EndScreen)
        assert "\x1b" not in on_screen(app)
    assert app.return_code == 0 or app.is_running is False


async def test_home_screen_shows_markup_as_text(home_store, markup, monkeypatch):
    from vcf_tui.instrument.catalog import Entry

    monkeypatch.setattr("vcf_tui.tui.app.find_instruments", lambda: [Entry(markup.path, "local", markup)])
    recorder = Recorder.start(home_store, markup, "interview", respondent=NASTY)
    recorder.submit(True)
    app = make_app(home_store, RunOptions())
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        instruments = on_screen(app)
        assert "Title [/] [bold]x [link=http://x]y \\x1b[31mred" in instruments
        assert SHOWN in instruments          # the unfinished session's respondent
        assert app.screen.query_one("#unfinished", OptionList).option_count == 1
        await pilot.press("enter", *"Sam", "enter", *"P1", "enter")  # the interview asks who first
        assert isinstance(app.screen, SessionScreen)


async def test_dashboard_shows_markup_as_text(tmp_path, markup):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        saved_session(store, markup)
    app = DashboardApp([str(path)])
    async with app.run_test(size=(120, 30)) as pilot:
        shown = on_screen(app)
        assert SHOWN in shown and "[bold]Ann[/]" in shown
        assert "\x1b" not in shown
        app.query_one(DataTable).move_cursor(row=0)
        await pilot.press("enter")
        assert isinstance(app.screen, SessionDetail)
        detail = on_screen(app)
        assert SHOWN in detail and "words: " + SHOWN in detail
        assert "\x1b" not in detail


async def test_coding_screen_shows_markup_as_text(tmp_path, markup):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    try:
        saved_session(store, markup)
        found = coding.passages(store.tables, "[bold]Coder")
        assert [p.answer["question_id"] for p in found] == ["words"]
        app = CodingApp(store, "[bold]Coder", found, "k" * 32)
        async with app.run_test(size=(100, 30)) as pilot:
            shown = on_screen(app)
            assert "Coding as [bold]Coder: 0 of 1 passages coded  [passage 1 of 1]" in shown
            assert SHOWN in shown
            assert "\x1b" not in shown
            await pilot.press("1")
            assert "1 of 1 passages coded" in on_screen(app)
    finally:
        store.close()
