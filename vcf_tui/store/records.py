"""Names and helpers shared by everything that reads or writes data files."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import orjson

SCHEMA = 1
TABLES = ("meta", "sessions", "answers", "codings")
KEYS = {"meta": "file_id", "sessions": "session_id", "answers": "answer_id", "codings": "coding_id"}


def now() -> str:
    """The current UTC time as ISO-8601 with a Z, to the millisecond."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def new_id() -> str:
    return str(uuid.uuid4())


def _rank(record: dict) -> tuple[int, str, bytes]:
    # the content breaks a tie, so that the winner never depends on the order of the files
    return (record.get("revision") or 0, record.get("updated_at") or "",
            orjson.dumps(record, option=orjson.OPT_SORT_KEYS))


def newer(a: dict, b: dict) -> dict:
    """Of two versions of one record, the one that wins: higher revision, then later updated_at."""
    return b if _rank(b) > _rank(a) else a
