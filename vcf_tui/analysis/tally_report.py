"""Print a tally as a readable table (the JSON form is the tally object itself)."""

from __future__ import annotations

from typing import Any


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _evidence(figures: dict[str, Any]) -> str:
    text = f"answers {figures['answers']}"
    if figures["scale_n"]:
        text += f"; on a scale {figures['scale_n']}, mean {_pct(figures['scale_mean_pct'])} %"
    return text


def format_tally(result: dict[str, Any]) -> str:
    counts = result["sessions"]
    lines = [
        f"{counts['total']} sessions: {counts['complete']} complete, {counts['in_progress']} in progress, "
        f"{counts['abandoned']} abandoned",
        f"instruments: {', '.join(result['instruments']) or '-'}",
        "",
        f"{'cycle':<16}{'sessions':>9}{'answers':>9}{'scale %':>9}{'observ.':>9}{'stories':>9}{'started':>9}"
        f"{'loops':>7}{'codings':>9}",
    ]
    for row in result["cycles"]:
        observations = "-" if row["observations"] is None else row["observations"]
        lines.append(
            f"{row['cycle']:<16}{row['sessions']:>9}{row['answers']:>9}{_pct(row['scale_mean_pct']):>9}"
            f"{observations:>9}{row['stories']:>9}{row['stories_started_here']:>9}{row['loops']:>7}"
            f"{row['codings']:>9}"
        )
        for kind in ("effect", "contribution"):
            if row[kind]["answers"]:
                lines.append(f"  {kind}: {_evidence(row[kind])}")
        if row.get("capitals"):
            lines.append("  capitals: " + ", ".join(f"{k} {v}" for k, v in row["capitals"].items()))
    lines += [
        "",
        "scale %: mean of each cycle's scale answers as percent of the scale's range, contribution "
        "ratings left out; effect and contribution are shown apart, never averaged together.",
    ]
    if "groups" in result:
        lines += ["", *_side_by_side(result["groups"])]
    return "\n".join(lines)


def _side_by_side(groups: list[dict[str, Any]]) -> list[str]:
    """Answers and scale mean per cycle, one column pair per group."""
    if not groups:
        return []
    by = groups[0]["by"]
    names = [str(g["value"]) if g["value"] is not None else "(none)" for g in groups]
    width = max(14, *(len(n) + 2 for n in names))
    lines = [
        f"by {by}:",
        f"{'':<16}" + "".join(f"{n:>{width}}" for n in names),
        f"{'sessions':<16}" + "".join(f"{g['sessions']['total']:>{width}}" for g in groups),
        f"{'cycle':<16}" + "".join(f"{'answers / %':>{width}}" for _ in groups),
    ]
    cycles = [row["cycle"] for row in groups[0]["cycles"]]
    for g in groups[1:]:
        cycles += [row["cycle"] for row in g["cycles"] if row["cycle"] not in cycles]
    for cycle in cycles:
        cells = []
        for g in groups:
            row = next((r for r in g["cycles"] if r["cycle"] == cycle), None)
            cells.append("-" if row is None else f"{row['answers']} / {_pct(row['scale_mean_pct'])}")
        lines.append(f"{cycle:<16}" + "".join(f"{c:>{width}}" for c in cells))
    return lines
