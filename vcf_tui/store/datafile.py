"""A vcf-tui data file: a TinyDB JSON snapshot plus a write-ahead journal; ``DataFile`` is its one writer.

At rest the file is plain TinyDB JSON (``{"meta": {"1": {...}}, ...}``).
While a writer has it open, each save is one fsynced line appended to
``FILE.journal`` (constant time at any size, never a snapshot rewrite), whose
header names the data file's ``file_id``. The snapshot is rewritten atomically
(temporary file, fsync, rename) on close, when the journal is removed, and on
open only when it must be: to fold in the saves of a writer that died, or,
for a snapshot under MARK_LIMIT bytes, to say that a journal goes on
(``meta.journal``), so that a copy of the snapshot alone warns that answers
may be missing. A bigger snapshot is not rewritten on open (that would cost
seconds before the first question); nor is it read then: ``open`` reads its
meta record alone, and its records are read on first use of ``tables`` (the
TUI does that in a worker thread). A save needs no records: it is appended
to the journal at once, and applied to the records when they have been read.
On close the snapshot is rewritten only if something was saved. Readers
(``store.reading``) merge snapshot and journal, so they see every save.

The writer refuses a file it cannot fully understand (a record or journal
line that readers would leave out): rewriting it would drop what it left out.
A big file found so when its records are read is never rewritten: the saves
made before are kept in its journal, where every reader finds them.
"""

from __future__ import annotations

import errno
import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vcf_tui.store import journal
from vcf_tui.store.ahead import Ahead, read_ahead
from vcf_tui.store.atomic import (
    check_target,
    fsync_dir,
    open_regular,
    read_at,
    read_regular,
    remove_stale_tmp,
    write_at,
    write_atomic,
)
from vcf_tui.store.checks import problem
from vcf_tui.store.errors import StoreError, StoreLocked
from vcf_tui.store.journal import journal_path
from vcf_tui.store.lock import try_lock
from vcf_tui.store.reading import (
    Tables,
    apply,
    empty_tables,
    journal_warnings,
    meta_of,
    parse_snapshot,
    read_tables,
    serialise,
    signature,
)
from vcf_tui.store.records import KEYS, SCHEMA, key_of, new_id, now

MARK_LIMIT = 16 << 20  # bytes: a snapshot this big is not rewritten on open, nor read before first use

# Tables, empty_tables, journal_path, read_tables and serialise are also imported from here (older callers)
__all__ = [
    "DataFile",
    "StoreError",
    "StoreLocked",
    "Tables",
    "empty_tables",
    "journal_path",
    "read_tables",
    "serialise",
]


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (read-only folder or file?)"
    return error.strerror or str(error)


def _refusal(path: Path, warnings: list[str]) -> StoreError:
    more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
    return StoreError(
        f"{warnings[0]}{more}; vcf-tui writes only to files it fully understands, so this "
        f"one was left unchanged: read it with tally or export, or copy what can be read "
        f"into a new file with 'vcf-tui merge {path} -o NEW'"
    )


