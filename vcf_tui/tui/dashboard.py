"""`vcf-tui dashboard`: live per-cycle figures of files other vcf-tui processes are writing."""

from __future__ import annotations

import gc
from collections import Counter
from typing import Any

from rich.markup import escape
from rich.table import Table
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from vcf_tui.analysis.live_tally import LiveTally
from vcf_tui.analysis.tally import counts
from vcf_tui.cycles import CYCLES, cycle_label, cycle_order
from vcf_tui.export.rows import show_value
from vcf_tui.store import StoreError
from vcf_tui.store.follow import Follower
from vcf_tui.tui.widgets.badges import cycle_name

BAR = 20
SESSION_ROWS = 200  # the most recently updated sessions; the figures above count them all
REACH = ("immediate", "potential", "applied", "realised")


def bar(fraction: float, width: int = BAR) -> str:
    filled = max(0, min(width, round(fraction * width)))
    return "█" * filled + "·" * (width - filled)


def cycle_table(result: dict[str, Any]) -> Table:
    """Answers per cycle as bars (scaled to the busiest cycle) and the scale mean out of 100%."""
    grid = Table(box=None, padding=(0, 1), expand=True)
    for name, justify in (("cycle", "left"), ("answers", "left"), ("n", "right"), ("scale mean", "left"),
                          ("%", "right"), ("stories", "right")):
        grid.add_column(name, justify=justify)
    most = max((row["answers"] for row in result["cycles"]), default=0) or 1
    for row in result["cycles"]:
        mean = row["scale_mean_pct"]
        grid.add_row(cycle_name(row["cycle"]), bar(row["answers"] / most),
                     str(row["answers"]), bar((mean or 0) / 100, 10), "-" if mean is None else f"{mean:.0f}",
                     str(row["stories"]))
    return grid


def story_reach(live: LiveTally, instrument: str | None) -> str:
    """How many stories reach each cycle of the value flow, and beyond it."""
    reached = live.stories_by_cycle(instrument)
    beyond = set().union(*(v for k, v in reached.items() if k not in REACH))
    steps = [f"{cycle} {len(reached.get(cycle, ()))}" for cycle in REACH] + [f"beyond {len(beyond)}"]
    return "Stories reach: " + " -> ".join(steps)


