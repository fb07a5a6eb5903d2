"""Checks made before a full-screen app starts (no Textual import here: the CLI calls them first)."""

from __future__ import annotations

import sys
from typing import TextIO

from vcf_tui.errors import VcfError


class NotATerminal(VcfError):
    """stdin or stdout is a pipe or a file: a full-screen app would hang or draw into the file."""


def require_terminal(command: str, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
    """Refuse in one line unless both stdin and stdout are terminals."""
    streams = (stdin or sys.stdin, stdout or sys.stdout)
    if not all(stream is not None and stream.isatty() for stream in streams):
        raise NotATerminal(
            f"'{command}' is full-screen and needs a terminal for input and output"
            + ("; use 'vcf-tui ask' for plain prompts" if command in ("run", "vcf-tui") else "")
        )
