"""The evaluator's reading pack (markdown): figures per cycle, story coverage, text answers and every story.

It shows no ladder, funnel or score: cycles are listed in SPEC section 2 order as a lens, story coverage says
which cycles each story touches, where it started and where it looped back, scale means are labelled as mean
ratings (a % of each scale's range) in tables with no other figure, and effect and contribution stand in tables
of their own, never averaged together. Personal answers never appear.
"""

from __future__ import annotations

from typing import Any

from vcf_tui.analysis.coverage import StoryCoverage, coverage_by_cycle, story_coverage
from vcf_tui.analysis.matrix import session_order, session_wave
from vcf_tui.analysis.story_reviews import reviews_by_story
from vcf_tui.analysis.tally import tally
from vcf_tui.cycles import CYCLES, cycle_label, cycle_order
from vcf_tui.export.cells import markdown_text
from vcf_tui.export.questions import story_place
from vcf_tui.export.rows import Flat, show_value
from vcf_tui.export.shown import one_framework, shown_tables
from vcf_tui.plural import counted
from vcf_tui.store.datafile import Tables
from vcf_tui.stories import is_told_step

Answer = dict[str, Any]


def _label(cycle: str, framework: str | None) -> str:
    """The cycle's label as the framework spells it (an unknown cycle as its id), as Markdown text."""
    return markdown_text(cycle_label(cycle, framework))


