"""One session's counted answers, grouped by cycle (personal answers never shown)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from vcf_tui.analysis.tally import counts
from vcf_tui.cycles import CYCLES, cycle_label, cycle_order
from vcf_tui.export.rows import show_value
from vcf_tui.text import one_line


class SessionDetail(Screen[None]):
    """One session's answers, grouped by cycle."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def __init__(self, session: dict[str, Any], answers: list[dict[str, Any]]) -> None:
        super().__init__()
        self.session = session
        self.answers = answers

    def compose(self) -> ComposeResult:
        s = self.session
        yield Static(
            one_line(
                f"{s.get('respondent') or s['session_id'][:8]}  {s.get('instrument_id')}  "
                f"{s.get('status')}  interviewer: {s.get('interviewer') or '-'}  "
                f"wave: {s.get('wave') or '-'}"
            ),
            id="title",
            markup=False,
        )
        by_cycle: dict[str, list[str]] = {}
        for answer in self.answers:
            if not counts(answer):  # skipped, hidden or personal
                continue
            shown = " ".join(show_value(answer["value"]).split())
            for cycle in answer.get("cycles") or ():
                by_cycle.setdefault(cycle, []).append(one_line(f"  {answer['question_id']}: {shown}"))
        lines = Text()
        for cycle in cycle_order([c for c in by_cycle if c in CYCLES]):
            lines.append(cycle_label(cycle, s.get("framework")) + "\n", style="bold")
            lines.append("\n".join(by_cycle[cycle]) + "\n\n")
        with VerticalScroll():
            yield Static(lines if lines.plain else "No answers yet.", markup=False)
        yield Footer()
