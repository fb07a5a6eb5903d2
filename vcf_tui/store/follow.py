"""Follow a data file that another process is writing: new journal lines only, or a reload."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from vcf_tui.store import journal
from vcf_tui.store.atomic import open_regular
from vcf_tui.store.errors import StoreError
from vcf_tui.store.journal import journal_path
from vcf_tui.store.reading import FileState, apply, meta_of, read_state, signature

Puts = list[tuple[str, dict[str, Any]]]


class Follower:
    """Polls one data file. ``poll()`` says what changed since the last poll."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.state: FileState = read_state(self.path)

    def poll(self) -> tuple[str, Puts]:
        """("same", []), ("puts", new puts) or ("reload", []) after which ``state`` is read anew.

        The journal is checked to belong to this data file whenever it is read
        from its start; a journal that shrank, was replaced, or was rewritten
        in place (a failed save cut off) is read anew.
        """
        try:
            now = signature(os.lstat(self.path))
        except FileNotFoundError:
            raise StoreError(f"{self.path}: the data file was removed") from None
        if now != self.state.snapshot_signature:
            return self._reload()
        try:
            fd = open_regular(journal_path(self.path), os.O_RDONLY)
        except FileNotFoundError:
            return "same", []
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            state = self.state
            if state.journal_inode is not None and info.st_ino != state.journal_inode:
                return self._reload()
            if info.st_size < state.journal_offset:
                return self._reload()
            if info.st_size == state.journal_offset:
                changed = state.journal_inode is not None and info.st_mtime_ns != state.journal_mtime
                return self._reload() if changed else ("same", [])
            handle.seek(state.journal_offset)
            tail = handle.read()
        read = journal.parse(tail, first_line=state.journal_lines + 1)
        if read.problems:  # bytes rewritten under us, or garbage: read_state reports it properly
            return self._reload()
        if state.journal_offset == 0:
            journal.check_owner(self.path, read, meta_of(state.tables)["file_id"], state.tables["sessions"])
        state.journal_inode = info.st_ino
        state.journal_mtime = info.st_mtime_ns
        state.journal_offset += read.consumed
        state.journal_lines += read.lines
        new = read.puts()
        apply(state.tables, new)
        return ("puts", new) if new else ("same", [])

    def _reload(self) -> tuple[str, Puts]:
        self.state = read_state(self.path)
        return "reload", []
