"""`vcf-tui ask` in a real terminal (a pty of a fixed size): every question shows, every answer is saved.

The tests wait for each question's text and for its prompt before typing, with generous
timeouts, and assert nothing about speed.
"""

from __future__ import annotations

import os
import re
import select
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vcf_tui.instrument import resolve_instrument
from vcf_tui.store import read_tables

termios = pytest.importorskip("termios")
fcntl = pytest.importorskip("fcntl")

ROOT = Path(__file__).resolve().parent.parent
DOWN, UP, ENTER, ESC, SPACE = "\x1b[B", "\x1b[A", "\r", "\x1b", " "
FINISH = ESC + ENTER  # ends a long text
TIMEOUT = 60.0
_ESCAPES = re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def plain(text: str) -> str:
    """Terminal output as words: escape sequences dropped, all whitespace one space."""
    return " ".join(_ESCAPES.sub("", text).split())


class Terminal:
    """``python -m vcf_tui ARGS`` on a pty of ``columns`` x ``lines``, driven by keys."""

    def __init__(self, args: list[str], cwd: Path, columns: int = 80, lines: int = 24) -> None:
        try:
            self.fd, child = os.openpty()
        except OSError as error:
            pytest.skip(f"no pty here: {error}")
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = {key: value for key, value in os.environ.items() if key != "VCF_TUI_DATA"}
        env.update(TERM="xterm", COLUMNS=str(columns), LINES=str(lines), PYTHONPATH=str(ROOT))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vcf_tui", *args],
            stdin=child,
            stdout=child,
            stderr=child,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        os.close(child)
        self.lines = lines
        self.output = b""
        self.mark = 0  # where in plain(output) the next wait starts looking

    def _read(self, timeout: float) -> bool:
        """Read what is there within ``timeout``; False once the child has closed the terminal."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child is gone
            return False
        if not data:
            return False
        if b"\x1b[6n" in data:  # a real terminal answers cursor-position requests
            os.write(self.fd, f"\x1b[{self.lines};1R".encode())
        self.output += data
        return True

    @property
    def text(self) -> str:
        return plain(self.output.decode("utf-8", "replace"))

    def wait_for(self, wanted: str) -> None:
        """Read until ``wanted`` shows after the last thing waited for."""
        wanted = " ".join(wanted.split())
        deadline = time.monotonic() + TIMEOUT
        while (found := self.text.find(wanted, self.mark)) < 0:
            if time.monotonic() > deadline or not self._read(0.2):
                pytest.fail(f"{wanted!r} never showed; the screen ended with: {self.text[-600:]!r}")
        self.mark = found + len(wanted)

    def answer(self, question: str, keys: str, prompt: str = "Answer:") -> None:
        """Wait for ``question`` and then its prompt, then type ``keys``."""
        self.wait_for(question)
        self.wait_for(prompt)
        os.write(self.fd, keys.encode())

    def finish(self) -> int:
        deadline = time.monotonic() + TIMEOUT
        while self._read(0.2) and time.monotonic() < deadline:
            pass
        try:
            return self.process.wait(timeout=TIMEOUT)
        finally:
            os.close(self.fd)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def terminal(tmp_path):
    started: list[Terminal] = []

    def start(args: list[str], **size: int) -> Terminal:
        started.append(Terminal(args, tmp_path, **size))
        return started[-1]

    yield start
    for each in started:
        each.close()


def test_every_question_of_coach_cop_review_shows_at_80_by_24_and_is_saved(tmp_path, terminal):
    instrument = resolve_instrument("coach-cop-review")
    text = {q.id: q.text for q in instrument.questions()}
    data = tmp_path / "data.json"
    term = terminal(["ask", "coach-cop-review", "--data", str(data), "--respondent", "P07"])
    term.answer(" ".join(instrument.consent.split()), ENTER, prompt="Do you agree to take part?")
    term.answer(text["role"], DOWN + ENTER)  # Paid coach
    term.answer(text["meetings"], DOWN + DOWN + ENTER)  # 3-5
    term.answer(text["activities"], SPACE + DOWN + SPACE + ENTER)  # workshops, online
    term.answer(text["enjoyment"], UP + ENTER)  # optional: from "(skip)" up to 5
    term.answer(text["confidence"], ENTER)  # optional: Enter skips it
    term.answer(text["new-contacts"], "6" + ENTER)
    term.answer(text["resources"], SPACE + ENTER)  # Session plans
    term.answer(text["learning-change"], "I read more" + ENTER)
    term.answer(text["tried-something"], ENTER)  # Yes
    term.answer(text["idea-used"], "Small-sided games," + ENTER + "adapted for under-10s" + FINISH)
    term.answer(text["participant-difference"], UP + UP + UP + ENTER)  # from "(skip)" up to 10, 9, 8
    term.answer(text["evidence-of-difference"], "More players stayed on" + FINISH)
    term.answer(text["about-reframing"], ENTER, prompt="Continue")
    term.answer(text["success-changed"], UP + UP + ENTER)  # from "(skip)" up to No, Yes
    term.answer(text["success-how"], "Enjoyment first" + FINISH)
    term.answer(text["anything-else"], FINISH)  # empty: skipped
    term.wait_for("is complete; saved in")
    assert term.finish() == 0
    tables = read_tables(data)
    (session,) = tables["sessions"].values()
    assert session["status"] == "complete" and session["respondent"] == "P07"
    values = {a["question_id"]: a["value"] for a in tables["answers"].values()}
    assert values == {
        "role": "Paid coach",
        "meetings": "3-5",
        "activities": ["workshops", "online"],
        "enjoyment": 5,
        "confidence": None,
        "new-contacts": 6,
        "resources": ["Session plans"],
        "learning-change": "I read more",
        "tried-something": "Yes",
        "idea-used": "Small-sided games,\nadapted for under-10s",
        "participant-difference": 8,
        "evidence-of-difference": "More players stayed on",
        "success-changed": "Yes",
        "success-how": "Enjoyment first",
        "anything-else": None,
    }


def test_stories_in_self_mode_show_their_prompts_on_a_narrow_terminal(tmp_path, terminal):
    instrument = resolve_instrument("value-story-interview")
    story = instrument.section("story")
    data = tmp_path / "data.json"
    term = terminal(["ask", "value-story-interview", "--mode", "self", "--data", str(data)], columns=60, lines=20)
    term.answer(" ".join(instrument.consent.split()), ENTER, prompt="Do you agree to take part?")
    term.answer(instrument.question("membership-length").text, DOWN + DOWN + ENTER)  # 1-2 years
    term.answer(instrument.question("involvement").text, ENTER)  # skipped
    term.answer(instrument.question("story-intro").text, ENTER, prompt="Continue")
    told = {"immediate": "A meet-up on giving feedback", "applied": "I ask before I tell"}
    for step in story.steps:
        term.answer(step.wording("self"), told.get(step.cycle, "") + FINISH)
    term.answer(story.repeat.prompt, DOWN + ENTER)  # no other story
    term.answer(instrument.question("contribution").text, ENTER)
    term.answer(instrument.question("can-contact").text, UP + ENTER)  # from "(skip)" up to No
    term.wait_for("is complete; saved in")
    assert term.finish() == 0
    assert not re.search(r"\b(immediate|potential|applied|realised|reframing)\b", term.text, re.IGNORECASE)
    values = {a["question_id"]: a["value"] for a in read_tables(data)["answers"].values()}
    assert values["story[1].immediate"] == told["immediate"] and values["story[1].applied"] == told["applied"]
    assert values["story[1].potential"] is None and values["can-contact"] == "No"
