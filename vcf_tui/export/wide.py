"""Wide CSV: one row per session, one column per question in questionnaire order, and its codebook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vcf_tui.engine import story_key
from vcf_tui.export.cells import csv_table
from vcf_tui.export.privacy import is_personal
from vcf_tui.export.rows import SESSION_FIELDS, Flat
from vcf_tui.instrument import Instrument, Question
from vcf_tui.store.datafile import Tables

SKIPPED = "[skipped]"  # asked, and answered with nothing
NOT_ASKED = "[not asked]"  # never put to this respondent: hidden by a condition, not reached, or not in the instrument
CODEBOOK_COLUMNS = ("column", "instrument_id", "section_id", "question_id", "text", "type", "choices", "cycles")


@dataclass(frozen=True)
class Column:
    """One question or story step column and what the codebook says about it."""

    name: str
    instrument_id: str
    section_id: str
    question_id: str
    text: str
    type: str
    choices: str
    cycles: str

    def codebook_row(self) -> list[str]:
        return [self.name, self.instrument_id, self.section_id, self.question_id, self.text, self.type,
                self.choices, self.cycles]


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


def _instrument_columns(instrument: Instrument, instances: dict[str, int], hide: set[str]) -> list[Column]:
    """Questions (notes and hidden ones aside), then each story told, step by step, as the instrument orders them."""
    columns = []
    for section in instrument.sections:
        for question in section.questions:
            if question.type != "note" and question.id not in hide:
                columns.append(Column(question.id, instrument.id, section.id, question.id, question.text,
                                      question.type, _choices(question), "; ".join(question.cycles)))
        for instance in range(1, instances.get(section.id, 1) + 1 if section.is_story else 1):
            for step in section.steps:
                columns.append(Column(story_key(section.id, instance, step.id), instrument.id, section.id, step.id,
                                      step.text, "story", "", step.cycle))
    return columns


def wide_columns(flat: Flat) -> list[Column]:
    """Every instrument's columns in its own order (first use first), then answers the instruments do not know."""
    instances: dict[str, dict[str, int]] = {}
    hide = set(flat.withheld or ())
    for session in flat.sessions:
        instrument = flat.instrument(session)
        if instrument is None:
            continue
        told = instances.setdefault(instrument.label, {})
        for answer in flat.answers[session["session_id"]]:
            story = answer.get("story")
            if isinstance(story, dict) and isinstance(story.get("instance"), int):
                section = str(story.get("section"))
                told[section] = max(told.get(section, 1), story["instance"])
        if flat.withheld is not None:
            hide |= {q.id for q in instrument.questions() if is_personal({}, q)}
    columns: dict[str, Column] = {}
    for session in flat.sessions:
        instrument = flat.instrument(session)
        if instrument is not None and instrument.label in instances:
            for column in _instrument_columns(instrument, instances.pop(instrument.label), hide):
                columns.setdefault(column.name, column)
    for session in flat.sessions:
        for answer in flat.answers[session["session_id"]]:
            name = answer["question_id"]
            if name not in columns and name not in hide:
                columns[name] = Column(name, str(session.get("instrument_id") or ""),
                                       str(answer.get("section_id") or ""), name,
                                       flat.question_text(session, answer), str(answer.get("type") or ""), "",
                                       "; ".join(str(c) for c in answer.get("cycles") or ()))
    return list(columns.values())


def _cell(answer: dict[str, Any] | None) -> Any:
    if answer is None:
        return NOT_ASKED
    return SKIPPED if answer.get("value") is None else answer["value"]


def to_wide_csv(flat: Flat, tables: Tables) -> str:
    """One row per session; a cell is the answer, ``[skipped]`` or ``[not asked]``."""
    columns = wide_columns(flat)
    rows = []
    for session in flat.sessions:
        given = {a["question_id"]: a for a in flat.answers[session["session_id"]]}
        rows.append([session.get(k) for k in SESSION_FIELDS] + [_cell(given.get(c.name)) for c in columns])
    return csv_table([*SESSION_FIELDS, *(c.name for c in columns)], rows)


def to_codebook(flat: Flat, tables: Tables) -> str:
    """What each question column of the wide CSV holds: its question's full text, type, choices and cycles."""
    return csv_table(CODEBOOK_COLUMNS, [c.codebook_row() for c in wide_columns(flat)])
