"""Cycle badges: a colour per cycle, always with its name (colour never carries meaning alone)."""

from __future__ import annotations

from rich.text import Text

from vcf_tui.cycles import cycle_label
from vcf_tui.text import one_line

COLOURS = {
    "immediate": "#5fafd7",
    "potential": "#87af5f",
    "applied": "#d7af5f",
    "realised": "#d7875f",
    "reframing": "#af87d7",
    "transformative": "#af87d7",
    "orienting": "#5fafaf",
    "enabling": "#87afaf",
    "strategic": "#d75f87",
}


def cycle_name(cycle: str) -> Text:
    """A cycle's name in the theme's text colour, after a marker in the cycle's colour."""
    return Text.assemble(("■ ", COLOURS.get(cycle, "white")), one_line(cycle))


def badges(cycles: tuple[str, ...] | list[str], framework: str | None = None) -> Text:
    text = Text()
    for cycle in cycles:
        label = cycle_label(cycle, framework)
        text.append(f" {one_line(label)} ", style=f"bold black on {COLOURS.get(cycle, 'white')}")
        text.append(" ")
    return text
