"""Names and helpers shared by everything that reads or writes data files."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import orjson

SCHEMA = 1
TABLES = ("meta", "sessions", "answers", "codings", "observations", "story_reviews")
KEYS = {"meta": "file_id", "sessions": "session_id", "answers": "answer_id", "codings": "coding_id",
        "observations": "observation_id", "story_reviews": "review_id"}


def now() -> str:
    """The current UTC time as ISO-8601 with a Z, to the millisecond."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def new_id() -> str:
    return str(uuid.uuid4())


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
