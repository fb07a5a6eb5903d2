"""Where a session stands, in words that do not jump: the part (section) and the question in it.

A running "7 of 16" count changes its total as conditions show or hide questions and as
stories grow, so the session header names the part of the instrument instead: its total
is fixed by the instrument, and the count inside a part only covers that part.
"""

from __future__ import annotations

from vcf_tui.engine import Engine
from vcf_tui.steps import Step


def place(engine: Engine) -> str:
    """``Part 2 of 5 · question 3 of 6``, ``Part 3 of 5 · story 1``, or ``Before we start`` at consent."""
    step = engine.current
    if step is None:
        return "Done"
    section = step.section
    if section is None:
        return "Before we start"
    sections = engine.instrument.sections
    part = f"Part {sections.index(section) + 1} of {len(sections)}"
    if section.is_story:
        return f"{part} · story {step.instance}"  # type: ignore[union-attr]
    asked = [s.key for s in engine.steps() if s.section is section and s.asks]
    if step.key not in asked:
        return part
    return f"{part} · question {asked.index(step.key) + 1} of {len(asked)}"


def reachable(engine: Engine) -> list[Step]:
    """The steps one may jump to: every step up to and including the first one not answered yet."""
    steps = engine.steps()
    first_open = next((i for i, s in enumerate(steps) if s.asks and not engine.is_answered(s)), len(steps) - 1)
    return steps[: first_open + 1]
