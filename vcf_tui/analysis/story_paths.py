"""Stories as paths through the cycles: their steps in the order told, where they start, where they loop."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from vcf_tui.cycles import CYCLES, canonical_cycle

StoryKey = tuple[str, str, int]  # (session id, story section id, instance)

_ORDER = {name: n for n, name in enumerate(CYCLES)}


def is_loop_back(previous_cycle: str, cycle: str) -> bool:
    """Whether a step in ``cycle`` loops: its cycle comes before the previous step's (SPEC 2 order).

    A local definition until vcf_tui.stories provides the shared one.
    """
    return _ORDER.get(canonical_cycle(cycle), 0) < _ORDER.get(canonical_cycle(previous_cycle), 0)


def story_key(answer: Mapping[str, Any]) -> StoryKey | None:
    """The story a step answer belongs to; None for other answers (story questions included)."""
    story = answer.get("story")
    if not isinstance(story, Mapping) or not story.get("step"):
        return None
    return answer.get("session_id", ""), story.get("section") or "", int(story.get("instance") or 0)


def step_cycle(answer: Mapping[str, Any]) -> str | None:
    """The (first) cycle a step is tagged with."""
    cycles = answer.get("cycles") or ()
    return canonical_cycle(cycles[0]) if cycles else None


def _told_order(answer: Mapping[str, Any]) -> tuple[int, str, int]:
    """A told step's position; a fixed story's steps as answered, else in cycle order."""
    position = (answer.get("story") or {}).get("position")
    return (
        position if isinstance(position, int) else 1 << 30,
        answer.get("answered_at") or "",
        _ORDER.get(step_cycle(answer) or "", 0),
    )


def stories(step_answers: Iterable[Mapping[str, Any]]) -> dict[StoryKey, list[Mapping[str, Any]]]:
    """Answered steps grouped by story, each story in the order told (``position``, else as answered)."""
    grouped: dict[StoryKey, list[Mapping[str, Any]]] = defaultdict(list)
    for answer in step_answers:
        key = story_key(answer)
        if key is not None and step_cycle(answer):
            grouped[key].append(answer)
    return {key: sorted(steps, key=_told_order) for key, steps in grouped.items()}


def path(steps: list[Mapping[str, Any]]) -> list[str]:
    """The cycles of a story's steps, in the order told."""
    return [c for c in (step_cycle(s) for s in steps) if c]


def loop_steps(cycles: list[str]) -> list[int]:
    """Indexes of the steps that loop back."""
    return [n for n in range(1, len(cycles)) if is_loop_back(cycles[n - 1], cycles[n])]
