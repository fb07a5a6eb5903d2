"""The write-ahead journal: one JSON line per save, fsynced, replayed on open.

A line is ``{"put": [[table, record], ...]}``: every record of one save, so
a save is on disk whole or (a torn last line) not at all. The first line is
a header naming the writing process, for the "file in use" message.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import orjson

HEADER_KEY = "vcf_journal"


def header_line(started_at: str) -> bytes:
    header = {HEADER_KEY: 1, "pid": os.getpid(), "host": socket.gethostname(), "since": started_at}
    return orjson.dumps(header) + b"\n"


def save_line(puts: list[tuple[str, dict[str, Any]]]) -> bytes:
    return orjson.dumps({"put": [[table, record] for table, record in puts]}) + b"\n"


def parse(data: bytes) -> tuple[dict[str, Any] | None, Iterator[tuple[str, dict[str, Any]]], int]:
    """Return (header, the puts in order, length of the whole lines) of journal bytes.

    A last line without its newline was never acknowledged and is left out;
    so is any line that does not parse.
    """
    end = data.rfind(b"\n") + 1
    lines = data[:end].splitlines()
    header = None
    if lines:
        try:
            first = orjson.loads(lines[0])
        except orjson.JSONDecodeError:
            first = None
        if isinstance(first, dict) and HEADER_KEY in first:
            header = first
            lines = lines[1:]

    def puts() -> Iterator[tuple[str, dict[str, Any]]]:
        for line in lines:
            try:
                entry = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            if isinstance(entry, dict):
                yield from entry.get("put", [])

    return header, puts(), end


def describe_owner(header: dict[str, Any] | None) -> str:
    if not header:
        return "another vcf-tui process"
    return f"vcf-tui process {header.get('pid')} on {header.get('host')} (since {header.get('since')})"
