"""``export --format json``: sessions with answers and codings nested, encoded one session at a time with orjson.

The text is byte for byte what ``json.dumps(..., indent=2, ensure_ascii=False)``
gives, at a fraction of the time: each session is encoded by orjson and
indented into place. Where orjson would write a number differently (floats
in exponent range, integers beyond 64 bits) that session goes through the
standard library's encoder instead.

After the sessions come two lists of the file's other records, whole, as
stored: ``observations`` (by indicator, period, id) and ``story_reviews`` (by
session, story, instance); a review names its story by ``session_id``,
``section`` and ``instance``. ``--redact-names`` redacts their free text as it
does answers' and codings'.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from vcf_tui.export.privacy import Redactor
from vcf_tui.export.rows import Flat
from vcf_tui.store.datafile import Tables

FORMAT = "vcf-export/1"
INDENT = b"\n    "  # a session sits two levels deep: {"sessions": [ SESSION ]}
# A number token of orjson's indented output ends a line ("1e-05,\n"); in a string a line break is escaped.
_EXPONENT_NUMBER = re.compile(rb"e[-+][0-9]+,?\n")  # orjson always signs an exponent: 1e+16, 5.9e-6


def spelled_otherwise(encoded: bytes) -> bool:
    """Whether orjson's indented output may hold a number json.dumps spells otherwise (0.00001 / 1e-05; 1e+16,
    where json.dumps agrees, is checked the slow way too)."""
    return b"0.0000" in encoded or _EXPONENT_NUMBER.search(encoded) is not None


def json_bytes(session: dict[str, Any] | list[dict[str, Any]]) -> bytes:
    """One session (or list of records) as json.dumps(indent=2, ensure_ascii=False) spells it at level 0."""
    try:
        encoded = orjson.dumps(session, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # an integer beyond 64 bits, a key that is not a string
        encoded = b""
    if not encoded or spelled_otherwise(encoded):
        encoded = json.dumps(session, indent=2, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return encoded


def to_json(flat: Flat, tables: Tables) -> str:
    """The export document: ``{"format", "sessions": [...], "observations": [...], "story_reviews": [...]}``."""
    parts = document_parts(flat_sessions(flat), tables, flat.redactor)
    return b"".join(parts).decode("utf-8", "surrogatepass")


def flat_sessions(flat: Flat) -> Iterator[bytes]:
    """Each session of ``flat`` with its answers and their codings, encoded in its place (``INDENT``)."""
    for session in flat.sessions:
        answers = [dict(a, codings=flat.codings.get(a["answer_id"], [])) for a in flat.answers[session["session_id"]]]
        yield json_bytes({**session, "answers": answers}).replace(b"\n", INDENT)


def document_parts(sessions: Iterable[bytes], tables: Tables, redactor: Redactor) -> Iterator[bytes]:
    """The export document in parts, from its sessions encoded in place and the other tables' records."""
    yield b'{\n  "format": ' + orjson.dumps(FORMAT) + b',\n  "sessions": ['
    empty = True
    for encoded in sessions:
        yield (INDENT if empty else b"," + INDENT) + encoded
        empty = False
    yield b"]" if empty else b"\n  ]"
    for table, order in OTHER_TABLES.items():
        records = sorted(tables.get(table, {}).values(), key=order)
        listed = json_bytes([redactor.record(r) for r in records])
        yield f',\n  "{table}": '.encode() + listed.replace(b"\n", b"\n  ")
    yield b"\n}\n"


def _observation_order(record: dict[str, Any]) -> tuple[str, str, str]:
    return str(record.get("indicator") or ""), str(record.get("period") or ""), str(record.get("observation_id"))


def _review_order(record: dict[str, Any]) -> tuple[str, str, int, str]:
    instance = record.get("instance")
    number = instance if isinstance(instance, int) and not isinstance(instance, bool) else 0
    return str(record.get("session_id") or ""), str(record.get("section") or ""), number, str(record.get("review_id"))


OTHER_TABLES: dict[str, Callable[[dict[str, Any]], tuple[Any, ...]]] = {
    "observations": _observation_order,
    "story_reviews": _review_order,
}
