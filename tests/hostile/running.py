"""Running a command in-process or as a subprocess, and the checks that hold for every hostile input."""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import subprocess
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 15  # a hang is a finding; a healthy run takes about a second
_RAW_CONTROL = re.compile(r"\x1b|\x07|\x9b|\r(?!\n)")


@dataclass(frozen=True)
class Outcome:
    code: int | None
    out: str
    err: str
    crash: str = ""  # an exception that escaped main(), as its traceback


class ReachedTheApp(BaseException):
    """A full-screen app was started although there is no terminal."""


def run_in_process(argv: list[str], cwd: Path) -> Outcome:
    """``main(argv)`` with stdin, stdout and stderr that are not terminals, from ``cwd``."""
    from vcf_tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    code: int | None = None
    crash = ""
    with (
        contextlib.chdir(cwd),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        mock.patch("sys.stdin", io.StringIO("")),
        mock.patch("textual.app.App.run", side_effect=ReachedTheApp("App.run() without a terminal")),
    ):
        try:
            code = main(argv)
        except SystemExit as leave:
            code = leave.code if isinstance(leave.code, int) or leave.code is None else 1
            if code is None:
                code = 0
        except BaseException:
            crash = traceback.format_exc()
    return Outcome(code, out.getvalue(), err.getvalue(), crash)


def run_subprocess(argv: list[str], cwd: Path) -> Outcome:
    """``python -m vcf_tui argv`` with no terminal: the real exit code and stderr."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("VCF_TUI_DATA", None)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "vcf_tui", *argv],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        return Outcome(None, _text(expired.stdout), _text(expired.stderr), f"hung for {TIMEOUT} s")
    return Outcome(done.returncode, _text(done.stdout), _text(done.stderr))


def _text(data: bytes | str | None) -> str:
    if isinstance(data, str):
        return data
    return (data or b"").decode("utf-8", "backslashreplace")


def folder_state(folder: Path) -> dict[str, object]:
    """Every entry under ``folder``: a file's bytes, a link's target, or its kind (reads no FIFO)."""
    state: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        name = str(path.relative_to(folder))
        if stat.S_ISLNK(mode):
            state[name] = ("link", os.readlink(path))
        elif stat.S_ISREG(mode):
            state[name] = ("file", path.read_bytes(), stat.S_IMODE(mode))
        else:
            state[name] = ("other", stat.S_IFMT(mode))
    return state


def problems(outcome: Outcome, *, human: bool = True) -> Iterator[str]:
    """What is wrong with any outcome, whatever the input: crashes, tracebacks, odd exit codes, raw controls."""
    if outcome.crash:
        yield "escaped main(): " + outcome.crash.strip().splitlines()[-1] + "\n" + _where(outcome.crash)
    both = outcome.out + outcome.err
    if "Traceback (most recent call last)" in both:
        yield "printed a traceback: " + _where(both)
    if "internal error" in both.lower():
        yield "printed an internal error: " + both.strip()[-300:]
    if outcome.code not in (0, 1, 2) and not outcome.crash:
        yield f"exit code {outcome.code}"
    if outcome.code and outcome.code != 0 and not outcome.err.strip() and not outcome.crash:
        yield f"exit code {outcome.code} with nothing on stderr"
    checked = both if human else outcome.err
    raw = _RAW_CONTROL.search(checked)
    if raw:
        start = max(raw.start() - 60, 0)
        yield f"raw control character {raw.group()!r} in output: {checked[start : raw.end() + 20]!r}"


def _where(text: str) -> str:
    """The last 'File ..., line N' of a traceback and the exception line: enough to find the bug."""
    lines = text.strip().splitlines()
    places = [line.strip() for line in lines if line.strip().startswith("File ")]
    places = [place for place in places if "/vcf_tui/" in place] or places
    return (places[-1] if places else "") + " | " + (lines[-1] if lines else "")


def refusal_problems(outcome: Outcome, path: Path) -> Iterator[str]:
    """An unusable input gives exit 1 and one line on stderr that names the file."""
    if outcome.code != 1:
        yield f"exit code {outcome.code}, not 1, for an unusable file"
    lines = [line for line in outcome.err.splitlines() if line.strip()]
    if not any(path.name in line for line in lines):
        yield f"stderr does not name {path.name}: {outcome.err.strip()[:300]!r}"
    if len(lines) > 1:
        yield f"{len(lines)} lines on stderr, not one: {outcome.err.strip()[:300]!r}"
