"""The value-creation matrix screen: stories by cycles, indicators below, and each story's coverage."""

from __future__ import annotations

import time
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from vcf_tui.analysis.coverage import StoryCoverage, story_coverage
from vcf_tui.analysis.live_tally import LiveTally
from vcf_tui.analysis.matrix import IndicatorRow, Matrix, StoryRow, cell_text, matrix
from vcf_tui.project.model import Project
from vcf_tui.store.datafile import Tables
from vcf_tui.text import one_line, printable
from vcf_tui.tui.widgets.badges import cycle_name

STORY_ROWS = 100  # the latest stories; the matrix export has them all
SLOWER = 4  # redraw at most once per this many times the last redraw took (keeps keys answering on big files)


def of_instrument(tables: Tables, instrument: str | None) -> Tables:
    """The records with only the sessions of ``instrument`` (all of them for None)."""
    if instrument is None:
        return tables
    sessions = {k: s for k, s in tables["sessions"].items() if s.get("instrument_id") == instrument}
    return {**tables, "sessions": sessions}


def _story_label(row: StoryRow) -> Text:
    """Whose story, in which wave, which of the section's stories, told or fixed, and its review status."""
    lines = (row.respondent or row.session_id[:8], f"wave: {row.wave or '-'}", f"{row.section} {row.number}")
    label = Text("\n").join(Text(one_line(line)) for line in lines)
    label.append(f" {row.kind}", style="dim")
    if row.review:
        label.append(one_line(f"\n{row.review.get('status')}"), style="italic")
    return label


def story_table(found: Matrix) -> Table:
    """The stories by cycles, each labelled with its respondent and its session's wave."""
    shown = found.stories[-STORY_ROWS:]
    more = (
        f"; the latest {len(shown)} of {len(found.stories)}, all in export --format matrix"
        if len(found.stories) > len(shown)
        else ""
    )
    grid = Table(
        title=f"Stories by cycles (K. = the order told{more})", title_justify="left", expand=True, show_lines=True
    )
    grid.add_column("story", no_wrap=True)
    for cycle in found.cycles:
        grid.add_column(cycle_name(cycle), ratio=1)
    for row in shown:
        grid.add_row(_story_label(row), *(Text(printable(cell_text(row.cells.get(c, [])))) for c in found.cycles))
    if not found.stories:
        grid.add_row(Text("no stories yet"))
    return grid


def _choices(row: IndicatorRow) -> str:
    return ", ".join(f"{name} {n}" for name, n in row.choices.items()) or "-"


def _observations(row: IndicatorRow) -> str:
    return "; ".join(f"{o['period'] or '-'}: {o['value']}" for o in row.observations) or "-"


def indicator_table(found: Matrix) -> Table:
    grid = Table(title="Indicators", title_justify="left", expand=True)
    for name in ("indicator", "cycle", "answers", "scale mean %", "choices", "observations"):
        grid.add_column(name)
    for row in found.indicators:
        name = row.indicator + (f": {row.text}" if row.text else "")
        mean = "-" if row.scale_mean_pct is None else f"{row.scale_mean_pct:.0f} (n {row.scale_n})"
        grid.add_row(
            Text(printable(name)),
            cycle_name(row.cycle) if row.cycle else Text("-"),
            str(row.answers),
            mean,
            Text(printable(_choices(row))),
            Text(printable(_observations(row))),
        )
    if not found.indicators:
        grid.add_row(Text("no indicators yet"))
    return grid


def coverage_list(coverage: list[StoryCoverage]) -> Table:
    grid = Table(title="Story coverage: cycles each story touches (not a rank)", title_justify="left", expand=True)
    for name in ("story", "touches", "started in", "told path", "loops back into"):
        grid.add_column(name)
    for story in coverage[-STORY_ROWS:]:
        cells = (
            f"{story.respondent or story.session_id[:8]} {story.section} {story.number}",
            ", ".join(story.touches),
            story.started,
            ", ".join(story.path),
            ", ".join(story.looped_into) or "-",
        )
        grid.add_row(*(Text(one_line(cell)) for cell in cells))
    return grid


class MatrixScreen(Screen[None]):
    """The matrix of the followed records; ``refresh_matrix`` redraws it from the app's live tally."""

    BINDINGS = [Binding("escape,m,q", "app.pop_screen", "Back"), Binding("i", "next_instrument", "Instrument")]

    def __init__(self, live: LiveTally, instrument: str | None, project: Project | None) -> None:
        super().__init__()
        self.live = live
        self.instrument = instrument
        self.project = project
        self._next_at = 0.0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            one_line(f"Value-creation matrix  instrument: {self.instrument or 'all'}"), id="title", markup=False
        )
        with ScrollableContainer(id="matrix-scroll"):
            yield Static("", id="matrix")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_matrix()

    def action_next_instrument(self) -> None:
        """The dashboard's next instrument filter, for the matrix too."""
        self.app.action_next_instrument()  # type: ignore[attr-defined]
        self.instrument = self.app.instrument  # type: ignore[attr-defined]
        self.query_one("#title", Static).update(
            one_line(f"Value-creation matrix  instrument: {self.instrument or 'all'}")
        )
        self._draw()

    def refresh_matrix(self) -> None:
        """Redraw now, or once the last redraw's time has passed SLOWER times over."""
        wait = self._next_at - time.monotonic()
        if wait <= 0:
            self._draw()
        elif self._timer is None:
            self._timer = self.set_timer(wait, self._draw)

    def _draw(self) -> None:
        self._timer = None
        started = time.monotonic()
        tables = of_instrument(self.live.tables, self.instrument)
        found = matrix(tables, self.project)
        parts: list[Any] = [
            story_table(found),
            Text(""),
            indicator_table(found),
            Text(""),
            coverage_list(story_coverage(tables, self.instrument)),
        ]
        self.query_one("#matrix", Static).update(Group(*parts))
        self._next_at = time.monotonic() + SLOWER * (time.monotonic() - started)
