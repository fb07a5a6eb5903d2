"""A coding's details and a story's review as the coding screen sets them: the records to save, and a summary."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from vcf_tui.analysis import coding
from vcf_tui.analysis.coding import CodingError
from vcf_tui.analysis.story_reviews import STATUSES, review, review_of
from vcf_tui.store.datafile import Tables
from vcf_tui.stories import StoryId
from vcf_tui.text import one_line

CONFIDENCES = (1, 2, 3)
PLAUSIBILITIES = (1, 2, 3, 4, 5)


def following(options: tuple[Any, ...], current: Any) -> Any:
    """The option after ``current``, then None (unset), then the first again."""
    cycle = (*options, None)
    return cycle[(cycle.index(current) + 1) % len(cycle)] if current in cycle else options[0]


def story_of(passage: coding.Passage) -> StoryId | None:
    """The story a passage is a step of (session, section, instance), or None for a plain answer."""
    story = passage.answer.get("story")
    if not isinstance(story, dict):
        return None
    instance = story.get("instance")
    return passage.session["session_id"], str(story.get("section")), instance if isinstance(instance, int) else 0


def detail_records(tables: Tables, passage: coding.Passage, coder: str, name: str, value: Any) -> list[dict]:
    """The records that set detail ``name`` on the coder's codings of the passage (a capital: on potential)."""
    mine = coding.codings_of(tables, passage.answer_id, coder)
    if name == "capital":
        if not any(c["cycle"] == "potential" for c in mine):
            raise CodingError("a capital goes with a coding to potential value: tag potential first")
        return [coding.annotate(tables, passage, coder, "potential", capital=value)]
    if not mine:
        raise CodingError("tag a cycle first; details go with the coding")
    return [coding.annotate(tables, passage, coder, c["cycle"], **{name: value}) for c in mine]


def current(tables: Tables, passage: coding.Passage, coder: str, name: str) -> Any:
    """A detail's value on the coder's codings of the passage (the first set one)."""
    return next((c[name] for c in coding.codings_of(tables, passage.answer_id, coder) if c.get(name) is not None), None)


def details_line(tables: Tables, passage: coding.Passage, coder: str) -> Text:
    shown = [
        f"{name}: {one_line(current(tables, passage, coder, name) or '-')}"
        for name in ("capital", "indicator", "theme", "confidence", "memo")
    ]
    return Text("  ".join(shown))


def review_record(tables: Tables, key: StoryId, reviewer: str, name: str, value: Any) -> dict[str, Any]:
    return review(tables, key, reviewer, **{name: value})


def next_status(tables: Tables, key: StoryId) -> str:
    old = (review_of(tables, key) or {}).get("status", "unchecked")
    return STATUSES[(STATUSES.index(old) + 1) % len(STATUSES)] if old in STATUSES else STATUSES[0]


def review_line(tables: Tables, key: StoryId) -> Text:
    found = review_of(tables, key) or {}
    plausibility = found.get("plausibility")
    return Text(
        one_line(
            f"Story review: {found.get('status', 'unchecked')}  plausibility: {plausibility or '-'} of 5  "
            f"note: {found.get('note') or '-'}  reviewer: {found.get('reviewer') or '-'}"
        )
    )
