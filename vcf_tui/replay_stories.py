"""The ``stories`` part of an answers file: its shape, and what in it the session did not ask.

A fixed story is a mapping of step ids to text, with optional ``evidence``
(``{STEP_ID: text}``) and ``answers`` (its story questions). A told story is
a mapping with ``steps`` (a list in told order, each ``{cycle, text,
evidence}``) and ``answers``.
"""

from __future__ import annotations

from typing import Any

from vcf_tui.answers import is_blank
from vcf_tui.engine import Engine
from vcf_tui.instrument.model import Instrument, Section
from vcf_tui.steps import story_key, told_step_id

TOLD_KEYS = ("steps", "answers")
TOLD_STEP_KEYS = ("cycle", "text", "evidence")
FIXED_EXTRA_KEYS = ("evidence", "answers")


def check_stories(instrument: Instrument, stories: dict, engine: Engine, used: set[str], problems: list[str]) -> None:
    """Add to ``problems`` everything wrong in ``stories``; ``used`` holds the step keys the replay took from it."""
    sections = {s.id: s for s in instrument.sections if s.is_story}
    shown = {step.section.id for step in engine.steps() if step.section is not None}
    for section_id, told in stories.items():
        section = sections.get(section_id)
        if section is None:
            problems.append(f"unknown story section '{section_id}'")
            continue
        if not isinstance(told, list):
            problems.append(f"stories '{section_id}': give a list of stories")
            continue
        if section_id not in shown:
            problems.append(f"stories '{section_id}': the conditions skip this story section")
            continue
        if len(told) > section.repeat.max:
            problems.append(f"stories '{section_id}': {len(told)} stories, but at most {section.repeat.max}")
        for number, story in enumerate(told, 1):
            where = f"stories '{section_id}' story {number}"
            given = (
                _told(section, number, story, where, problems)
                if section.is_told
                else _fixed(section, number, story, where, problems)
            )
            problems.extend(f"{where}: {what}" for key, what in given if key not in used)


def _told(section: Section, number: int, story: Any, where: str, problems: list[str]) -> list[tuple[str, str]]:
    """Check one told story's shape; returns (step key, what it is) for everything it gives."""
    if not isinstance(story, dict):
        problems.append(f"{where}: give a mapping with 'steps' (a list of {{cycle, text, evidence}}) and 'answers'")
        return []
    _unknown_keys(story, TOLD_KEYS, where, problems)
    steps = story.get("steps")
    if not isinstance(steps, list) or not steps:
        problems.append(f"{where}: give 'steps', a list of at least one {{cycle, text, evidence}}")
        return []
    given: list[tuple[str, str]] = []
    for position, step in enumerate(steps, 1):
        here = f"{where} step {position}"
        if not isinstance(step, dict):
            problems.append(f"{here}: give a mapping with 'cycle', 'text' and optionally 'evidence'")
            break
        _unknown_keys(step, TOLD_STEP_KEYS, here, problems)
        if not str(step.get("text") or "").strip():
            problems.append(f"{here}: no text (an empty step ends a told story)")
            break
        key = story_key(section.id, number, told_step_id(position))
        if step.get("evidence") not in (None, ""):
            what = "evidence, but the section asks for none" if not section.evidence_prompt else "evidence"
            given.append((f"{key}#evidence", what))
    return given + _story_answers(section, number, story, where, problems)


def _fixed(section: Section, number: int, story: Any, where: str, problems: list[str]) -> list[tuple[str, str]]:
    """Check one fixed story's shape; returns (step key, what it is) for its evidence and answers."""
    if not isinstance(story, dict):
        problems.append(f"{where}: give a mapping of step ids to text")
        return []
    step_ids = [s.id for s in section.steps]
    for step_id in story:
        if step_id not in step_ids and step_id not in FIXED_EXTRA_KEYS:
            problems.append(f"{where}: unknown step '{step_id}' (steps: {', '.join(sorted(step_ids))})")
    given: list[tuple[str, str]] = []
    evidence = story.get("evidence")
    if evidence is not None and not isinstance(evidence, dict):
        problems.append(f"{where}: give 'evidence' as a mapping of step ids to text")
    for step_id, text in (evidence if isinstance(evidence, dict) else {}).items():
        if step_id not in step_ids:
            problems.append(f"{where}: evidence for unknown step '{step_id}'")
        elif text not in (None, ""):
            what = "the section asks for none" if not section.evidence_prompt else "the step has no text"
            key = f"{story_key(section.id, number, step_id)}#evidence"
            given.append((key, f"evidence for '{step_id}', but {what}"))
    return given + _story_answers(section, number, story, where, problems)


def _story_answers(
    section: Section, number: int, story: dict, where: str, problems: list[str]
) -> list[tuple[str, str]]:
    answers = story.get("answers")
    if answers is None:
        return []
    if not isinstance(answers, dict):
        problems.append(f"{where}: give 'answers' as a mapping of question ids to answers")
        return []
    ids = [q.id for q in section.story_questions]
    given = []
    for question_id, raw in answers.items():
        if question_id not in ids:
            problems.append(
                f"{where}: unknown story question '{question_id}'"
                + (f" (questions: {', '.join(ids)})" if ids else " (the section has none)")
            )
        elif not is_blank(raw):  # a blank answer is none (a filled-in template has them)
            given.append(
                (story_key(section.id, number, question_id), f"answer to '{question_id}', which the conditions skip")
            )
    return given


def _unknown_keys(mapping: dict, allowed: tuple[str, ...], where: str, problems: list[str]) -> None:
    for key in mapping:
        if key not in allowed:
            problems.append(f"{where}: unknown key '{key}' (use {', '.join(allowed)})")
