"""Evaluators' reviews of stories (SPEC section 10): status, plausibility, note, reviewer.

One review per story, its id derived from the story's key (session, section, instance), so a changed
review updates the record and raises ``revision``; merges keep the higher revision.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from vcf_tui.errors import VcfError
from vcf_tui.store.datafile import Tables
from vcf_tui.store.records import now
from vcf_tui.stories import StoryId

STATUSES = ("unchecked", "checked-with-narrator", "corroborated", "doubtful")
NAMESPACE = uuid.UUID("9d3c2b71-3f0e-4e55-8b8e-2f6a4c1d7e90")
_UNSET: Any = object()


class ReviewError(VcfError):
    """A review value is out of range."""


def review_id(key: StoryId) -> str:
    session_id, section, instance = key
    return str(uuid.uuid5(NAMESPACE, f"{session_id}\0{section}\0{instance}"))


def review_of(tables: Tables, key: StoryId) -> dict[str, Any] | None:
    """The story's review, or None when nobody has reviewed it."""
    return tables.get("story_reviews", {}).get(review_id(key))


def reviews_by_story(tables: Tables) -> dict[StoryId, dict[str, Any]]:
    return {
        (r.get("session_id", ""), r.get("section", ""), int(r.get("instance") or 0)): r
        for r in tables.get("story_reviews", {}).values()
    }


def review(
    tables: Tables,
    key: StoryId,
    reviewer: str,
    status: str = _UNSET,
    plausibility: int | None = _UNSET,
    note: str | None = _UNSET,
) -> dict[str, Any]:
    """The review record after this change (to be saved by the caller); fields not given keep their value."""
    old: Mapping[str, Any] = review_of(tables, key) or {}
    record = {
        "status": old.get("status", "unchecked"),
        "plausibility": old.get("plausibility"),
        "note": old.get("note"),
    }
    if status is not _UNSET:
        if status not in STATUSES:
            raise ReviewError(f"status must be one of {', '.join(STATUSES)}, not '{status}'")
        record["status"] = status
    if plausibility is not _UNSET:
        if plausibility is not None and (not isinstance(plausibility, int) or not 1 <= plausibility <= 5):
            raise ReviewError(f"plausibility must be a whole number from 1 to 5, not '{plausibility}'")
        record["plausibility"] = plausibility
    if note is not _UNSET:
        record["note"] = note
    session_id, section, instance = key
    stamp = now()
    return {
        **old,
        "review_id": review_id(key),
        "session_id": session_id,
        "section": section,
        "instance": instance,
        **record,
        "reviewer": reviewer,
        "at": stamp,
        "updated_at": stamp,
        "revision": (old.get("revision") or 0) + 1,
    }
