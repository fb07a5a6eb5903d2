"""Read a story section's steps and ``repeat`` (SPEC sections 3 and 8)."""

from __future__ import annotations

from collections.abc import Callable

from yaml.nodes import Node, SequenceNode

from vcf_tui.instrument.model import Repeat, StoryStep
from vcf_tui.instrument.nodes import Entries, NodeReader

STORY_ORDERS = ("fixed", "told")
STORY_ONLY_KEYS = ("steps", "repeat", "order", "text", "self_text", "evidence_prompt")
STEP_KEYS = {"id", "cycle", "text", "self_text", "probe"}
REPEAT_KEYS = {"max", "prompt"}
MAX_REPEAT = 20

CycleReader = Callable[[Node], "str | None"]


def read_steps(
    reader: NodeReader, entries: Entries, node: Node, cycle: CycleReader, told: bool
) -> tuple[StoryStep, ...]:
    """The steps; in a told story they are the cycles a step can be tagged with, so each cycle comes once."""
    if "steps" not in entries:
        reader.problem(node, "missing required key 'steps' in a story section")
        return ()
    items = entries["steps"][1]
    if not isinstance(items, SequenceNode) or not items.value:
        reader.problem(items, "steps must be a list with at least one step")
        return ()
    steps: list[StoryStep] = []
    for item in items.value:
        step_entries = reader.mapping(item, STEP_KEYS, "a story step")
        if step_entries is None or not reader.require(step_entries, item, ("cycle", "text"), "a story step"):
            continue
        step_cycle = cycle(step_entries["cycle"][1])
        step_id = reader.identifier(step_entries, "a story step", default=step_cycle)
        if step_cycle is None or step_id is None:
            continue
        if told and any(s.cycle == step_cycle for s in steps):
            reader.problem(
                step_entries["cycle"][1],
                f"cycle '{step_cycle}' is offered twice: in a story with "
                "order: told each step offers one cycle the narrator's step can be tagged with",
            )
            continue
        if any(s.id == step_id for s in steps):
            where = step_entries["id"][1] if "id" in step_entries else item
            reader.problem(where, f"duplicate story step id '{step_id}': give each step its own 'id'")
            continue
        steps.append(
            StoryStep(
                step_id,
                step_cycle,
                reader.text(step_entries, "text") or "",
                reader.text(step_entries, "self_text"),
                reader.text(step_entries, "probe"),
            )
        )
    return tuple(steps)


def read_repeat(reader: NodeReader, entries: Entries) -> Repeat:
    """``repeat: {max: N, prompt: ...}``: how many stories a respondent may tell (1 to ``MAX_REPEAT``)."""
    if "repeat" not in entries:
        return Repeat()
    repeat = reader.mapping(entries["repeat"][1], REPEAT_KEYS, "repeat")
    if repeat is None:
        return Repeat()
    most = reader.optional_number(repeat, "max", integer=True)
    if most is not None and not 1 <= most <= MAX_REPEAT:
        reader.problem(repeat["max"][1], f"repeat max must be from 1 to {MAX_REPEAT}, not {most}")
        most = None
    return Repeat(max=int(most) if most is not None else 1, prompt=reader.text(repeat, "prompt") or Repeat().prompt)


def refuse_story_keys(reader: NodeReader, entries: Entries) -> None:
    """Report story-only keys on a section that is not a story."""
    for key in STORY_ONLY_KEYS:
        if key in entries:
            reader.problem(entries[key][0], f"'{key}' belongs in a section with kind: story")
