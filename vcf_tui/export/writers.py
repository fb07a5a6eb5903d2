"""The export formats, each a function from flattened records to text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vcf_tui.analysis.tally import tally
from vcf_tui.cycles import CYCLES, cycle_label, cycle_order
from vcf_tui.export import json_export
from vcf_tui.export.cells import csv_fields, markdown_text
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
    return json_export.to_json(flat)  # one session at a time, with orjson (export/json_export.py)


def _shown(flat: Flat, tables: Tables) -> Tables:
    """The records the reading pack tallies: its sessions and their answers, personal ones left out."""
    answers = {
        a["answer_id"]: a
        for s in flat.sessions
        for a in flat.answers[s["session_id"]]
        if a["answer_id"] not in flat.personal
    }
    return {**tables, "sessions": {s["session_id"]: s for s in flat.sessions}, "answers": answers}


def to_markdown(flat: Flat, tables: Tables) -> str:
    """The evaluator's reading pack: tally, text answers per cycle, then every story; never a personal answer."""
    result = tally(_shown(flat, tables))
    instruments = ", ".join(markdown_text(i) for i in result["instruments"]) or "-"
    lines = [
        "# Value-creation reading pack",
        "",
        f"{result['sessions']['total']} sessions ({result['sessions']['complete']} complete); "
        f"instruments: {instruments}",
        "",
        "| cycle | sessions | answers | scale mean % | stories | codings |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in result["cycles"]:
        mean = "-" if row["scale_mean_pct"] is None else f"{row['scale_mean_pct']:.1f}"
        lines.append(
            f"| {row['label']} | {row['sessions']} | {row['answers']} | {mean} | {row['stories']} | {row['codings']} |"
        )
    by_cycle: dict[str, list[str]] = {}
    stories: list[tuple[dict[str, Any], tuple[str, int], list[dict[str, Any]]]] = []
    for session in flat.sessions:
        who = markdown_text(session.get("respondent") or session["session_id"][:8])
        grouped: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for answer in flat.answers[session["session_id"]]:
            if answer.get("value") is None or answer["answer_id"] in flat.personal:
                continue
            story = answer.get("story")
            if isinstance(story, dict):
                grouped.setdefault((str(story.get("section")), story.get("instance") or 0), []).append(answer)
                continue
            if answer.get("type") not in ("text", "longtext"):
                continue
            cycles = set(answer.get("cycles") or []) | {c["cycle"] for c in flat.codings.get(answer["answer_id"], [])}
            asked = markdown_text(flat.question_text(session, answer) or answer["question_id"])
            for cycle in cycles:
                by_cycle.setdefault(cycle, []).append(f"- **{who}**, {asked}: {markdown_text(answer['value'])}")
        stories += [(session, key, steps) for key, steps in grouped.items()]
    frameworks = {s.get("framework") for s in flat.sessions}
    framework = frameworks.pop() if len(frameworks) == 1 else None  # mixed frameworks: the 2020 spelling
    lines += ["", "## Text answers by cycle"]
    for cycle in cycle_order([c for c in by_cycle if c in CYCLES]):
        lines += ["", f"### {cycle_label(cycle, framework)}", "", *by_cycle[cycle]]
    lines += ["", "## Value-creation stories"]
    for session, (section, instance), steps in stories:
        who = markdown_text(session.get("respondent") or session["session_id"][:8])
        instrument = flat.instrument(session)
        title = next((s.title for s in instrument.sections if s.id == section), section) if instrument else section
        lines += ["", f"### {who}: {markdown_text(title)}, story {instance}", ""]
        for step in steps:  # already in the order the steps were asked
            cycle = str((step.get("cycles") or ["?"])[0])
            label = cycle_label(cycle, session.get("framework")) if cycle in CYCLES else markdown_text(cycle)
            loop = " (loops back)" if step["answer_id"] in flat.loops else ""
            evidence = f" Evidence: {markdown_text(step['evidence_text'])}" if step.get("evidence_text") else ""
            lines.append(f"1. **{label}**{loop}: {markdown_text(step['value'])}{evidence}")
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Flat, Tables], str]] = {
    "csv": to_csv,
    "wide-csv": to_wide_csv,
    "json": to_json,
    "markdown": to_markdown,
}


def export(flat: Flat, tables: Tables, fmt: str) -> str:
    return FORMATS[fmt](flat, tables)
