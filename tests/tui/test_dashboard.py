"""The dashboard follows files that other processes are writing."""

import subprocess
import sys

from textual.widgets import DataTable, Static

from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile
from vcf_tui.tui.dashboard import DashboardApp, SessionDetail

WRITER = """
import sys
from vcf_tui.instrument import load_instrument
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile
store = DataFile.open(sys.argv[1])
recorder = Recorder.start(store, load_instrument(sys.argv[2]), "interview", respondent="P-live", interviewer="Ana")
for value in ("true", "3-5", "4"):
    recorder.submit({"true": True}.get(value, value))
    print("saved", flush=True)
    sys.stdin.readline()
"""


def screen_text(widget) -> str:
    """The text a widget shows on screen now."""
    return "\n".join(line.text for line in widget.render_lines(widget.region.reset_offset))


async def wait_until(pilot, condition, seconds=5.0):
    for _ in range(int(seconds / 0.1)):
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


async def test_dashboard_follows_another_writer(tmp_path, mini):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, mini, "self", respondent="P-old")
        recorder.submit(True)
        recorder.submit("None")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), mini.path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "saved"
        app = DashboardApp([str(path)], poll_seconds=0.1)
        async with app.run_test(size=(100, 30)) as pilot:
            table = app.query_one(DataTable)
            assert table.row_count == 2
            writer.stdin.write("\n")
            writer.stdin.flush()
            assert writer.stdout.readline().strip() == "saved"  # meetings: 3-5, in the journal only
            assert await wait_until(pilot, lambda: app.live.result()["cycles"][0]["answers"] == 2)
            writer.stdin.write("\n")
            writer.stdin.flush()
            assert writer.stdout.readline().strip() == "saved"  # confidence: 4 (potential, 75 %)
            assert await wait_until(pilot, lambda: app.live.result()["cycles"][1]["scale_mean_pct"] == 75.0)
            assert await wait_until(pilot, lambda: "75" in screen_text(app.query_one("#cycles", Static)))
            writer.stdin.write("\n")
            writer.stdin.flush()
            writer.wait(timeout=10)  # closed: the snapshot is replaced
            assert await wait_until(pilot, lambda: app.live.result()["sessions"]["total"] == 2)
            assert app.live.result()["cycles"][1]["answers"] == 1
            table.move_cursor(row=0)
            await pilot.press("enter")
            assert isinstance(app.screen, SessionDetail)
            assert app.screen.session["respondent"] == "P-live"
    finally:
        writer.kill()
        writer.wait()


async def test_instrument_filter(tmp_path, mini):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        Recorder.start(store, mini, "self").submit(True)
    app = DashboardApp([str(path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        assert app.instrument == "mini"
        await pilot.press("i")
        assert app.instrument is None


async def test_no_journal_line_is_skipped_under_rapid_appends(tmp_path, mini, monkeypatch):
    """One reader moves the journal offset: polls never overlap, and every record reaches the tally."""
    import threading
    import time

    from vcf_tui.store.follow import Follower

    poll = Follower.poll
    inside = []
    overlapped = []

    def slow_poll(follower):  # a slow disk: each poll takes longer than the poll interval
        inside.append(1)
        overlapped.append(len(inside) > 1)
        time.sleep(0.005)
        try:
            return poll(follower)
        finally:
            inside.pop()

    monkeypatch.setattr(Follower, "poll", slow_poll)
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    sessions = 150
    try:
        app = DashboardApp([str(path)], poll_seconds=0.001)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()

            def write() -> None:
                for n in range(sessions):
                    recorder = Recorder.start(store, mini, "self", respondent=f"P{n}")
                    recorder.submit(True)
                    recorder.submit("1-2")

            writer = threading.Thread(target=write)
            writer.start()
            while writer.is_alive():
                await pilot.pause(0.01)
            writer.join()
            assert len(store.tables["answers"]) == sessions
            await wait_until(pilot, lambda: len(app.live.tables["answers"]) == sessions)
            await pilot.pause(0.2)
            assert len(app.live.tables["sessions"]) == sessions
            assert app.live.tables["answers"] == store.tables["answers"]
            assert app.query_one(DataTable).row_count == sessions
        assert overlapped and not any(overlapped)
    finally:
        store.close()


CONTACT = """format: vcf-instrument/1
id: contact-test
version: "1"
title: Contact
framework: vcf-2011
sections:
  - id: about
    title: About you
    cycle: immediate
    questions:
      - {id: email, type: text, personal: true, cycle: immediate, text: Your e-mail address?}
      - {id: story, type: longtext, text: What happened?}
"""


async def test_a_session_opened_in_the_dashboard_never_shows_a_personal_answer_even_an_old_one(tmp_path):
    import json

    from vcf_tui.cli import main

    instrument = tmp_path / "contact.yaml"
    instrument.write_text(CONTACT)
    answers = tmp_path / "a.yaml"
    answers.write_text("respondent: P01\nanswers: {email: ann@example.org, story: Ran the drills.}\n")
    path = tmp_path / "data.json"
    assert main(["ask", str(instrument), "--data", str(path), "--answers", str(answers)]) == 0
    content = json.loads(path.read_text())
    for answer in content["answers"].values():
        answer.pop("personal", None)  # as written before the flag existed
    path.write_text(json.dumps(content))
    app = DashboardApp([str(path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (session_id,) = app.live.tables["sessions"]
        app._open(session_id)
        await pilot.pause()
        assert isinstance(app.screen, SessionDetail)
        shown = [a["question_id"] for a in app.screen.answers]
        assert shown == ["story"]
