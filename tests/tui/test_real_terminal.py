"""`vcf-tui run` in a real 80x24 pseudo-terminal, with a whole session's keys written at once."""

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
import tty
from pathlib import Path

import pytest

from vcf_tui.store import read_tables

from .test_bunched_keys import EXPECTED

ROOT = Path(__file__).parent.parent.parent
MINI = str(ROOT / "tests" / "fixtures" / "mini.yaml")
KEYS = {"enter": "\r", "ctrl+s": "\x13", "ctrl+q": "\x11"}
SESSION = ["1", "enter", "3", "enter", "4", "enter", "ran a drill", "ctrl+s", "1", "enter", "12", "enter", "enter",
           "first", "ctrl+s", "second", "ctrl+s", "third", "ctrl+s", "2", "enter", "it did", "enter"]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def as_bytes(keys: list[str]) -> bytes:
    return "".join(KEYS.get(key, key) for key in keys).encode()


class Terminal:
    """A child process on an 80x24 pty; ``screen`` is everything it has drawn so far."""

    def __init__(self, *args: str, raw: bool = True) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        if raw:  # else the terminal starts cooked, as a fresh shell's is: Enter reaches the app as a newline
            tty.setraw(slave)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
        self.process = subprocess.Popen([sys.executable, "-m", "vcf_tui", *args], stdin=slave, stdout=slave,
                                        stderr=slave, env=env, cwd=ROOT, start_new_session=True)
        os.close(slave)
        self.screen = b""

    def read(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.screen += os.read(self.master, 65536)
                except OSError:
                    return

    def wait_for(self, text: bytes, seconds: float = 20.0) -> bool:
        end = time.monotonic() + seconds
        while text not in self.screen and time.monotonic() < end:
            self.read(0.1)
        return text in self.screen

    def close(self) -> int:
        end = time.monotonic() + 20
        while self.process.poll() is None and time.monotonic() < end:
            self.read(0.1)
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait()
        os.close(self.master)
        return code


def answers(path: Path) -> dict:
    return {a["question_id"]: a["value"] for a in read_tables(path)["answers"].values()}


def test_a_whole_session_in_one_write_after_the_first_question_is_drawn(tmp_path):
    data = tmp_path / "data.json"
    terminal = Terminal("run", MINI, "--interviewer", "Sam", "--respondent", "P1", "--data", str(data))
    try:
        assert terminal.wait_for(b"agree")
        os.write(terminal.master, as_bytes(SESSION))
        assert terminal.wait_for(b"new session"), terminal.screen[-2000:]
        os.write(terminal.master, b"q")
    finally:
        code = terminal.close()
    assert code == 0
    values = answers(data)
    assert {key: values.get(key) for key in EXPECTED} == EXPECTED


def test_keys_written_before_the_first_question_is_drawn_go_to_their_questions(tmp_path):
    data = tmp_path / "data.json"
    terminal = Terminal("run", MINI, "--interviewer", "Sam", "--respondent", "P1", "--data", str(data))
    try:
        os.write(terminal.master, as_bytes(SESSION))   # at once, while Python is still starting
        assert terminal.wait_for(b"new session"), terminal.screen[-2000:]
        os.write(terminal.master, b"q")
    finally:
        code = terminal.close()
    assert code == 0
    values = answers(data)
    assert {key: values.get(key) for key in EXPECTED} == EXPECTED


def test_enter_typed_while_the_terminal_is_still_cooked_still_accepts(tmp_path):
    data = tmp_path / "data.json"
    terminal = Terminal("run", MINI, "--interviewer", "Sam", "--respondent", "P1", "--data", str(data), raw=False)
    try:
        os.write(terminal.master, b"1\r2\r")          # agree; meetings 1-2 (before the app starts)
        assert terminal.wait_for(b"confident"), terminal.screen[-2000:]
        os.write(terminal.master, b"\x11")             # ctrl+q: leave, answers kept
    finally:
        code = terminal.close()
    assert code == 0
    assert answers(data) == {"meetings": "1-2"}
