"""Wide CSV: one row per session, one column per question in questionnaire order, and its codebook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vcf_tui.export.cells import csv_table
from vcf_tui.export.privacy import is_personal
from vcf_tui.export.rows import SESSION_FIELDS, Flat
from vcf_tui.instrument import Instrument, Question, Section
from vcf_tui.steps import story_key, told_step_id
from vcf_tui.store.datafile import Tables

SKIPPED = "[skipped]"  # asked, and answered with nothing
NOT_ASKED = "[not asked]"  # never put to this respondent: hidden by a condition, not reached, or not in the instrument

CODEBOOK_COLUMNS = ("column", "instrument_id", "section_id", "question_id", "text", "type", "choices", "cycles")


@dataclass(frozen=True)
class Column:
    """One column: a field (value, a told step's cycle, loop or evidence) of the answers with one ``question_id``."""

    name: str
    key: str
    field: str
    instrument_id: str
    section_id: str
    question_id: str
    text: str
    type: str
    choices: str
    cycles: str
    personal: bool = False

    def codebook_row(self) -> list[str]:
        return [
            self.name,
            self.instrument_id,
            self.section_id,
            self.question_id,
            self.text,
            self.type,
            self.choices,
            self.cycles,
        ]

    def cell(self, answer: dict[str, Any] | None) -> Any:
        """The answer's value (or cycle, loop, evidence), ``[skipped]`` if it has none, ``[not asked]`` if no answer."""
        if answer is None:
            return NOT_ASKED
        if self.field == "loop":
            return SKIPPED if answer.get("value") is None else "yes" if answer.get("loop") else "no"
        if self.field == "cycle":
            value = (answer.get("cycles") or [None])[0]
        else:
            value = answer.get("evidence_text" if self.field == "evidence" else "value")
        return SKIPPED if value is None else value


def _question_column(instrument: Instrument, section: Section, question: Question, key: str) -> Column:
    return Column(
        key,
        key,
        "value",
        instrument.id,
        section.id,
        question.id,
        question.text,
        question.type,
        _choices(question),
        "; ".join(question.cycles),
        is_personal({}, question),
    )


def _choices(question: Question) -> str:
    if question.choices:
        options = [c.value if c.label == c.value else f"{c.value} ({c.label})" for c in question.choices]
        return "; ".join(options + (["Other: ..."] if question.other else []))
    if question.type == "scale":
        return "; ".join(f"{p}={question.labels[p]}" if p in question.labels else str(p) for p, _ in question.points())
    if question.type == "number" and (question.minimum is not None or question.maximum is not None):
        low = "" if question.minimum is None else f"{question.minimum:g}"
        high = "" if question.maximum is None else f"{question.maximum:g}"
        return f"between {low} and {high}" + (", whole numbers" if question.integer else "")
    return ""


def _story_columns(instrument: Instrument, section: Section, instance: int, told: int) -> list[Column]:
    """One story's steps (a told story: ``told`` steps, each with the cycle it was tagged with), evidence, questions."""
    columns = []
    if section.is_told:
        steps = [
            (told_step_id(p), section.text or "", "", "; ".join(s.cycle for s in section.steps))
            for p in range(1, told + 1)
        ]
    else:
        steps = [(step.id, step.text, step.cycle, step.cycle) for step in section.steps]
    for step_id, text, cycle, cycles in steps:
        key = story_key(section.id, instance, step_id)
        columns.append(Column(key, key, "value", instrument.id, section.id, step_id, text, "story", "", cycle))
        if section.is_told:
            columns.append(
                Column(
                    f"{key}.cycle",
                    key,
                    "cycle",
                    instrument.id,
                    section.id,
                    step_id,
                    "The cycle this step was tagged with",
                    "cycle",
                    cycles,
                    "",
                )
            )
            columns.append(
                Column(
                    f"{key}.loop",
                    key,
                    "loop",
                    instrument.id,
                    section.id,
                    step_id,
                    "Does this step loop back to a cycle before the previous step's (yes or no)?",
                    "loop",
                    "yes; no",
                    "",
                )
            )
        if section.evidence_prompt:
            columns.append(
                Column(
                    f"{key}.evidence",
                    key,
                    "evidence",
                    instrument.id,
                    section.id,
                    step_id,
                    section.evidence_prompt,
                    "evidence",
                    "",
                    "",
                )
            )
    columns += [
        _question_column(instrument, section, q, story_key(section.id, instance, q.id)) for q in section.story_questions
    ]
    return columns


def _instrument_columns(instrument: Instrument, told: dict[str, tuple[int, int]]) -> list[Column]:
    """Questions (notes aside), then each story as asked, in the instrument's order; ``told``: (stories, steps)."""
    columns = []
    for section in instrument.sections:
        columns += [_question_column(instrument, section, q, q.id) for q in section.questions if q.type != "note"]
        if section.is_story:
            stories, steps = told.get(section.id, (1, 1))
            for instance in range(1, stories + 1):
                columns += _story_columns(instrument, section, instance, steps)
    return columns


def _told(flat: Flat, label: str) -> dict[str, tuple[int, int]]:
    """Per story section of the instrument ``label``: the most stories told in a session, the most steps in one."""
    told: dict[str, tuple[int, int]] = {}
    for session in flat.sessions:
        instrument = flat.instrument(session)
        if instrument is None or instrument.label != label:
            continue
        for answer in flat.answers[session["session_id"]]:
            story = answer.get("story")
            if isinstance(story, dict) and isinstance(story.get("instance"), int):
                stories, steps = told.get(str(story.get("section")), (1, 1))
                position = story.get("position")
                told[str(story.get("section"))] = (
                    max(stories, story["instance"]),
                    max(steps, position if isinstance(position, int) else 1),
                )
    return told


def _merged(placed: list[Column], ordered: list[Column]) -> list[Column]:
    """``placed`` with the columns of ``ordered`` it lacks, each put right after the column before it in
    ``ordered`` (so a later instrument version's new questions and stories keep the questionnaire's order)."""
    merged = list(placed)
    names = [column.name for column in merged]
    anchor = -1
    for column in ordered:
        if column.name in names:
            anchor = names.index(column.name)
            continue
        anchor += 1
        merged.insert(anchor, column)
        names.insert(anchor, column.name)
    return merged


def wide_columns(flat: Flat) -> list[Column]:
    """Every instrument's columns in its questionnaire order (a later one's new columns placed after the column
    before them), then answers the instruments do not know."""
    hide = set(flat.withheld or ())
    placed: list[Column] = []
    done = set()
    for session in flat.sessions:
        instrument = flat.instrument(session)
        if instrument is None or instrument.label in done:
            continue
        done.add(instrument.label)
        shown = [
            column
            for column in _instrument_columns(instrument, _told(flat, instrument.label))
            if column.key not in hide and not (flat.withheld is not None and column.personal)
        ]
        placed = _merged(placed, shown)
    columns = {column.name: column for column in placed}
    for session in flat.sessions:
        for answer in flat.answers[session["session_id"]]:
            key = answer["question_id"]
            if key not in columns and key not in hide:
                columns[key] = Column(
                    key,
                    key,
                    "value",
                    str(session.get("instrument_id") or ""),
                    str(answer.get("section_id") or ""),
                    key,
                    flat.question_text(session, answer),
                    str(answer.get("type") or ""),
                    "",
                    "; ".join(str(c) for c in answer.get("cycles") or ()),
                )
    return list(columns.values())


def to_wide_csv(flat: Flat, tables: Tables) -> str:
    """One row per session; a cell is the answer, ``[skipped]`` or ``[not asked]``."""
    columns = wide_columns(flat)
    rows = []
    for session in flat.sessions:
        given = {a["question_id"]: a for a in flat.answers[session["session_id"]]}
        rows.append([session.get(k) for k in SESSION_FIELDS] + [c.cell(given.get(c.key)) for c in columns])
    return csv_table([*SESSION_FIELDS, *(c.name for c in columns)], rows)


def to_codebook(flat: Flat, tables: Tables) -> str:
    """What each question column of the wide CSV holds: its question's full text, type, choices and cycles."""
    return csv_table(CODEBOOK_COLUMNS, [c.codebook_row() for c in wide_columns(flat)])
