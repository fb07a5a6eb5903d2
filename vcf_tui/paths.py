"""Paths given by users: the kinds of file that reading would wait on instead of read."""

from __future__ import annotations

import stat
from pathlib import Path


def is_special(path: str | Path) -> bool:
    """Whether ``path`` is a FIFO, socket or device (links followed): reading it may wait forever."""
    try:
        mode = Path(path).stat().st_mode
    except (OSError, RuntimeError):  # missing, unreadable or a symlink loop: the reader reports it
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