class DataFile:
    """The one writer of a data file. Use ``DataFile.open(path)`` and ``close()``."""

    def __init__(self, path: Path, tables: Tables | None, journal_fd: int, ahead: Ahead | None = None) -> None:
        self.path = path
        self._tables = tables
        self._ahead = ahead  # a big snapshot's meta record, read ahead of its records (which load on first use)
        self._loading = threading.Lock()  # one reading of a big file's records, whichever thread asks first
        self._handoff = threading.Lock()  # saves made before the records are read wait in _pending
        self._pending: list[tuple[str, dict[str, Any]]] = []
        self._load_error: StoreError | None = None
        self._fd = journal_fd
        self._journal_size = 0
        self._failed_tail = False  # a failed save may have left bytes after _journal_size
        self._saves = 0
        self._unparsable = False  # a big file's snapshot turned out not to be JSON when its records were read
        self.listeners: list[Callable[[list[tuple[str, dict[str, Any]]]], None]] = []  # told of each save

    # -- opening ---------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> DataFile:
        """Open ``path`` for writing, creating it (mode 0600) if it does not exist."""
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a data file")
        if not path.parent.is_dir():
            raise StoreError(f"{path}: folder {path.parent} does not exist")
        check_target(path)
        fd = cls._lock_journal(path)
        try:
            store = cls._open_ahead(path, fd)
            if store is None:
                tables, snapshot_size, saves_left = cls._load(path, fd)
                store = cls(path, tables, fd)
                if saves_left or not snapshot_size or snapshot_size < MARK_LIMIT:
                    store._start_journal()  # fold a dead writer's saves (or mark a small snapshot) first
                else:
                    store._new_journal(now())
        except BaseException:
            if os.fstat(fd).st_size == 0:
                journal_path(path).unlink(missing_ok=True)
            os.close(fd)
            raise
        return store

    @staticmethod
    def _lock_journal(path: Path) -> int:
        log = journal_path(path)
        for _ in range(20):
            try:
                fd = open_regular(log, os.O_RDWR | os.O_CREAT)
            except OSError as error:
                raise StoreError(f"{path}: cannot write in {path.parent}: {_os_reason(error)}") from None
            if not try_lock(fd):
                header = journal.parse(read_at(fd, os.fstat(fd).st_size, 0)).header
                os.close(fd)
                raise StoreLocked(
                    f"{path}: in use by {journal.describe_owner(header)}; "
                    "it can be read (tally, dashboard, merge) but not written until that ends"
                )
            try:
                same = os.fstat(fd).st_ino == os.lstat(log).st_ino
            except FileNotFoundError:
                same = False
            if same:
                fsync_dir(path.parent)
                return fd
            os.close(fd)  # the last writer removed it as we opened it: take the new one
        raise StoreError(f"{path}: could not take the writer lock")

    @classmethod
    def _open_ahead(cls, path: Path, fd: int) -> DataFile | None:
        """A big snapshot and a journal with no saves: opened on the meta record alone, in milliseconds.

        The records are read on first use (``tables``), so that an interview's
        first question need not wait for a file of a million answers: the TUI
        reads them in a worker thread. None where the file must be read now.
        """
        remove_stale_tmp(path)
        read = journal.parse(read_at(fd, os.fstat(fd).st_size, 0))
        if read.saves or read.problems or read.torn:
            return None
        ahead = read_ahead(path, MARK_LIMIT)
        if ahead is None or "journal" in ahead.meta:  # a stale "journal goes on" is cleared by a rewrite
            return None
        journal.check_owner(path, read, ahead.meta["file_id"], {})
        store = cls(path, None, fd, ahead)
        store._new_journal(now())
        return store

    @property
    def tables(self) -> Tables:
        """Every record by table and key; a big file's are read here on first use (StoreError if unusable)."""
        tables = self._tables
        if tables is None:
            with self._loading:
                if self._tables is None:
                    read = self._load_ahead()
                    with self._handoff:
                        apply(read, self._pending)
                        self._pending = []
                        self._tables = read
                tables = self._tables
        return tables

    @property
    def saved(self) -> bool:
        """Whether anything was saved since opening."""
        return self._saves > 0

    @property
    def loaded(self) -> bool:
        """Whether the records are in memory (a big file's are read on first use of ``tables``)."""
        return self._tables is not None

    def _load_ahead(self) -> Tables:
        if self._load_error is not None:  # said once already: not read again
            raise self._load_error
        try:
            return self._read_ahead_records()
        except StoreError as error:
            self._load_error = error
            raise

    def _read_ahead_records(self) -> Tables:
        assert self._ahead is not None
        try:
            data, info = read_regular(self.path)
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read: {_os_reason(error)}") from None
        try:
            tables, warnings = parse_snapshot(self.path, data)
        except StoreError:
            self._unparsable = True
            raise
        if signature(info) != self._ahead.signature or meta_of(tables)["file_id"] != self._ahead.meta["file_id"]:
            raise StoreError(f"{self.path}: was replaced by another program while open; it was left unchanged")
        if warnings:
            raise _refusal(self.path, warnings)
        self._ahead = None
        return tables

    @staticmethod
    def _load(path: Path, fd: int) -> tuple[Tables, int, bool]:
        """Snapshot and journal as one set of tables, the snapshot's size, and whether the journal held saves.

        StoreError for anything a reader would leave out.
        """
        remove_stale_tmp(path)
        log = read_at(fd, os.fstat(fd).st_size, 0)
        read = journal.parse(log)
        try:
            data = read_regular(path)[0]
        except FileNotFoundError:
            data = b""
        except OSError as error:
            raise StoreError(f"{path}: cannot read: {_os_reason(error)}") from None
        if data:
            tables, warnings = parse_snapshot(path, data)
        elif read.consumed:
            raise StoreError(
                f"{journal_path(path)}: holds saves of a data file {path} that is not here; "
                "it was left unchanged (put the data file back beside it)"
            )
        else:
            tables, warnings = empty_tables(), []
            file_id = new_id()
            tables["meta"][file_id] = {
                "schema": SCHEMA,
                "file_id": file_id,
                "device": socket.gethostname(),
                "created_at": now(),
            }
        journal.check_owner(path, read, meta_of(tables)["file_id"], tables["sessions"])
        warnings += journal_warnings(path, read, torn=False)
        if warnings:
            raise _refusal(path, warnings)
        apply(tables, read.puts())
        return tables, len(data), bool(read.saves)

    def _start_journal(self) -> None:
        """Write the snapshot with everything so far (saying a journal goes on), then start an empty journal."""
        since = now()
        self.meta["journal"] = {"open": True, "since": since}
        self._write_snapshot()
        self._new_journal(since)

    def _new_journal(self, since: str) -> None:
        """Replace the journal by a header alone: only once everything in it is in the snapshot."""
        line = journal.header_line(self.meta["file_id"], since)
        try:
            os.ftruncate(self._fd, 0)
            write_at(self._fd, line, 0)
            os.fsync(self._fd)
        except OSError as error:
            raise StoreError(f"{self.path}: cannot write its journal: {_os_reason(error)}") from None
        self._journal_size = len(line)
        self._failed_tail = False

    def _write_snapshot(self) -> None:
        try:
            write_atomic(self.path, serialise(self.tables))
        except TypeError as error:  # orjson: a record nested over 255 levels, say (the journal keeps every save)
            raise StoreError(
                f"{self.path}: cannot save: a record cannot be written ({error}); it was left unchanged"
            ) from None
        except OSError as error:
            raise StoreError(
                f"{self.path}: cannot save: {_os_reason(error)}; the answers saved so far are safe in "
                f"{journal_path(self.path).name} beside it (keep it there: the next open folds it in)"
            ) from None

    # -- reading ---------------------------------------------------------
    @property
    def meta(self) -> dict[str, Any]:
        if self._tables is None and self._ahead is not None:
            return self._ahead.meta
        return meta_of(self.tables)

    def records(self, table: str) -> list[dict[str, Any]]:
        return list(self.tables[table].values())

    def get(self, table: str, key: str) -> dict[str, Any] | None:
        return self.tables[table].get(key)

    def known(self, table: str, key: str) -> bool:
        """Whether this record is in the records read, or saved since opening (a big file's are not read for it)."""
        with self._handoff:
            if self._tables is not None:
                return key in self._tables.get(table, {})
            return any(t == table and key_of(t, record) == key for t, record in self._pending)

    # -- writing ---------------------------------------------------------
    def put(self, table: str, record: dict[str, Any]) -> None:
        self.put_many([(table, record)])

    def put_many(self, puts: list[tuple[str, dict[str, Any]]]) -> None:
        """Save records durably (all or none), then keep them in memory."""
        if self._fd < 0:
            raise StoreError(f"{self.path}: is closed")
        for table, record in puts:
            why = "not a table of this version" if table not in KEYS else problem(table, record)
            if why:
                raise ValueError(f"record for {table!r}: {why}")
        line = journal.save_line(puts)
        try:
            if self._failed_tail:  # never write after bytes of a failed save: a reader might take them
                os.ftruncate(self._fd, self._journal_size)
                self._failed_tail = False
            write_at(self._fd, line, self._journal_size)
            os.fsync(self._fd)
        except OSError as error:
            self._drop_failed_tail()
            raise StoreError(
                f"{self.path}: cannot save: {_os_reason(error)}; the answers saved before this one are safe"
            ) from None
        self._journal_size += len(line)
        self._saves += 1
        with self._handoff:  # a big file's records may still be being read: then the save waits in _pending
            if self._tables is None:
                self._pending.extend(puts)
            else:
                apply(self._tables, puts)
        for listener in self.listeners:
            listener(puts)

    def _drop_failed_tail(self) -> None:
        """Cut a failed save off the journal, or remember to before anything else is written."""
        try:
            os.ftruncate(self._fd, self._journal_size)
            os.fsync(self._fd)
            self._failed_tail = False
        except OSError:
            self._failed_tail = True

    def close(self) -> None:
        """Fold the journal into the snapshot (if anything was saved), remove it and release the lock."""
        if self._fd < 0:
            return
        try:
            if self._failed_tail:
                self._drop_failed_tail()
            # nothing saved, and the snapshot does not say a journal goes on (marked on open, or a stale mark):
            # the snapshot on disk is the whole file
            if not self._saves and "journal" not in self.meta:
                journal_path(self.path).unlink(missing_ok=True)
                fsync_dir(self.path.parent)
                return
            try:
                self.tables  # noqa: B018 - a big file's records, if not read yet
            except StoreError as error:  # never rewritten: the journal keeps this session's saves
                kept = f"{error}; the answers saved now are kept in {journal_path(self.path).name} beside it"
                if self._unparsable:  # no reader can take a journal whose snapshot is not JSON
                    raise StoreError(f"{kept}, one save per line of JSON") from None
                raise StoreError(f"{kept}, and merge, tally and export read them") from None
            outstanding = self.meta.pop("journal", None)
            try:
                self._write_snapshot()
            except StoreError:
                self.meta["journal"] = outstanding
                raise
            journal_path(self.path).unlink(missing_ok=True)
            fsync_dir(self.path.parent)
        finally:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> DataFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
