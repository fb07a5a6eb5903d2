"""The export formats, each a function from flattened records to text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vcf_tui.export import json_export
from vcf_tui.export.cells import csv_fields
from vcf_tui.export.reading_pack import to_markdown
from vcf_tui.export.rows import SESSION_FIELDS, Flat
from vcf_tui.export.wide import to_wide_csv
from vcf_tui.store.datafile import Tables

ANSWER_COLUMNS = (
    "section_id",
    "question_id",
    "question_text",
    "type",
    "cycles",
    "indicator",
    "capital",
    "evidence",
    "story_section",
    "story_instance",
    "story_step",
    "value",
    "skipped",
    "evidence_text",
    "loop",
    "note",
    "answered_at",
    "revision",
)


def to_csv(flat: Flat, tables: Tables) -> str:
    """One row per answer, in questionnaire order within each session."""
    lines = [csv_fields([*SESSION_FIELDS, *ANSWER_COLUMNS]) + "\n"]
    for session in flat.sessions:
        prefix = csv_fields(session.get(k) for k in SESSION_FIELDS) + ","
        for answer in flat.answers[session["session_id"]]:
            story: dict[str, Any] = answer["story"] if isinstance(answer.get("story"), dict) else {}
            value = answer.get("value")
            cells = (
                answer.get("section_id"),
                answer["question_id"],
                flat.question_text(session, answer),
                answer.get("type"),
                "; ".join(map(str, answer.get("cycles") or ())),
                answer.get("indicator"),
                answer.get("capital"),
                answer.get("evidence"),
                story.get("section"),
                story.get("instance"),
                story.get("step"),
                value,
                "yes" if value is None else None,
                answer.get("evidence_text"),
                "yes" if answer["answer_id"] in flat.loops else None,
                answer.get("note"),
                answer.get("answered_at"),
                answer.get("revision"),
            )
            lines.append(prefix + csv_fields(cells) + "\n")
    return "".join(lines)


def to_json(flat: Flat, tables: Tables) -> str:
    """Sessions with their answers, and each answer's codings, nested; text exactly as stored."""
    return json_export.to_json(flat, tables)  # one session at a time, with orjson (export/json_export.py)


FORMATS: dict[str, Callable[[Flat, Tables], str]] = {
    "csv": to_csv,
    "wide-csv": to_wide_csv,
    "json": to_json,
    "markdown": to_markdown,
}


def export(flat: Flat, tables: Tables, fmt: str) -> str:
    return FORMATS[fmt](flat, tables)
