"""A vcf-tui data file: a TinyDB JSON snapshot plus a write-ahead journal.

At rest the file is plain TinyDB JSON (``{"meta": {"1": {...}}, ...}``).
While a writer has it open, each save is one fsynced line appended to
``FILE.journal`` (constant time at any size); the snapshot is rewritten
atomically (temporary file, fsync, rename) when the writer opens, every
COMPACT_EVERY saves, and on close, when the journal is removed. Readers
merge snapshot and journal, so they see every save.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from vcf_tui.errors import VcfError
from vcf_tui.store import journal
from vcf_tui.store.atomic import FILE_MODE, fsync_dir, remove_stale_tmp, write_atomic
from vcf_tui.store.lock import try_lock
from vcf_tui.store.records import KEYS, SCHEMA, TABLES, new_id, now

COMPACT_EVERY = 5000

Tables = dict[str, dict[str, dict[str, Any]]]  # table -> record key -> record


class StoreError(VcfError):
    """A data file cannot be read or written; the message names it and says why."""


class StoreLocked(StoreError):
    """Another process is writing the data file."""


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (read-only folder or file?)"
    return error.strerror or str(error)


def empty_tables() -> Tables:
    return {table: {} for table in TABLES}


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic GC while building many objects that hold no cycles (halves a big load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_snapshot(path: Path, data: bytes) -> Tables:
    """Check and index a snapshot's bytes by record key; StoreError if it is not ours."""
    with _no_gc():
        return _parse_snapshot(path, data)


def _parse_snapshot(path: Path, data: bytes) -> Tables:
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise StoreError(f"{path}: not a valid JSON file ({error}); it was left unchanged") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("meta"), dict) or not raw["meta"]:
        raise StoreError(f"{path}: not a vcf-tui data file (no 'meta' table); it was left unchanged")
    tables = empty_tables()
    for table in TABLES:
        documents = raw.get(table) or {}
        if not isinstance(documents, dict):
            raise StoreError(f"{path}: table '{table}' is not a TinyDB table; it was left unchanged")
        key = KEYS[table]
        for _, record in sorted(documents.items(), key=lambda item: _doc_order(item[0])):
            if not isinstance(record, dict) or key not in record:
                raise StoreError(f"{path}: a record in '{table}' has no '{key}'; it was left unchanged")
            tables[table][record[key]] = record
    meta = next(iter(tables["meta"].values()))
    schema = meta.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA:
        raise StoreError(f"{path}: written by a newer vcf-tui (schema {schema}; this one reads {SCHEMA}); "
                         "update vcf-tui to open it")
    return tables


def _doc_order(doc_id: str) -> tuple[int, str]:
    return (int(doc_id), "") if doc_id.isdigit() else (1 << 62, doc_id)


def apply(tables: Tables, puts: Any) -> int:
    """Apply journal puts to ``tables``; returns how many were applied."""
    count = 0
    for table, record in puts:
        if table in tables and isinstance(record, dict) and KEYS[table] in record:
            tables[table][record[KEYS[table]]] = record
            count += 1
    return count


def serialise(tables: Tables) -> bytes:
    """TinyDB's layout: each table maps string document ids to documents."""
    layout = {table: {str(i): record for i, record in enumerate(records.values(), 1)}
              for table, records in tables.items()}
    return orjson.dumps(layout)


@dataclass
class FileState:
    """A data file as read now, and how far into its journal the reading went."""

    tables: Tables
    snapshot_signature: tuple[int, int, int]
    journal_inode: int | None
    journal_offset: int


