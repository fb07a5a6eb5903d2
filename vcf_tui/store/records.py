"""Names and helpers shared by everything that reads or writes data files."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

SCHEMA = 1
TABLES = ("meta", "sessions", "answers", "codings", "instruments", "observations", "story_reviews")
CONTENT_ADDRESSED = frozenset({"instruments"})  # keyed by the sha256 of their content: a re-put changes nothing
KEYS = {
    "meta": "file_id",
    "sessions": "session_id",
    "answers": "answer_id",
    "codings": "coding_id",
    "instruments": "instrument_sha256",
    "observations": "observation_id",
    "story_reviews": "review_id",
}


def now() -> str:
    """The current UTC time as ISO-8601 with a Z, to the millisecond."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def new_id() -> str:
    return str(uuid.uuid4())


def content_key(record: dict[str, Any]) -> str:
    """The key of a record in a table this version does not know: its content, so equal copies count once."""
    return hashlib.sha256(orjson.dumps(record, option=orjson.OPT_SORT_KEYS)).hexdigest()


def key_of(table: str, record: dict[str, Any]) -> str:
    return record[KEYS[table]] if table in KEYS else content_key(record)


def newer(a: dict, b: dict) -> dict:
    """Of two versions of one record, the one that wins: higher revision, then later updated_at.

    On a full tie the content decides, so that the winner never depends on the order of the files.
    """
    rank_a = (a.get("revision") or 0, a.get("updated_at") or "")
    rank_b = (b.get("revision") or 0, b.get("updated_at") or "")
    if rank_a != rank_b:
        return b if rank_b > rank_a else a
    if a == b:
        return a
    content_a, content_b = (orjson.dumps(r, option=orjson.OPT_SORT_KEYS) for r in (a, b))
    return b if content_b > content_a else a


def keep_newer(target: dict[str, dict], key: str, record: dict) -> None:
    """Put ``record`` under ``key`` unless the version already there wins."""
    old = target.get(key)
    target[key] = record if old is None else newer(old, record)


def instrument_puts(instrument: Any) -> list[tuple[str, dict[str, Any]]]:
    """The ``instruments`` record of an instrument (its YAML text), or nothing if its file changed or is gone."""
    try:
        data = Path(instrument.path).read_bytes()
    except (OSError, ValueError):
        return []
    if hashlib.sha256(data).hexdigest() != instrument.sha256:
        return []
    record = {
        "instrument_sha256": instrument.sha256,
        "instrument_id": instrument.id,
        "version": instrument.version,
        "yaml": data.decode("utf-8", errors="replace"),
    }
    return [("instruments", record)]
