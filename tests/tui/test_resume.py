"""A session cut short (crash, ctrl+q) is offered on the home screen and resumes where it stopped."""

import os

from textual.widgets import OptionList

from vcf_tui.store import DataFile, read_tables
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.home import HomeScreen
from vcf_tui.tui.screens.session import SessionScreen


async def test_crash_then_resume_from_home(tmp_path, mini, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "vcf-responses.json"
    store = DataFile.open(path)
    app = make_app(store, RunOptions(mini, "interview", interviewer="Sam", respondent="P3"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "enter", "2", "enter", "3", "enter")
    os.close(store._fd)  # as if the process died: no compaction, the journal holds the answers
    assert {a["question_id"] for a in read_tables(path)["answers"].values()} == {"meetings", "confidence"}

    store = DataFile.open(path)
    monkeypatch.setattr("vcf_tui.tui.app.find_instruments", lambda: [_entry(mini)])
    app = make_app(store, RunOptions())
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        unfinished = app.screen.query_one("#unfinished", OptionList)
        assert unfinished.option_count == 1
        await pilot.press("ctrl+r", "enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.recorder.current.key == "idea-used"
        await pilot.press(*"resumed", "ctrl+s")
        await pilot.press("ctrl+q")               # interview: back home, answers kept
        assert isinstance(app.screen, HomeScreen)
    store.close()
    answers = {a["question_id"]: a["value"] for a in read_tables(path)["answers"].values()}
    assert answers["idea-used"] == "resumed"


async def test_home_starts_a_session_with_the_typed_details(home_store):
    app = make_app(home_store, RunOptions())
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#respondent").value = "P9"
        app.screen.query_one("#wave").value = "baseline"
        await pilot.press("ctrl+t")           # self-completion
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, SessionScreen) and app.screen.mode == "self"
        assert home_store.records("sessions") == []  # nothing is written until the first answer
        await pilot.press("1", "enter")
    (session,) = home_store.records("sessions")
    assert (session["respondent"], session["wave"], session["mode"]) == ("P9", "baseline", "self")


def _entry(instrument):
    from vcf_tui.instrument.catalog import Entry

    return Entry(instrument.path, "local", instrument)


async def test_home_opens_the_dashboard(home_store):
    app = make_app(home_store, RunOptions())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+d")
    assert app.return_value == "dashboard"


KILLED_CHILD = """
import asyncio, sys
from vcf_tui.instrument import load_instrument
from vcf_tui.store import DataFile
from vcf_tui.tui.app import RunOptions, make_app

async def main():
    store = DataFile.open(sys.argv[1])
    app = make_app(store, RunOptions(load_instrument(sys.argv[2]), "interview", interviewer="Sam", respondent="P5"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "enter", "3", "enter", "2", "enter")
        print("answered", flush=True)
        await asyncio.sleep(60)

asyncio.run(main())
"""


async def test_tui_process_killed_mid_session_resumes(tmp_path, mini):
    import signal
    import subprocess
    import sys

    path = tmp_path / "data.json"
    child = subprocess.Popen([sys.executable, "-c", KILLED_CHILD, str(path), mini.path], stdout=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout.readline().strip() == "answered"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    with DataFile.open(path) as store:
        (session,) = store.records("sessions")
        assert session["status"] == "in_progress"
        app = make_app(store, RunOptions(mini, resume=session["session_id"][:8]))
        async with app.run_test(size=(100, 30)):
            assert isinstance(app.screen, SessionScreen)
            assert app.screen.recorder.current.key == "idea-used"
            assert app.screen.recorder.engine.state.answers == {"meetings": "3-5", "confidence": 2}
