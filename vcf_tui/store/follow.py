"""Follow a data file that another process is writing: new journal lines only, or a reload."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from vcf_tui.store import journal
from vcf_tui.store.datafile import FileState, StoreError, journal_path, read_state, signature


class Follower:
    """Polls one data file. ``poll()`` says what changed since the last poll."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.state: FileState = read_state(self.path)

    def poll(self) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
        """("same", []), ("puts", new puts) or ("reload", []) after which ``state`` is read anew."""
        try:
            now = signature(os.stat(self.path))
        except FileNotFoundError:
            raise StoreError(f"{self.path}: the data file was removed") from None
        if now != self.state.snapshot_signature:
            return self._reload()
        try:
            with open(journal_path(self.path), "rb") as handle:
                stat = os.fstat(handle.fileno())
                if stat.st_ino != self.state.journal_inode and self.state.journal_inode is not None:
                    return self._reload()
                if stat.st_size < self.state.journal_offset:
                    return self._reload()
                if stat.st_size == self.state.journal_offset and stat.st_ino == self.state.journal_inode:
                    return "same", []
                handle.seek(self.state.journal_offset)
                tail = handle.read()
                inode = stat.st_ino
        except FileNotFoundError:
            return "same", []
        if self.state.journal_inode is None:
            self.state.journal_inode = inode
        _, puts, consumed = journal.parse(tail)
        new = list(puts)
        self.state.journal_offset += consumed
        return ("puts", new) if new else ("same", [])

    def _reload(self) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
        self.state = read_state(self.path)
        return "reload", []
