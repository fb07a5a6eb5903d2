"""Reading a TinyDB JSON document a few megabytes at a time: ``(table, {doc_id: record})`` batches in file order.

A whole-file ``orjson.loads`` holds the interpreter for seconds at a million
answers and builds every record at once. ``table_batches`` parses the same
document in slices of about ``batch_bytes``, so that a reader can fold each
batch and drop it (bounded memory), and a background loader can let the
interface run between batches.

A slice ends at a candidate record boundary, found by a regular expression:
a ``}`` followed by ``,`` and a key of digits whose value is an object, as
TinyDB writes its document ids. A candidate is either a true boundary between
two records of the table or one inside a record (a nested object keyed by
digits, or text inside a string); orjson decides which: a slice cut inside a
record does not parse to its very end, and is extended to the next candidate
(after three misses, to one twice as far each time, so that a file full of
look-alikes costs a few parses per batch, not one per candidate). Where a slice runs past the table's closing
brace, orjson reports the exact end of the table ("unexpected content after
document").

Anything else (not an object of objects at the top, a table name given twice,
invalid JSON) raises ``Unbatchable``: the caller then parses the whole
document at once, which gives the same records, or the same error, as before.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from typing import Any

import orjson

BATCH_BYTES = 1 << 20

_WHITESPACE = re.compile(rb"[ \t\n\r]*")
_NAME = re.compile(rb'"(?:[^"\\]|\\.)*"')
_CANDIDATE = re.compile(rb'\}[ \t\n\r]*,[ \t\n\r]*("[0-9]+"[ \t\n\r]*:[ \t\n\r]*\{)')
_AFTER_DOCUMENT = "unexpected content after document"

Batch = tuple[str, dict[str, Any]]


class Unbatchable(ValueError):
    """The document is not laid out as an object of tables of records (or is not valid JSON)."""


def _skip(data: bytes, pos: int) -> int:
    match = _WHITESPACE.match(data, pos)
    return match.end() if match else pos


def _expect(data: bytes, pos: int, char: bytes) -> int:
    """The position after ``char`` (whitespace first allowed), or Unbatchable."""
    pos = _skip(data, pos)
    if data[pos : pos + 1] != char:
        raise Unbatchable(f"expected {char.decode()} at byte {pos}")
    return pos + 1


def table_batches(data: bytes, batch_bytes: int = BATCH_BYTES) -> Iterator[Batch]:
    """Each table's records in batches, in file order; an empty table is one empty batch."""
    return _Reader(data, batch_bytes).batches()


class _Reader:
    """One pass over a document: slices parsed, and at most WORK times the document's size parsed in all."""

    WORK = 4  # beyond this (look-alikes everywhere, many small tables far from any boundary) read it whole

    def __init__(self, data: bytes, batch_bytes: int) -> None:
        self.data = data
        self.batch_bytes = batch_bytes
        self.budget = self.WORK * len(data) + (1 << 20)
        self._found: tuple[int, re.Match[bytes] | None] = (len(data) + 1, None)  # (searched from, found)

    def batches(self) -> Iterator[Batch]:
        data = self.data
        pos = _skip(data, _expect(data, 0, b"{"))
        if data[pos : pos + 1] == b"}":
            _end(data, pos + 1)
            return
        seen: set[str] = set()
        while True:
            name_match = _NAME.match(data, pos)
            if not name_match:
                raise Unbatchable(f"expected a table name at byte {pos}")
            name = _parsed(name_match.group(), "a table name")
            if not isinstance(name, str) or name in seen:
                raise Unbatchable(f"table {name!r} given twice")
            seen.add(name)
            pos = _skip(data, _expect(data, _expect(data, name_match.end(), b":"), b"{"))
            if data[pos : pos + 1] == b"}":
                yield name, {}
                pos += 1
            else:
                pos = yield from self._records(pos, name)
            pos = _skip(data, pos)
            if data[pos : pos + 1] == b",":
                pos = _skip(data, pos + 1)
                continue
            _end(data, _expect(data, pos, b"}"))
            return

    def _candidate(self, pos: int) -> re.Match[bytes] | None:
        """The first candidate boundary at or after ``pos`` (remembered: many small tables ask again and again)."""
        searched_from, found = self._found
        if not (searched_from <= pos and (found is None or pos <= found.start())):
            found = _CANDIDATE.search(self.data, pos)
            self._found = (pos, found)
        return found

    def _parse(self, text: bytes) -> Any:
        self.budget -= len(text)
        if self.budget < 0:
            raise Unbatchable("too many slices parsed again: read whole")
        return orjson.loads(text)

    def _records(self, start: int, name: str) -> Generator[Batch, None, int]:
        """Batches of one table's records from ``start`` (its first key); returns the position after its ``}``."""
        data = self.data
        while True:
            candidate = self._candidate(start + self.batch_bytes)
            tries = 0
            while True:
                end = candidate.start() + 1 if candidate else len(data)
                text = b"{" + data[start:end] + b"}"
                try:
                    records = self._parse(text)
                except orjson.JSONDecodeError as error:
                    at = _byte_pos(text, error.pos)
                    if error.msg.startswith(_AFTER_DOCUMENT):  # the table closed inside this slice
                        yield name, _parsed(text[:at], f"table {name!r}")
                        return start + at - 1
                    if candidate is None or at < len(text) - 1:
                        raise Unbatchable(f"table {name!r}: {error.msg} near byte {start + at}") from None
                    # cut inside a record: the next candidate, and after two more misses one twice as far
                    tries += 1
                    further = candidate.end() if tries <= 2 else start + 2 * (end - start)
                    candidate = self._candidate(max(candidate.end(), further))
                    continue
                if not isinstance(records, dict):  # pragma: no cover - "{...}" parses to an object or fails
                    raise Unbatchable(f"table {name!r} is not an object")
                if candidate is None:  # the slice ran to the end of the data without the table's closing brace
                    raise Unbatchable(f"table {name!r} is not closed")
                yield name, records
                start = candidate.start(1)
                break


def _parsed(text: bytes, what: str) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise Unbatchable(f"{what}: {error.msg}") from None


def _end(data: bytes, pos: int) -> None:
    if _skip(data, pos) != len(data):
        raise Unbatchable(f"unexpected content after the document at byte {pos}")


def _byte_pos(text: bytes, char_pos: int) -> int:
    """orjson counts an error's position in characters: the same place in bytes."""
    if text.isascii():
        return char_pos
    return len(text.decode("utf-8", "replace")[:char_pos].encode("utf-8", "surrogatepass"))
