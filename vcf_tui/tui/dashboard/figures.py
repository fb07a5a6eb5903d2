"""The dashboard's figures as Rich renderables: per-cycle answers, effect and contribution apart, coverage, waves."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text

from vcf_tui.text import one_line
from vcf_tui.tui.widgets.badges import cycle_name

BAR = 20


def bar(fraction: float, width: int = BAR) -> str:
    filled = max(0, min(width, round(fraction * width)))
    return "█" * filled + "·" * (width - filled)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _evidence(figures: dict[str, Any]) -> str:
    """An effect or contribution mean with its count; never mixed with the other."""
    return "-" if not figures["answers"] else f"{_pct(figures['scale_mean_pct'])} (n {figures['scale_n']})"


LEGEND = "ans: answers  obs: observations  scale %: mean (n)  effect % and contrib %: apart, never averaged"


def cycle_table(result: dict[str, Any], bar_width: int = BAR) -> Table:
    """Answers per cycle (a bar scaled to the busiest cycle when there is room), the scale mean, effect and
    contribution apart, and observations, with short headers explained by a legend line.

    The scale mean leaves contribution ratings out; effect and contribution each have their own column.
    """
    grid = Table(box=None, padding=(0, 1), expand=True, caption=LEGEND, caption_justify="left")
    columns: list[tuple[str, JustifyMethod]] = [("cycle", "left"), ("ans", "right")]
    columns += [("", "left")] if bar_width else []
    columns += [("scale %", "right"), ("effect %", "right"), ("contrib %", "right"), ("obs", "right")]
    for name, justify in columns:
        grid.add_column(name, justify=justify, no_wrap=True)
    most = max((row["answers"] for row in result["cycles"]), default=0) or 1
    for row in result["cycles"]:
        observations = row.get("observations")
        cells: list[Text | str] = [cycle_name(row["cycle"]), str(row["answers"])]
        cells += [bar(row["answers"] / most, bar_width)] if bar_width else []
        cells += [
            _scale(row),
            _evidence(row["effect"]),
            _evidence(row["contribution"]),
            "-" if observations is None else str(observations),
        ]
        grid.add_row(*cells)
    return grid


def _scale(row: dict[str, Any]) -> str:
    return "-" if not row["scale_n"] else f"{_pct(row['scale_mean_pct'])} (n {row['scale_n']})"


def coverage_table(result: dict[str, Any]) -> Table:
    """Story coverage per cycle: stories touching it, started in it, steps looping back into it (not a funnel)."""
    grid = Table(box=None, padding=(0, 1), title="Story coverage (a map, not a ladder)", title_justify="left")
    for name in ("cycle", "stories touching", "started here", "loops into"):
        grid.add_column(name, justify="left" if name == "cycle" else "right")
    for row in result["cycles"]:
        if row["stories"] or row["stories_started_here"] or row["loops"]:
            grid.add_row(
                cycle_name(row["cycle"]), str(row["stories"]), str(row["stories_started_here"]), str(row["loops"])
            )
    return grid


def wave_order(waves: set[str], project_waves: list[str]) -> list[str]:
    """The project's waves in its order, then any others by name."""
    return [w for w in project_waves if w in waves] + sorted(waves - set(project_waves))


def people(sessions: list[dict[str, Any]], project_waves: list[str]) -> Text:
    """Sessions by interviewer and by wave (waves in project order)."""
    by_interviewer = Counter(one_line(s.get("interviewer") or "-") for s in sessions)
    by_wave = Counter(one_line(s.get("wave") or "-") for s in sessions)
    lines = ["By interviewer:"] + [f"  {name}: {n}" for name, n in by_interviewer.most_common(8)]
    lines += ["By wave:"] + [f"  {wave}: {by_wave[wave]}" for wave in wave_order(set(by_wave), project_waves)]
    return Text("\n".join(lines))
