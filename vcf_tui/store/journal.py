"""The write-ahead journal: one JSON line per save, fsynced, replayed on open.

The first line is a header: the ``file_id`` of the data file the journal
belongs to (so that a journal beside another file is refused, never
replayed into it) and the writing process, for the "file in use" message.
Round-1 headers have no ``file_id``; such a journal is read as before unless
it saves a session that began in another data file (``check_owner``).

Every later line is ``{"put": [[table, record], ...]}``: every record of one
save, so a save is on disk whole or (a torn last line) not at all.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from vcf_tui.store.checks import problem
from vcf_tui.store.errors import StoreError
from vcf_tui.text import one_line

HEADER_KEY = "vcf_journal"
VERSION = 2
Put = tuple[str, dict[str, Any]]


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def header_line(file_id: str, started_at: str) -> bytes:
    header = {
        HEADER_KEY: VERSION,
        "file_id": file_id,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": started_at,
    }
    return orjson.dumps(header) + b"\n"


def save_line(puts: list[Put]) -> bytes:
    return orjson.dumps({"put": [[table, record] for table, record in puts]}) + b"\n"


@dataclass
class JournalRead:
    """Journal bytes as read: header, each save's puts, problems by line number, bytes of whole lines."""

    header: dict[str, Any] | None = None
    saves: list[list[Put]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    consumed: int = 0
    lines: int = 0
    torn: bool = False

    def puts(self) -> list[Put]:
        return [put for save in self.saves for put in save]


def parse(data: bytes, first_line: int = 1) -> JournalRead:
    """Read journal bytes; ``first_line`` is the number of the first line in ``data`` (1 = the header).

    A last line without its newline was never acknowledged: it is left out
    (``torn``). A line that does not parse, or a put of the wrong shape, is
    left out and reported with its line number.
    """
    end = data.rfind(b"\n") + 1
    read = JournalRead(consumed=end, torn=end < len(data) and bool(data[end:].strip()))
    for number, line in enumerate(data[:end].splitlines(), first_line):
        read.lines += 1
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError:
            read.problems.append((number, "not a complete JSON line (a save cut off?)"))
            continue
        if number == 1 and isinstance(entry, dict) and HEADER_KEY in entry:
            read.header = entry
        elif not isinstance(entry, dict) or not isinstance(entry.get("put"), list):
            read.problems.append((number, "not a save (no 'put' list)"))
        else:
            read.saves.append(_puts(entry["put"], number, read.problems))
    return read


def _puts(items: list[Any], number: int, problems: list[tuple[int, str]]) -> list[Put]:
    puts = []
    for item in items:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            problems.append((number, "a put that is not [table, record]"))
            continue
        table, record = item
        why = problem(table, record)
        if why:
            problems.append((number, f"{table} record skipped: {why}"))
        else:
            puts.append((table, record))
    return puts


def check_owner(path: Path, read: JournalRead, file_id: Any, sessions: Mapping[str, Any]) -> None:
    """StoreError unless the journal ``read`` belongs to the data file ``path`` (id ``file_id``, ``sessions``).

    A round-1 journal names no file: it is taken as another file's if it
    saves a session that began in another file and is not in this one.
    """
    header = read.header or {}
    version = header.get(HEADER_KEY)
    if isinstance(version, int) and version > VERSION:
        raise StoreError(
            f"{journal_path(path)}: written by a newer vcf-tui (journal {version}); update vcf-tui to open it"
        )
    owner = header.get("file_id")
    if owner is None:
        owner = next(
            (
                record.get("origin_file_id")
                for table, record in read.puts()
                if table == "sessions"
                and record.get("origin_file_id") not in (None, file_id)
                and record["session_id"] not in sessions
            ),
            None,
        )
    if owner is not None and owner != file_id:
        raise StoreError(
            f"{journal_path(path)}: belongs to another data file (file id {one_line(owner)}), not to {path} "
            f"(file id {file_id}); it was not read and was left unchanged"
        )


def describe_owner(header: dict[str, Any] | None) -> str:
    if not header:
        return "another vcf-tui process"
    return f"vcf-tui process {header.get('pid')} on {header.get('host')} (since {header.get('since')})"
