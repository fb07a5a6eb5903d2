"""Reading data files in batches: the records ``load`` gives, a few megabytes at a time, in bounded memory.

For commands that fold every record into a small result (``tally``,
``export``), holding all of a big file's records at once costs about seven
times the file's size. ``stream_files`` yields the same checked records as
``load`` (journal applied, records that fail their check left out with the
same warnings), table by table in batches, each record key once.

Callers pause the garbage collector around their fold (``store.reading.paused_gc``).

Where batches cannot give exactly what ``load`` gives, it raises
``WholeLoadNeeded``, possibly after some batches: a record key seen twice
(copies of one file, a merged file beside its inputs: ``load`` keeps the
newer), document ids out of order, a layout ``store.batches`` does not read, a
round-1 journal without header. The caller then drops what it folded and
reads the files whole. An unusable file raises ``StoreError`` as ``load`` does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from vcf_tui.store import journal
from vcf_tui.store.batches import Unbatchable, table_batches
from vcf_tui.store.checks import problem
from vcf_tui.store.reading import (
    check_meta,
    journal_warnings,
    left_out,
    outstanding_journal,
    read_raw,
)
from vcf_tui.store.records import CONTENT_ADDRESSED, key_of

Batch = tuple[str, dict[str, dict[str, Any]]]  # table, record key -> record


class WholeLoadNeeded(Exception):
    """These files must be read whole (``store.load``) to give exactly what ``load`` gives."""


def stream_files(paths: list[str] | list[Path], warnings: list[str]) -> Iterator[Batch]:
    """Checked records of the files, in batches; what is left out is added to ``warnings``.

    A record keyed by its content (an instrument's, by the sha256 of its text)
    found again in another file is left out if it is the same record: files
    recorded with one instrument all hold it.
    """
    seen: dict[str, set[str]] = defaultdict(set)
    by_content: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for path in paths:
        for table, records in stream_file(Path(path), warnings):
            if table in CONTENT_ADDRESSED:
                records = _not_seen(table, records, by_content[table])
            keys = seen[table]
            before = len(keys)
            keys.update(records)
            if len(keys) != before + len(records):
                raise WholeLoadNeeded(f"{path}: a {table} record read twice")
            yield table, records


def _not_seen(table: str, records: dict[str, Any], known: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The content-keyed records not seen before; WholeLoadNeeded if one differs from the record seen."""
    fresh = {}
    for key, record in records.items():
        if key not in known:
            known[key] = fresh[key] = record
        elif known[key] != record:
            raise WholeLoadNeeded(f"{table} record {key} stored differently in two files")
    return fresh


def stream_file(path: Path, warnings: list[str]) -> Iterator[Batch]:
    """One file's checked records in batches, its journal's saves in place of what they replace."""
    raw = read_raw(path)
    read = journal.parse(raw.journal) if raw.journal is not None else None
    if read is not None and read.header is None and read.saves:
        raise WholeLoadNeeded(f"{path}: a journal without header")
    saved: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)  # the journal's last put of each key
    for table, record in read.puts() if read else ():
        saved[table][key_of(table, record)] = record
    batches = table_batches(raw.data)
    later: list[str] = []
    try:
        first = next(batches, None)
        if first is None or first[0] != "meta":
            raise WholeLoadNeeded(f"{path}: its meta table does not come first")
        meta = check_meta(path, dict([first]))
        if read is not None:
            journal.check_owner(path, read, meta["file_id"], {})
            later = journal_warnings(path, read)
        else:
            later = outstanding_journal(path, meta)
        last_id: dict[str, int] = {}
        for table, documents in _chained(first, batches):
            if table == "meta" and documents is not first[1]:  # a meta table of more than one batch
                raise WholeLoadNeeded(f"{path}: its meta table is too big to read in batches")
            yield table, _checked(path, table, documents, saved.get(table, {}), last_id, warnings)
    except Unbatchable:
        raise WholeLoadNeeded(f"{path}: not laid out as TinyDB writes it") from None
    for table, records in saved.items():
        if records:
            yield table, records
    warnings += later


def _chained(first: tuple[str, dict[str, Any]], rest: Iterator[tuple[str, dict[str, Any]]]) -> Iterator[Any]:
    yield first
    yield from rest


def _checked(
    path: Path,
    table: str,
    documents: dict[str, Any],
    saved: dict[str, dict[str, Any]],
    last_id: dict[str, int],
    warnings: list[str],
) -> dict[str, dict[str, Any]]:
    """A batch's records by key; a record the journal saved again is replaced by (and taken from) the journal's."""
    records: dict[str, dict[str, Any]] = {}
    previous = last_id.get(table, 0)
    for doc_id, record in documents.items():
        if not (doc_id.isascii() and doc_id.isdigit() and int(doc_id) > previous):
            raise WholeLoadNeeded(f"{path}: {table} document ids out of order")
        previous = int(doc_id)
        why = problem(table, record)
        if why:
            warnings.append(left_out(path, table, doc_id, why))
            continue
        key = key_of(table, record)
        if key in records:
            raise WholeLoadNeeded(f"{path}: {table} record {key} given twice")
        again = saved.pop(key, record)
        records[key] = record if table in CONTENT_ADDRESSED else again
    last_id[table] = previous
    return records
