"""Reading a data file (snapshot + journal) without the writer lock: checked records, and warnings for the rest.

A file that cannot be used at all (not JSON, not an object, no single meta
record, a table that is not an object of records, a newer schema, a journal
of another file) raises StoreError. Records that fail their table's check
(``store.checks``) and journal lines that are torn or garbage are left out,
each with a warning naming the file (and journal line).
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from vcf_tui.store import journal
from vcf_tui.store.atomic import read_regular
from vcf_tui.store.batches import Unbatchable, table_batches
from vcf_tui.store.checks import problem
from vcf_tui.store.errors import StoreError
from vcf_tui.store.journal import JournalRead, journal_path
from vcf_tui.store.records import CONTENT_ADDRESSED, SCHEMA, TABLES, key_of
from vcf_tui.text import one_line

Tables = dict[str, dict[str, dict[str, Any]]]  # table -> record key -> record


_PAUSES = threading.Lock()
_paused = [0, False]  # blocks under way (in any thread), and whether the GC was enabled before the first


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic GC while building many objects that hold no cycles (halves a big load); always restored.

    What was built is then frozen (``gc.freeze``): later full collections no
    longer walk every record (seconds at a million answers). Records hold no
    cycles, so reference counting still frees them when they are dropped.
    Blocks may overlap in several threads (a TUI's workers): the GC comes back
    when the last one ends, as it was before the first.
    """
    with _PAUSES:
        if not _paused[0]:
            _paused[1] = gc.isenabled()
            gc.disable()
        _paused[0] += 1
    try:
        yield
        gc.freeze()
    finally:
        with _PAUSES:
            _paused[0] -= 1
            if not _paused[0] and _paused[1]:
                gc.enable()


def empty_tables() -> Tables:
    return {table: {} for table in TABLES}


def meta_of(tables: Tables) -> dict[str, Any]:
    return next(iter(tables["meta"].values()))


def parse_snapshot(path: Path, data: bytes) -> tuple[Tables, list[str]]:
    """Check and index a snapshot's bytes by record key, with warnings; StoreError if it is unusable.

    The bytes are parsed a few megabytes at a time where they can be (``store.batches``), so that a
    load in a background thread lets the interface run between batches.
    """
    with paused_gc():
        return _parse_snapshot(path, data)


def _documents(path: Path, data: bytes) -> dict[str, Any]:
    """The snapshot as parsed JSON: ``{table: {doc_id: record}}`` if it is a TinyDB document."""
    try:
        documents: dict[str, dict[str, Any]] = {}
        for table, batch in table_batches(data):
            documents.setdefault(table, {}).update(batch)
        return documents
    except Unbatchable:
        pass
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise StoreError(f"{path}: not a valid JSON file ({error}); it was left unchanged") from None


def check_meta(path: Path, raw: Any) -> dict[str, Any]:
    """The one meta record of a parsed snapshot (``raw`` may be its ``meta`` table alone); StoreError if unusable."""
    if not isinstance(raw, dict) or not isinstance(raw.get("meta"), dict) or not raw["meta"]:
        raise StoreError(f"{path}: not a vcf-tui data file (no 'meta' table); it was left unchanged")
    if len(raw["meta"]) != 1:
        raise StoreError(
            f"{path}: {len(raw['meta'])} records in 'meta' (a data file has exactly one); it was left unchanged"
        )
    meta = next(iter(raw["meta"].values()))
    why = problem("meta", meta)
    if why:
        raise StoreError(f"{path}: its 'meta' record is unusable ({why}); it was left unchanged")
    if meta["schema"] > SCHEMA:
        raise StoreError(
            f"{path}: written by a newer vcf-tui (schema {meta['schema']}; this one reads {SCHEMA}); "
            "update vcf-tui to open it"
        )
    return meta


def not_a_table(path: Path, table: str) -> StoreError:
    return StoreError(
        f"{path}: table '{one_line(table)}' is not a TinyDB table (an object of records); it was left unchanged"
    )


def left_out(path: Path, table: str, doc_id: str, why: str) -> str:
    return f"{path}: {one_line(table)} record {one_line(doc_id)} left out: {why}"


def _parse_snapshot(path: Path, data: bytes) -> tuple[Tables, list[str]]:
    raw = _documents(path, data)
    check_meta(path, raw)
    tables, warnings = empty_tables(), []
    for table, documents in raw.items():
        if not isinstance(documents, dict):
            raise not_a_table(path, table)
        target = tables.setdefault(table, {})
        ids = list(documents)
        if ids != [str(n) for n in range(1, len(ids) + 1)]:  # as every writer writes them; else in id order
            documents = dict(sorted(documents.items(), key=lambda item: _doc_order(item[0])))
        for doc_id, record in documents.items():
            why = problem(table, record)
            if why:
                warnings.append(left_out(path, table, doc_id, why))
            else:
                target[key_of(table, record)] = record
    return tables, warnings


def _doc_order(doc_id: str) -> tuple[int, str]:
    return (int(doc_id), "") if doc_id.isascii() and doc_id.isdigit() else (1 << 62, doc_id)


