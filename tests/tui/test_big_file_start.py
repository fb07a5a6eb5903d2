"""A big data file: the first question shows, and answers are saved, before its records are read."""

from __future__ import annotations

import json
import threading

import pytest
from textual.widgets import Static

from vcf_tui.store import DataFile, StoreError, datafile, read_tables
from vcf_tui.store.journal import journal_path
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.session import SessionScreen

from .test_tally_panel import panel_text, row


@pytest.fixture
def big(tmp_path, monkeypatch, mini):
    """A file with an earlier session, counted as big (read on first use)."""
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P0"))
        app.store.put("sessions", {"session_id": "old", "instrument_id": mini.id, "status": "complete"})
    monkeypatch.setattr(datafile, "MARK_LIMIT", 10)
    return path


@pytest.fixture
def release(monkeypatch):
    """A big file's records are read only once this event is set (always set at the end)."""
    event = threading.Event()
    read = DataFile._read_ahead_records
    monkeypatch.setattr(DataFile, "_read_ahead_records", lambda self: event.wait(10) and read(self))
    yield event
    event.set()


async def test_the_first_question_shows_while_the_records_are_read(big, mini, release):
    store = DataFile.open(big)
    try:
        app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SessionScreen)
            assert app.screen.query_one("#question", Static).visual is not None
            assert not store.loaded
            assert "counting the data file" in panel_text(app)
            await pilot.press("1", "enter")  # saved at once, while the records are still being read
            await pilot.pause()
            assert not store.loaded
            assert app.recorder.session["session_id"] in read_tables(big)["sessions"]
            assert "counting the data file" in panel_text(app)
            release.set()
            await app.background_done()
            await pilot.pause()
            assert store.loaded
            assert row(panel_text(app), "sessions")[-1] == "2"  # the save made meanwhile is counted
        sessions = read_tables(big)["sessions"]
        assert set(sessions) == {"old", app.recorder.session["session_id"]}
    finally:
        release.set()
        store.close()


async def test_a_big_file_that_cannot_be_written_stops_with_the_reason(big, mini, capsys):
    document = json.loads(big.read_text())
    document["answers"] = {"1": {"no": "answer_id"}}
    big.write_text(json.dumps(document))
    before = big.read_bytes()
    store = DataFile.open(big)
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    store.close()
    assert app.return_code == 1
    assert "writes only to files it fully understands" in " ".join(capsys.readouterr().err.split())
    assert big.read_bytes() == before
    assert not journal_path(big).exists()


async def test_the_home_screen_shows_at_once_and_lists_unfinished_sessions_once_read(
    tmp_path, monkeypatch, mini, release
):
    from vcf_tui.instrument.catalog import Entry
    from vcf_tui.tui.screens.home import HomeScreen

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("vcf_tui.tui.app.find_instruments", lambda: [Entry(mini.path, "local", mini)])
    with DataFile.open("data.json") as store:
        store.put("sessions", {"session_id": "unfinished-1", "instrument_id": mini.id, "status": "in_progress"})
    monkeypatch.setattr(datafile, "MARK_LIMIT", 10)
    store = DataFile.open("data.json")
    try:
        app = make_app(store, RunOptions())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert not app.screen.query_one("#resume").display
            release.set()
            await app.background_done()
            await pilot.pause()
            assert app.screen.query_one("#resume").display
            assert app.screen.query_one("#unfinished").option_count == 1
    finally:
        release.set()
        store.close()


async def test_damage_found_after_answers_is_said_once_by_closing(big, mini, release, capsys):
    document = json.loads(big.read_text())
    document["answers"] = {"1": {"no": "answer_id"}}
    big.write_text(json.dumps(document))
    store = DataFile.open(big)
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P1"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "enter")  # saved before the damage is found
        await pilot.pause()
        release.set()
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 1
    assert "left out" not in capsys.readouterr().err  # the app says nothing itself...
    with pytest.raises(StoreError, match=r"writes only to files it fully understands.*kept in data\.json\.journal"):
        store.close()  # ...closing says why and where the answer is
    assert app.recorder.session["session_id"] in read_tables(big)["sessions"]