def _mean(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


RATING = "mean rating, % of scale range"
RATING_NOTE = (
    "The mean of the scale answers, each as a percentage of its scale's range (0 is the scale's lowest point, "
    "100 its highest): a description of how those questions were rated, not a score of the cycle."
)


def _figures(result: dict[str, Any]) -> list[str]:
    """Counts per cycle, then ratings, then effect and contribution ratings, each in a table of its own."""
    lines = [
        "## Figures per cycle",
        "",
        "The cycles are listed in the framework's order, which is a lens, not a ladder.",
        "",
        "| cycle | sessions | answers | codings | observations |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in result["cycles"]:
        counts = (row["sessions"], row["answers"], row["codings"], row["observations"] or 0)
        lines.append(f"| {markdown_text(row['label'])} | " + " | ".join(map(str, counts)) + " |")
    lines += ["", "## Ratings", "", RATING_NOTE, ""]
    lines += _ratings([(markdown_text(row["label"]), row) for row in result["cycles"]], "No scale answers.")
    lines += [
        "",
        "## Effect and contribution",
        "",
        "Scale answers to questions marked as effect data (that something happened) and as contribution data (that "
        "the community played a part), each rated on its own; the two are never averaged together.",
    ]
    for kind in ("effect", "contribution"):
        lines += ["", f"### {kind.capitalize()}", ""]
        rows = [(markdown_text(row["label"]), row[kind]) for row in result["cycles"]]
        lines += _ratings(rows, f"No scale answers marked {kind}.")
    return lines


def _ratings(rows: list[tuple[str, dict[str, Any]]], none: str) -> list[str]:
    """A table of the cycles with scale answers: how many, and their mean rating (no other figure beside it)."""
    rated = [(label, row) for label, row in rows if row["scale_n"]]
    if not rated:
        return [none]
    lines = [f"| cycle | scale answers | {RATING} |", "| --- | ---: | ---: |"]
    return lines + [f"| {label} | {row['scale_n']} | {_mean(row['scale_mean_pct'])} |" for label, row in rated]


def _coverage(coverage: list[StoryCoverage], names: dict[str, str], framework: str | None) -> list[str]:
    lines = [
        "## Story coverage",
        "",
        "Which cycles the stories touch, where they start and where they loop back: a map of the stories, "
        "not a ladder (the cycles are listed in the framework's order, which is no rank).",
        "",
        "| cycle | stories touching it | stories started here | steps looping back into it |",
        "| --- | ---: | ---: | ---: |",
    ]
    for cycle, row in coverage_by_cycle(coverage).items():
        lines.append(
            f"| {_label(cycle, framework)} | {row['touching']} | {row['started_here']} | {row['loops_into']} |"
        )
    lines += ["", "| story | started in | cycles it touches | loops back into |", "| --- | --- | --- | --- |"]
    for story in coverage:
        who = _who(names.get(story.session_id) or markdown_text(story.session_id[:8]), story.wave, story.session_id)
        loops = ", ".join(_label(c, framework) for c in story.looped_into) or "-"
        lines.append(
            f"| {who}: {markdown_text(story.section)}, story {story.number} | {_label(story.started, framework)} "
            f"| {', '.join(_label(c, framework) for c in story.touches)} | {loops} |"
        )
    return lines


def _text_answers(flat: Flat, names: dict[str, str], framework: str | None) -> list[str]:
    """Each text answer once, under the first cycle its question is tagged with, then its codings (coder: cycles)."""
    by_cycle: dict[str | None, list[str]] = {}
    for session in flat.sessions:
        for answer in flat.answers[session["session_id"]]:
            if answer.get("value") is None or answer["answer_id"] in flat.personal or story_place(answer):
                continue
            if answer.get("type") not in ("text", "longtext"):
                continue
            codings = flat.codings.get(answer["answer_id"], [])
            tagged = [c for c in answer.get("cycles") or [] if c in CYCLES]
            if not tagged and not codings:
                continue
            asked = markdown_text(flat.question_text(session, answer) or answer["question_id"])
            by_cycle.setdefault(tagged[0] if tagged else None, []).append(
                f"- **{names[session['session_id']]}**, {asked}: {markdown_text(answer['value'])}"
            )
            by_cycle[tagged[0] if tagged else None].append(_codings(codings, framework))
    lines = [
        "## Text answers by cycle",
        "",
        "Each text answer once, under the cycle its question is tagged with, then how each coder coded it.",
    ]
    for cycle in cycle_order([c for c in by_cycle if c]):
        lines += ["", f"### {_label(cycle, framework)}", "", *by_cycle[cycle]]
    if None in by_cycle:
        lines += ["", "### Questions tagged with no cycle", "", *by_cycle[None]]
    return lines


def _codings(codings: list[Answer], framework: str | None) -> str:
    """An answer's codings as an indented line: ``coder: cycle, cycle; coder: cycle`` (coders in name order)."""
    by_coder: dict[str, list[str]] = {}
    for coding in codings:
        by_coder.setdefault(str(coding.get("coder") or "?"), []).append(str(coding.get("cycle")))
    if not by_coder:
        return "  - not coded yet"
    coded = (
        f"{markdown_text(coder)}: {', '.join(_label(c, framework) for c in cycle_order(set(cycles)))}"
        for coder, cycles in sorted(by_coder.items())
    )
    return "  - coded by " + "; ".join(coded)


def _review(review: dict[str, Any] | None) -> str:
    if not review:
        return "Review: not reviewed yet."
    parts = [f"Review: {markdown_text(review.get('status') or 'unchecked')}"]
    if review.get("plausibility") is not None:
        parts.append(f"plausibility {markdown_text(review['plausibility'])} of 5")
    if review.get("note"):
        parts.append(f"note: {markdown_text(review['note'])}")
    if review.get("reviewer"):
        parts.append(f"by {markdown_text(review['reviewer'])}")
    return "; ".join(parts) + "."


ORDER_TOLD = "told in the narrator's order"
ORDER_ASKED = "in the instrument's order"


def _session_name(session: dict[str, Any], names: dict[str, str]) -> str:
    """``R1 · 12-months · session ab12cd34``: who, the wave (if any) and a short session id, so one respondent's
    sessions are told apart."""
    return _who(names[session["session_id"]], session_wave(session), session["session_id"])


def _who(name: str, wave: str | None, session_id: str) -> str:
    parts = [name, *([markdown_text(wave)] if wave else []), f"session {markdown_text(session_id[:8])}"]
    return " · ".join(parts)


def _stories(flat: Flat, shown: Tables, names: dict[str, str]) -> list[str]:
    """Each story: its steps numbered in the order told (loops marked, with evidence), review and questions."""
    reviews = reviews_by_story(shown)
    lines = ["## Value-creation stories"]
    order = session_order({s["session_id"]: s for s in flat.sessions})
    for session in sorted(flat.sessions, key=lambda s: order(s["session_id"])):
        stories: dict[tuple[str, int], tuple[list[Answer], list[Answer]]] = {}
        for answer in flat.answers[session["session_id"]]:
            place = story_place(answer)
            if place is None or answer["answer_id"] in flat.personal or answer.get("value") is None:
                continue
            steps, questions = stories.setdefault((place[0], place[1]), ([], []))
            (steps if place[3] else questions).append(answer)
        instrument = flat.instrument(session)
        for (section, number), (steps, questions) in stories.items():
            title = next((s.title for s in instrument.sections if s.id == section), section) if instrument else section
            told = any(is_told_step(s) for s in steps)
            lines += [
                "",
                f"### {_session_name(session, names)}: {markdown_text(title)}, story {number}"
                f" ({ORDER_TOLD if told else ORDER_ASKED})",
                "",
                _review(reviews.get((session["session_id"], section, number))),
                "",
            ]
            for k, step in enumerate(steps, 1):  # already in the order told (or asked)
                loop = " (loops back)" if step["answer_id"] in flat.loops else ""
                cycle = _label(str((step.get("cycles") or ["?"])[0]), session.get("framework"))
                lines.append(f"{k}. **{cycle}**{loop}: {markdown_text(step['value'])}")
                if step.get("evidence_text"):
                    lines.append(f"   - Evidence: {markdown_text(step['evidence_text'])}")
            if questions:
                lines.append("")
                for answer in questions:
                    asked = markdown_text(flat.question_text(session, answer) or answer["question_id"])
                    lines.append(f"- {asked}: {markdown_text(show_value(answer['value']))}")
    return lines


def to_markdown(flat: Flat, tables: Tables) -> str:
    """The reading pack; never a personal answer."""
    shown = shown_tables(flat, tables)
    result = tally(shown)
    framework = one_framework(flat)
    names = {s["session_id"]: markdown_text(s.get("respondent") or s["session_id"][:8]) for s in flat.sessions}
    instruments = ", ".join(markdown_text(i) for i in result["instruments"]) or "-"
    lines = [
        "# Value-creation reading pack",
        "",
        f"{counted(result['sessions']['total'], 'session')} ({result['sessions']['complete']} complete); "
        f"instruments: {instruments}",
        "",
        *_figures(result),
        "",
        *_coverage(story_coverage(shown), names, framework),
        "",
        *_text_answers(flat, names, framework),
        "",
        *_stories(flat, shown, names),
    ]
    return "\n".join(lines) + "\n"