def apply(tables: Tables, puts: Iterable[tuple[str, dict[str, Any]]]) -> int:
    """Apply checked puts to ``tables`` (a re-put of a key replaces it); returns how many were applied.

    An instrument's record is keyed by the sha256 of its text: one put again under a key already there
    is the same instrument, and the record already there stays (with any field a newer version added).
    """
    count = 0
    for table, record in puts:
        target, key = tables.setdefault(table, {}), key_of(table, record)
        if table not in CONTENT_ADDRESSED or key not in target:
            target[key] = record
        count += 1
    return count


def serialise(tables: Tables) -> bytes:
    """TinyDB's layout: each table maps string document ids to documents (unknown tables included)."""
    layout = {
        table: {str(i): record for i, record in enumerate(records.values(), 1)} for table, records in tables.items()
    }
    return orjson.dumps(layout)


def journal_warnings(path: Path, read: JournalRead, torn: bool = True) -> list[str]:
    """One warning per left-out journal line (a torn last line too, unless ``torn`` is False)."""
    log = journal_path(path)
    warnings = [f"{log}: line {number}: {why}; left out" for number, why in read.problems]
    if torn and read.torn:
        warnings.append(
            f"{log}: line {read.lines + 1}: an incomplete last save (cut off before it was confirmed); left out"
        )
    if read.header is None and read.saves:
        warnings.append(f"{log}: no header line; its saves were read as saves of {path}")
    return warnings


def outstanding_journal(path: Path, meta: dict[str, Any]) -> list[str]:
    """A warning if the snapshot was written while a journal went on (a copy made while a writer ran)."""
    state = meta.get("journal")
    if not isinstance(state, dict) or not state.get("open"):
        return []
    return [
        f"{path}: answers saved after {one_line(state.get('since'))} may be in {journal_path(path).name}, "
        "which is not here (a copy made while vcf-tui was writing?)"
    ]


@dataclass
class FileState:
    """A data file as read now, how far into its journal the reading went, and what was left out."""

    tables: Tables
    snapshot_signature: tuple[int, int, int]
    journal_inode: int | None
    journal_offset: int
    journal_lines: int = 0
    journal_mtime: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class Loaded:
    """What ``load`` returns: the records, and one warning per thing left out."""

    tables: Tables
    warnings: list[str]


def signature(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_ino, info.st_mtime_ns, info.st_size


def _read_journal(path: Path) -> tuple[bytes | None, os.stat_result | None]:
    try:
        return read_regular(journal_path(path))
    except FileNotFoundError:
        return None, None
    except OSError as error:
        raise StoreError(f"{journal_path(path)}: cannot read: {error.strerror or error}") from None


@dataclass
class RawRead:
    """A data file's snapshot and journal bytes, read at one moment."""

    data: bytes
    journal: bytes | None
    journal_info: os.stat_result | None
    signature: tuple[int, int, int]


def read_raw(path: Path) -> RawRead:
    """Read snapshot and journal consistently (retrying if a writer compacts meanwhile), without the lock."""
    for _ in range(20):
        try:
            data, before = read_regular(path)
        except FileNotFoundError:
            raise StoreError(f"{path}: no such data file") from None
        except OSError as error:
            raise StoreError(f"{path}: cannot read: {error.strerror or error}") from None
        log, log_info = _read_journal(path)
        try:
            after = os.lstat(path)
        except FileNotFoundError:
            continue
        if signature(before) == signature(after):
            if not data or data.isspace():
                raise StoreError(f"{path}: empty file, not a vcf-tui data file")
            return RawRead(data, log, log_info, signature(after))
    raise StoreError(f"{path}: kept changing while being read; try again")


def read_state(path: str | Path) -> FileState:
    """Read snapshot and journal consistently, without the lock, as checked records."""
    path = Path(path)
    raw = read_raw(path)
    return _state(path, raw.data, raw.journal, raw.journal_info, raw.signature)


def _state(
    path: Path,
    data: bytes,
    log: bytes | None,
    log_info: os.stat_result | None,
    snapshot: tuple[int, int, int],
) -> FileState:
    tables, warnings = parse_snapshot(path, data)
    meta = meta_of(tables)
    if log is None or log_info is None:
        return FileState(tables, snapshot, None, 0, warnings=warnings + outstanding_journal(path, meta))
    read = journal.parse(log)
    journal.check_owner(path, read, meta["file_id"], tables["sessions"])
    with paused_gc():
        apply(tables, read.puts())
    return FileState(
        tables,
        snapshot,
        log_info.st_ino,
        read.consumed,
        read.lines,
        log_info.st_mtime_ns,
        warnings + journal_warnings(path, read),
    )


def load(path: str | Path) -> Loaded:
    """Read a data file as it is now, journal included, without the writer lock; with its warnings."""
    state = read_state(path)
    return Loaded(state.tables, state.warnings)


def read_tables(path: str | Path) -> Tables:
    """The records of a data file as it is now (warnings dropped: use ``load`` to have them)."""
    return read_state(path).tables