class SessionDetail(Screen[None]):
    """One session's answers, grouped by cycle."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back")]

    def __init__(self, session: dict[str, Any], answers: list[dict[str, Any]]) -> None:
        super().__init__()
        self.session = session
        self.answers = answers

    def compose(self) -> ComposeResult:
        s = self.session
        yield Static(f"{s.get('respondent') or s['session_id'][:8]}  {s.get('instrument_id')}  {s.get('status')}  "
                     f"interviewer: {s.get('interviewer') or '-'}  wave: {s.get('wave') or '-'}", id="title",
                     markup=False)
        by_cycle: dict[str, list[str]] = {}
        for answer in self.answers:
            if not counts(answer):
                continue
            shown = " ".join(show_value(answer["value"]).split())
            for cycle in answer.get("cycles") or ():
                by_cycle.setdefault(cycle, []).append(escape(f"  {answer['question_id']}: {shown}"))
        lines: list[str] = []
        for cycle in cycle_order([c for c in by_cycle if c in CYCLES]):
            lines += [f"[bold]{escape(cycle_label(cycle, s.get('framework')))}[/]", *by_cycle[cycle], ""]
        with VerticalScroll():
            yield Static("\n".join(lines) or "No answers yet.", markup=True)
        yield Footer()


class DashboardApp(App[None]):
    """Polls the files twice a second; only new journal lines are read and only changed sessions recomputed."""

    CSS = """
    #title { text-style: bold; background: $panel; padding: 0 1; }
    #figures { height: auto; }
    #cycles { width: 3fr; padding: 0 1; }
    #people { width: 1fr; padding: 0 1; }
    #reach, #activity { padding: 0 1; color: $text-muted; }
    DataTable { height: 1fr; }
    """
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("i", "next_instrument", "Instrument"),
        Binding("enter", "details", "Session answers", show=True),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, paths: list[str], poll_seconds: float = 0.5) -> None:
        super().__init__()
        self.followers = [Follower(path) for path in paths]
        self.live = LiveTally([f.state.tables for f in self.followers])
        self.poll_seconds = poll_seconds
        self.instrument: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="title", markup=False)
        with Horizontal(id="figures"):
            yield Static("", id="cycles")
            yield Static("", id="people")
        yield Static("", id="reach")
        yield Static("", id="activity")
        with Vertical():
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("respondent", "instrument", "interviewer", "wave", "status", "answers", "updated")
        gc.freeze()
        self.redraw(full=True)
        self.set_interval(self.poll_seconds, self.poll)

    @work(thread=True, exclusive=True)
    def poll(self) -> None:
        """Read what the writers added (in a thread), then redraw on the UI thread."""
        changed = False
        reload = False
        for follower in self.followers:
            try:
                kind, puts = follower.poll()
            except StoreError as error:
                self.call_from_thread(self.notify, str(error), severity="error")
                continue
            if kind == "reload":
                reload = True
            elif kind == "puts":
                self.call_from_thread(self.live.apply, puts)
                changed = True
        if reload:
            self.call_from_thread(self._reload)
        elif changed:
            self.call_from_thread(self.redraw)

    def _reload(self) -> None:
        self.live.load([f.state.tables for f in self.followers])
        gc.freeze()  # the records live as long as the app: keep the GC from walking them on every pass
        self.redraw(full=True)

    def redraw(self, full: bool = False) -> None:
        result = self.live.result(self.instrument)
        counts = result["sessions"]
        files = ", ".join(str(f.path) for f in self.followers)
        self.query_one("#title", Static).update(
            f"vcf-tui dashboard  {files}  instrument: {self.instrument or 'all'}  "
            f"sessions {counts['total']}: {counts['complete']} complete, {counts['in_progress']} in progress, "
            f"{counts['abandoned']} abandoned")
        self.query_one("#cycles", Static).update(cycle_table(result))
        sessions = self._sessions()
        by_interviewer = Counter(s.get("interviewer") or "-" for s in sessions)
        people = ["By interviewer:"] + [f"  {name}: {n}" for name, n in by_interviewer.most_common(8)]
        self.query_one("#people", Static).update("\n".join(people))
        self.query_one("#reach", Static).update(story_reach(self.live, self.instrument))
        per_day = self.live.answers_per_day(self.instrument)
        days = sorted(d for d in per_day if d)[-7:]
        self.query_one("#activity", Static).update(
            "Answers per day: " + ("  ".join(f"{d[5:]} {per_day[d]}" for d in days) or "-"))
        if full:
            self._fill_sessions(sessions)
        else:
            self._update_sessions(self.live.changed)
        self.live.changed.clear()

    def _sessions(self) -> list[dict[str, Any]]:
        return [s for s in self.live.tables["sessions"].values() if self.instrument in (None, s.get("instrument_id"))]

    def _fill_sessions(self, sessions: list[dict[str, Any]]) -> None:
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        latest = sorted(sessions, key=lambda s: s.get("updated_at") or "", reverse=True)[:SESSION_ROWS]
        for s in latest:
            table.add_row(*self._row(s), key=s["session_id"])
        if latest:
            table.move_cursor(row=min(cursor, len(latest) - 1))

    def _row(self, s: dict[str, Any]) -> tuple[Any, ...]:
        return (s.get("respondent") or s["session_id"][:8], s.get("instrument_id"), s.get("interviewer"),
                s.get("wave"), s.get("status"), self.live.answer_count(s["session_id"]),
                (s.get("updated_at") or "")[:16].replace("T", " "))

    def _update_sessions(self, changed: set[str]) -> None:
        """Rewrite only the rows of sessions that changed; new sessions go on top."""
        table = self.query_one(DataTable)
        sessions = self.live.tables["sessions"]
        for session_id in changed:
            session = sessions.get(session_id)
            if session is None or self.instrument not in (None, session.get("instrument_id")):
                continue
            if session_id in table.rows:
                for column, value in zip(table.columns, self._row(session), strict=True):
                    table.update_cell(session_id, column, value)
            else:
                table.add_row(*self._row(session), key=session_id)
                table.sort(table.ordered_columns[-1].key, reverse=True)

    def action_next_instrument(self) -> None:
        ids = sorted({s.get("instrument_id") for s in self.live.tables["sessions"].values()})
        options: list[str | None] = [None, *ids]
        self.instrument = options[(options.index(self.instrument) + 1) % len(options)]
        self.redraw(full=True)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.row_key.value)

    def action_details(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            self._open(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _open(self, key: str | None) -> None:
        session = self.live.tables["sessions"].get(key or "")
        if session:
            self.push_screen(SessionDetail(session, self.live.answers_of(session["session_id"])))
