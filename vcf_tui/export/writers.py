"""The four export formats, each a function from flattened tables to text."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from vcf_tui.analysis.tally import tally
from vcf_tui.cycles import CYCLES, cycle_label, cycle_order
from vcf_tui.export.rows import SESSION_FIELDS, Flat, show_value
from vcf_tui.store.datafile import Tables

ANSWER_COLUMNS = ("section_id", "question_id", "question_text", "type", "cycles", "indicator", "capital", "evidence",
                  "story_section", "story_instance", "story_step", "value", "skipped", "note", "answered_at",
                  "revision")


def to_csv(flat: Flat, tables: Tables) -> str:
    """One row per answer (the csv module writes None as an empty cell)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*SESSION_FIELDS, *ANSWER_COLUMNS])
    for session in flat.sessions:
        prefix = [session.get(k) for k in SESSION_FIELDS]
        for answer in flat.answers[session["session_id"]]:
            story = answer.get("story") or {}
            value = answer.get("value")
            writer.writerow([
                *prefix, answer.get("section_id"), answer["question_id"], flat.question_text(session, answer),
                answer.get("type"), "; ".join(answer.get("cycles") or ()), answer.get("indicator"),
                answer.get("capital"), answer.get("evidence"), story.get("section"), story.get("instance"),
                story.get("step"), show_value(value), "yes" if value is None else None, answer.get("note"),
                answer.get("answered_at"), answer.get("revision"),
            ])
    return out.getvalue()


def to_wide_csv(flat: Flat, tables: Tables) -> str:
    """One row per session, one column per question (story steps as ``story[1].applied``)."""
    columns = list(dict.fromkeys(a["question_id"] for s in flat.sessions for a in flat.answers[s["session_id"]]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*SESSION_FIELDS, *columns])
    for session in flat.sessions:
        values = {a["question_id"]: show_value(a.get("value")) for a in flat.answers[session["session_id"]]}
        writer.writerow([show_value(session.get(k)) for k in SESSION_FIELDS] + [values.get(c, "") for c in columns])
    return out.getvalue()


def to_json(flat: Flat, tables: Tables) -> str:
    """Sessions with their answers, and each answer's codings, nested."""
    sessions = []
    for session in flat.sessions:
        answers = [dict(a, codings=flat.codings.get(a["answer_id"], [])) for a in flat.answers[session["session_id"]]]
        sessions.append({**session, "answers": answers})
    return json.dumps({"format": "vcf-export/1", "sessions": sessions}, indent=2, ensure_ascii=False) + "\n"


def to_markdown(flat: Flat, tables: Tables) -> str:
    """The evaluator's reading pack: tally, text answers per cycle, then every story."""
    shown = {**tables, "sessions": {s["session_id"]: s for s in flat.sessions}}
    result = tally(shown)
    lines = ["# Value-creation reading pack", "",
             f"{result['sessions']['total']} sessions ({result['sessions']['complete']} complete); "
             f"instruments: {', '.join(result['instruments']) or '-'}", "",
             "| cycle | sessions | answers | scale mean % | stories | codings |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for row in result["cycles"]:
        mean = "-" if row["scale_mean_pct"] is None else f"{row['scale_mean_pct']:.1f}"
        lines.append(f"| {row['label']} | {row['sessions']} | {row['answers']} | {mean} | {row['stories']} | "
                     f"{row['codings']} |")
    by_cycle: dict[str, list[str]] = {}
    stories: list[tuple[dict[str, Any], tuple[str, int], list[dict[str, Any]]]] = []
    for session in flat.sessions:
        who = session.get("respondent") or session["session_id"][:8]
        grouped: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for answer in flat.answers[session["session_id"]]:
            if answer.get("value") is None:
                continue
            story = answer.get("story")
            if story:
                grouped.setdefault((story["section"], story["instance"]), []).append(answer)
                continue
            if answer.get("type") not in ("text", "longtext"):
                continue
            cycles = set(answer.get("cycles") or []) | {c["cycle"] for c in flat.codings.get(answer["answer_id"], [])}
            asked = flat.question_text(session, answer) or answer["question_id"]
            text = " ".join(str(answer["value"]).split())
            for cycle in cycles:
                by_cycle.setdefault(cycle, []).append(f"- **{who}**, {asked}: {text}")
        stories += [(session, key, steps) for key, steps in grouped.items()]
    frameworks = {s.get("framework") for s in flat.sessions}
    framework = frameworks.pop() if len(frameworks) == 1 else None  # mixed frameworks: the 2020 spelling
    lines += ["", "## Text answers by cycle"]
    for cycle in cycle_order([c for c in by_cycle if c in CYCLES]):
        lines += ["", f"### {cycle_label(cycle, framework)}", "", *by_cycle[cycle]]
    lines += ["", "## Value-creation stories"]
    order = list(CYCLES)
    for session, (section, instance), steps in stories:
        who = session.get("respondent") or session["session_id"][:8]
        instrument = flat.instruments.get(session.get("instrument_id", ""))
        title = next((s.title for s in instrument.sections if s.id == section), section) if instrument else section
        lines += ["", f"### {who}: {title}, story {instance}", ""]
        for step in sorted(steps, key=lambda a: order.index(a["cycles"][0]) if a.get("cycles") else 99):
            cycle = (step.get("cycles") or ["?"])[0]
            label = cycle_label(cycle, session.get("framework"))
            lines.append(f"1. **{label}**: {' '.join(str(step['value']).split())}")
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Flat, Tables], str]] = {
    "csv": to_csv,
    "wide-csv": to_wide_csv,
    "json": to_json,
    "markdown": to_markdown,
}


def export(flat: Flat, tables: Tables, fmt: str) -> str:
    return FORMATS[fmt](flat, tables)
