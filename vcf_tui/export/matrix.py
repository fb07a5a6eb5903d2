"""The value-creation matrix export (SPEC section 10): stories across the cycles, indicators down them.

The matrix itself comes from ``vcf_tui.analysis.matrix``; this module applies the export's privacy rules to
the records it reads, and writes the matrix as CSV (cells neutralised for spreadsheets) or as a Markdown table
(data escaped, never HTML).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vcf_tui.analysis.matrix import IndicatorRow, Matrix, Means, StoryRow, cell_text, matrix
from vcf_tui.cycles import cycle_label
from vcf_tui.export.cells import csv_table, markdown_text
from vcf_tui.export.rows import Flat
from vcf_tui.export.shown import one_framework, shown_tables
from vcf_tui.plural import counted
from vcf_tui.project.model import Project
from vcf_tui.store.datafile import Tables

STORY_COLUMNS = (
    "row",
    "respondent",
    "session_id",
    "wave",
    "section",
    "story",
    "kind",
    "review_status",
    "plausibility",
    "review_note",
    "reviewer",
    "indicator",
    "indicator_text",
)
NO_CYCLE = "no cycle"  # the column of indicators whose cycle is unknown (ids found on questions without one)


def export_matrix(flat: Flat, tables: Tables, project: Project | None, markdown: bool) -> str:
    """The matrix of the exported records (as the export's privacy rules show them), as Markdown or CSV."""
    built = matrix(shown_tables(flat, tables), project)
    return to_markdown(built, one_framework(flat)) if markdown else to_csv(built)


def _columns(built: Matrix) -> list[str]:
    """The cycles present, in SPEC section 2 order, and a column for indicators of no known cycle if any."""
    other = any(row.cycle not in built.cycles for row in built.indicators)
    return [*built.cycles, *([NO_CYCLE] if other else [])]


def _number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _mean_lines(means: Means, kind: str) -> list[str]:
    """The scale mean and the number mean of one kind of answers, each with how many it averages."""
    lines = []
    if means.scale_mean_pct is not None:
        lines.append(f"{kind}scale mean {means.scale_mean_pct:.1f}% ({counted(means.scale_n, 'rating')})")
    if means.number_mean is not None:
        lines.append(f"{kind}mean {_number(means.number_mean)} ({counted(means.number_n, 'number')})")
    return lines


def indicator_lines(row: IndicatorRow) -> list[str]:
    """An indicator's figures: answers, the scale and number means (contribution apart) or choice counts, then each
    observation."""
    lines = [f"{row.answers} answer{'s' if row.answers != 1 else ''}"] if row.answers else []
    lines += _mean_lines(row.own, "")
    lines += _mean_lines(row.contribution, "contribution: ")
    if row.choices:
        lines.append("choices: " + "; ".join(f"{choice}: {n}" for choice, n in row.choices.items()))
    for seen in row.observations:
        details = ", ".join(str(seen[k]) for k in ("scope", "source") if seen.get(k))
        note = f"; {seen['note']}" if seen.get("note") else ""
        lines.append(
            f"observed {seen.get('period') or '?'}: {_number(seen.get('value'))}"
            + (f" ({details}{note})" if details or note else "")
        )
    return lines or ["no answers or observations"]


def _review(story: StoryRow) -> list[Any]:
    review = story.review or {}
    return [review.get("status"), review.get("plausibility"), review.get("note"), review.get("reviewer")]


def _cells(columns: list[str], cells: dict[str, str]) -> list[str | None]:
    return [cells.get(c) for c in columns]


def _indicator_cells(built: Matrix, row: IndicatorRow, join: Callable[[list[str]], str]) -> dict[str, str]:
    return {row.cycle if row.cycle in built.cycles else NO_CYCLE: join(indicator_lines(row))}


def to_csv(built: Matrix) -> str:
    """One row per story, then one per indicator; a cell's lines are kept as line breaks inside the cell."""
    columns = _columns(built)
    rows: list[list[Any]] = []
    for story in built.stories:
        cells = {cycle: cell_text(steps) for cycle, steps in story.cells.items()}
        rows.append(
            [
                "story",
                story.respondent,
                story.session_id,
                story.wave,
                story.section,
                story.number,
                story.kind,
                *_review(story),
                None,
                None,
                *_cells(columns, cells),
            ]
        )
    for row in built.indicators:
        cells = _indicator_cells(built, row, "\n".join)
        rows.append(["indicator", *[None] * 10, row.indicator, row.text, *_cells(columns, cells)])
    return csv_table([*STORY_COLUMNS, *columns], rows)


def _markdown_lines(lines: list[str]) -> str:
    """Lines of data in one table cell: each escaped, joined by ``<br>`` (the only HTML the matrix writes)."""
    return "<br>".join(markdown_text(line) for line in lines)


def _markdown_review(story: StoryRow) -> str:
    if not story.review:
        return "not reviewed"
    status, plausibility, note, reviewer = _review(story)
    parts = [str(status or "unchecked")]
    if plausibility is not None:
        parts.append(f"plausibility {plausibility}/5")
    if note:
        parts.append(str(note))
    if reviewer:
        parts.append(f"by {reviewer}")
    return markdown_text("; ".join(parts))


def story_heading(story: StoryRow) -> str:
    """A story row's name in Markdown: ``**R1** · 12-months · story 1 (told)``, then its section and short session
    id, so the stories of one respondent's sessions never look alike."""
    who = markdown_text(story.respondent or story.session_id[:8])
    wave = f" · {markdown_text(story.wave)}" if story.wave else ""
    where = f"{markdown_text(story.section)}, session {markdown_text(story.session_id[:8])}"
    return f"**{who}**{wave} · story {story.number} ({story.kind}) · {where}"


def to_markdown(built: Matrix, framework: str | None = None) -> str:
    """A Markdown table: stories run across the cycles (labelled as ``framework`` spells them), indicators down."""
    columns = _columns(built)
    labels = [markdown_text(cycle_label(c, framework)) for c in columns]
    lines = [
        "# Value-creation matrix",
        "",
        "Stories run across the cycles (steps numbered in the order told, loops marked); indicators run down them.",
        "",
        "| | review | " + " | ".join(labels) + " |",
        "| --- | --- | " + " | ".join("---" for _ in columns) + " |",
    ]
    for story in built.stories:
        name = story_heading(story)
        cells = {c: _markdown_lines([cell_text([step]) for step in steps]) for c, steps in story.cells.items()}
        row = [name, _markdown_review(story), *(cells.get(c, "") for c in columns)]
        lines.append("| " + " | ".join(row) + " |")
    for indicator in built.indicators:
        name = f"indicator **{markdown_text(indicator.indicator)}**" + (
            f": {markdown_text(indicator.text)}" if indicator.text else ""
        )
        cells = _indicator_cells(built, indicator, _markdown_lines)
        lines.append("| " + " | ".join([name, "", *(cells.get(c, "") for c in columns)]) + " |")
    return "\n".join(lines) + "\n"
