"""The "story so far" above a story step: what the narrator has told of this story.

Interview mode shows each step's position, text, cycle label and evidence; self mode only the
narrator's own words (nothing of the framework).
"""

from __future__ import annotations

from rich.text import Text

from vcf_tui.cycles import cycle_label
from vcf_tui.engine import Engine
from vcf_tui.steps import EvidenceStep, FixedStoryStep, Step, StoryQuestionStep, TagStep, ToldStep, story_key
from vcf_tui.text import one_line, printable

STORY_STEPS = (FixedStoryStep, ToldStep, TagStep, EvidenceStep, StoryQuestionStep)


def _told(engine: Engine, step: Step) -> list[tuple[int, str, str | None, str | None]]:
    """(position, text, cycle, evidence) of each step of this story told so far (fixed or told)."""
    section, instance = step.section, step.instance  # type: ignore[union-attr]
    if section is None:
        return []
    if section.is_told:
        return [(t.position, t.text, t.cycle, t.evidence) for t in engine.told(section, instance)]
    rows: list[tuple[int, str, str | None, str | None]] = []
    state = engine.state
    for position, story_step in enumerate(section.steps, 1):
        if isinstance(step, FixedStoryStep) and story_step.id == step.story_step.id:
            break
        key = story_key(section.id, instance, story_step.id)
        text = state.answers.get(key)
        if text is not None:
            rows.append((position, str(text), story_step.cycle, state.evidence.get(key)))
    return rows


def story_recap(engine: Engine, step: Step | None) -> Text:
    """The recap for ``step`` (empty when it is not part of a story or nothing is told yet)."""
    if not isinstance(step, STORY_STEPS):
        return Text()
    rows = _told(engine, step)
    if not rows:
        return Text()
    self_mode = engine.mode == "self"
    framework = engine.instrument.framework
    recap = Text("Your story so far:" if self_mode else f"Story {step.instance} so far:", style="bold")
    for position, text, cycle, evidence in rows:
        recap.append("\n")
        if self_mode:
            recap.append("  • " + printable(text).replace("\n", "\n    "))
            continue
        label = cycle_label(cycle, framework) if cycle else "not tagged yet"
        recap.append(f"  {position}. ")
        recap.append(f"[{one_line(label)}] ", style="italic")
        recap.append(printable(text).replace("\n", "\n     "))
        if evidence:
            recap.append(f"\n     evidence: {printable(evidence)}", style="dim")
    return recap
