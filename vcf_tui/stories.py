"""Stories read back from answer records: each story's steps in told order, and where it loops.

Pure functions over data-file ``answers`` records (any file since round 1),
for exports, tallies and the value-creation matrix. A story step is a
record whose ``story`` is set: a fixed step (``story.step`` is its id) or a
told one (``step-K``); ``story.position`` orders them (records from round 1
have none and keep the order they were answered in). A story question's
record has ``story: null`` and ``of_story: {section, instance}``.

A loop is a step whose cycle comes before the previous step's cycle in the
order of SPEC section 2 (realised value feeding a new activity, say).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from vcf_tui.cycles import CYCLES, canonical_cycle

Record = Mapping[str, Any]
StoryId = tuple[str, str, int]  # (session_id, section id, story instance)
_ORDER = {cycle: index for index, cycle in enumerate(CYCLES)}


def story_steps(records: Iterable[Record]) -> dict[StoryId, list[Record]]:
    """The steps of every story that were told (text given, not hidden), each story's in told order."""
    stories: dict[StoryId, list[Record]] = {}
    for record in records:
        story = record.get("story")
        if not story or record.get("hidden") or record.get("value") is None:
            continue
        stories.setdefault((record["session_id"], story["section"], story["instance"]), []).append(record)
    for steps in stories.values():
        steps.sort(key=told_place)
    return stories


def told_place(record: Record) -> tuple[int, str]:
    """Where a step comes in its story: its position, then when it was answered (damaged values sort first)."""
    position = record["story"].get("position")
    answered = record.get("answered_at")
    return (position if isinstance(position, int) else 0, answered if isinstance(answered, str) else "")


def is_told_step(step: Record) -> bool:
    """A step of a story told in the narrator's order (its id is ``step-K``, K its position), not a fixed one."""
    story = step.get("story") or {}
    return story.get("position") is not None and story.get("step") == f"step-{story.get('position')}"


def step_cycle(step: Record) -> str | None:
    """The cycle a story step is tagged with (None if not yet tagged)."""
    cycles = step.get("cycles") or ()
    return canonical_cycle(cycles[0]) if cycles else None


def is_loop(previous: str | None, cycle: str | None) -> bool:
    """True when ``cycle`` comes before ``previous`` in the cycles' order (a step back); spelling aliases count."""
    if previous is None or cycle is None:
        return False
    before, after = _ORDER.get(canonical_cycle(previous)), _ORDER.get(canonical_cycle(cycle))
    return before is not None and after is not None and after < before


def loops(steps: Sequence[Record]) -> list[bool]:
    """For each step of one story (in told order, as ``story_steps`` gives it): does it loop back?"""
    cycles = [step_cycle(step) for step in steps]
    return [index > 0 and is_loop(cycles[index - 1], cycle) for index, cycle in enumerate(cycles)]