def signature(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def read_state(path: str | Path) -> FileState:
    """Read snapshot and journal consistently (retrying if a writer compacts meanwhile), without the lock."""
    path = Path(path)
    for _ in range(20):
        try:
            before = os.stat(path)
            data = path.read_bytes()
        except FileNotFoundError:
            raise StoreError(f"{path}: no such data file") from None
        except OSError as error:
            raise StoreError(f"{path}: cannot read: {_os_reason(error)}") from None
        try:
            with open(journal_path(path), "rb") as handle:
                journal_inode: int | None = os.fstat(handle.fileno()).st_ino
                log = handle.read()
        except FileNotFoundError:
            journal_inode, log = None, b""
        after = os.stat(path)
        if signature(before) == signature(after):
            if not data.strip():
                raise StoreError(f"{path}: empty file, not a vcf-tui data file")
            tables = parse_snapshot(path, data)
            _, puts, consumed = journal.parse(log)
            with _no_gc():
                apply(tables, puts)
            return FileState(tables, signature(after), journal_inode, consumed)
    raise StoreError(f"{path}: kept changing while being read; try again")


def read_tables(path: str | Path) -> Tables:
    """Read a data file as it is now, journal included, without taking the writer lock."""
    return read_state(path).tables


def _write_at(fd: int, data: bytes, offset: int) -> None:
    """Write all of ``data`` at ``offset`` (a short write, say on a nearly full disk, is continued or fails)."""
    os.lseek(fd, offset, os.SEEK_SET)  # lseek + write rather than pwrite, which Windows lacks
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_at(fd: int, size: int, offset: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    chunks = []
    while size > 0 and (chunk := os.read(fd, size)):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


class DataFile:
    """The one writer of a data file. Use ``DataFile.open(path)`` and ``close()``."""

    def __init__(self, path: Path, tables: Tables, journal_fd: int) -> None:
        self.path = path
        self.tables = tables
        self._fd = journal_fd
        self._journal_size = 0
        self._unsaved = 0  # saves in the journal but not yet in the snapshot
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
        fd = cls._lock_journal(path)
        try:
            tables, pending = cls._load(path, fd)
            store = cls(path, tables, fd)
            store._start_journal(write_snapshot=pending)
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
                fd = os.open(log, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), FILE_MODE)
            except OSError as error:
                raise StoreError(f"{path}: cannot write in {path.parent}: {_os_reason(error)}") from None
            if not try_lock(fd):
                header = journal.parse(log.read_bytes())[0]
                os.close(fd)
                raise StoreLocked(f"{path}: in use by {journal.describe_owner(header)}; "
                                  "it can be read (tally, dashboard, merge) but not written until that ends")
            try:
                same = os.fstat(fd).st_ino == os.stat(log).st_ino
            except FileNotFoundError:
                same = False
            if same:
                fsync_dir(path.parent)
                return fd
            os.close(fd)  # the last writer removed it as we opened it: take the new one
        raise StoreError(f"{path}: could not take the writer lock")

    @staticmethod
    def _load(path: Path, fd: int) -> tuple[Tables, bool]:
        """The tables, and whether the snapshot lacks anything (a new file, or a journal to fold in)."""
        remove_stale_tmp(path)
        pending = True
        if path.exists() and path.stat().st_size > 0:
            pending = False
            try:
                tables = parse_snapshot(path, path.read_bytes())
            except OSError as error:
                raise StoreError(f"{path}: cannot read: {_os_reason(error)}") from None
        else:
            tables = empty_tables()
            file_id = new_id()
            tables["meta"][file_id] = {"schema": SCHEMA, "file_id": file_id,
                                       "device": socket.gethostname(), "created_at": now()}
        size = os.fstat(fd).st_size
        log = _read_at(fd, size, 0) if size else b""
        return tables, apply(tables, journal.parse(log)[1]) > 0 or pending

    def _start_journal(self, write_snapshot: bool = True) -> None:
        """Write the snapshot with everything so far, then start an empty journal."""
        if write_snapshot:
            self._write_snapshot()
        line = journal.header_line(now())
        os.ftruncate(self._fd, 0)
        _write_at(self._fd, line, 0)
        os.fsync(self._fd)
        self._journal_size = len(line)
        self._unsaved = 0

    def _write_snapshot(self) -> None:
        try:
            write_atomic(self.path, serialise(self.tables))
        except OSError as error:
            raise StoreError(f"{self.path}: cannot save: {_os_reason(error)}; "
                             "the answers saved so far are safe") from None

    # -- reading ---------------------------------------------------------
    @property
    def meta(self) -> dict[str, Any]:
        return next(iter(self.tables["meta"].values()))

    def records(self, table: str) -> list[dict[str, Any]]:
        return list(self.tables[table].values())

    def get(self, table: str, key: str) -> dict[str, Any] | None:
        return self.tables[table].get(key)

    # -- writing ---------------------------------------------------------
    def put(self, table: str, record: dict[str, Any]) -> None:
        self.put_many([(table, record)])

    def put_many(self, puts: list[tuple[str, dict[str, Any]]]) -> None:
        """Save records durably (all or none), then keep them in memory."""
        if self._fd < 0:
            raise StoreError(f"{self.path}: is closed")
        for table, record in puts:
            if table not in KEYS or KEYS[table] not in record:
                raise ValueError(f"record for {table!r} lacks its key")
        line = journal.save_line(puts)
        try:
            _write_at(self._fd, line, self._journal_size)
            os.fsync(self._fd)
        except OSError as error:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._journal_size)
            raise StoreError(f"{self.path}: cannot save: {_os_reason(error)}; "
                             "the answers saved before this one are safe") from None
        self._journal_size += len(line)
        apply(self.tables, puts)
        for listener in self.listeners:
            listener(puts)
        self._unsaved += 1
        if self._unsaved % COMPACT_EVERY == 0:
            with contextlib.suppress(StoreError):  # the journal keeps everything; retry after COMPACT_EVERY more
                self.compact()

    def compact(self) -> None:
        """Fold the journal into the snapshot; on failure the journal keeps everything."""
        self._start_journal()

    def close(self) -> None:
        """Fold the journal into the snapshot, remove it and release the lock."""
        if self._fd < 0:
            return
        try:
            if self._unsaved:
                self._write_snapshot()
            journal_path(self.path).unlink(missing_ok=True)
            fsync_dir(self.path.parent)
        finally:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> DataFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
