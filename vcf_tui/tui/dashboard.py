"""`vcf-tui dashboard`: live per-cycle figures of files other vcf-tui processes are writing."""

from __future__ import annotations

import gc
import threading
from collections import Counter
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from vcf_tui.analysis.live_tally import LiveTally
from vcf_tui.analysis.tally import counts
from vcf_tui.cycles import CYCLES, cycle_label, cycle_order
from vcf_tui.export.rows import show_value
from vcf_tui.store import StoreError
from vcf_tui.store.follow import Follower
from vcf_tui.text import one_line
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
        yield Static(one_line(f"{s.get('respondent') or s['session_id'][:8]}  {s.get('instrument_id')}  "
                              f"{s.get('status')}  interviewer: {s.get('interviewer') or '-'}  "
                              f"wave: {s.get('wave') or '-'}"), id="title", markup=False)
        by_cycle: dict[str, list[str]] = {}
        for answer in self.answers:
            if not counts(answer):
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


class NewRecords(Message):
    """What the followers read: new journal records, or whole files read again (``tables`` set)."""

    def __init__(self, puts: list[tuple[str, dict[str, Any]]], tables: list[Any] | None = None,
                 errors: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.puts = puts
        self.tables = tables
        self.errors = errors


class DashboardApp(App[None]):
    """One long-lived worker follows the files and posts ``NewRecords``; only changed sessions are recomputed.

    The worker alone reads the files and moves each follower's journal offset, so no line is read
    twice or skipped; the UI thread alone changes the tally.
    """

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
        self._stop = threading.Event()

    def compose(self) -> ComposeResult:
        yield Static("", id="title", markup=False)
        with Horizontal(id="figures"):
            yield Static("", id="cycles")
            yield Static("", id="people", markup=False)
        yield Static("", id="reach", markup=False)
        yield Static("", id="activity", markup=False)
        with Vertical():
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("respondent", "instrument", "interviewer", "wave", "status", "answers", "updated")
        gc.freeze()
        self.redraw(full=True)
        self.follow()

    def on_unmount(self) -> None:
        self._stop.set()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def follow(self) -> None:
        """The one reader of the files: poll each follower in turn and post what changed, until the app ends."""
        reported: set[str] = set()
        while not self._stop.wait(self.poll_seconds):
            puts: list[tuple[str, dict[str, Any]]] = []
            reload = False
            errors: list[str] = []
            for follower in self.followers:
                try:
                    kind, new = follower.poll()
                except StoreError as error:
                    errors += [str(error)] if str(error) not in reported else []
                    reported.add(str(error))
                    continue
                reload = reload or kind == "reload"
                puts += new
            if reload:
                self.post_message(NewRecords([], [f.state.tables for f in self.followers], tuple(errors)))
            elif puts or errors:
                self.post_message(NewRecords(puts, None, tuple(errors)))

    def on_new_records(self, message: NewRecords) -> None:
        for error in message.errors:
            self.notify(one_line(error), severity="error", markup=False)
        if message.tables is not None:
            self.live.load(message.tables)
            gc.freeze()  # the records live as long as the app: keep the GC from walking them on every pass
            self.redraw(full=True)
        elif message.puts:
            self.live.apply(message.puts)
            self.redraw()

    def redraw(self, full: bool = False) -> None:
        result = self.live.result(self.instrument)
        counts = result["sessions"]
        files = ", ".join(str(f.path) for f in self.followers)
        self.query_one("#title", Static).update(one_line(
            f"vcf-tui dashboard  {files}  instrument: {self.instrument or 'all'}  "
            f"sessions {counts['total']}: {counts['complete']} complete, {counts['in_progress']} in progress, "
            f"{counts['abandoned']} abandoned"))
        self.query_one("#cycles", Static).update(cycle_table(result))
        sessions = self._sessions()
        by_interviewer = Counter(s.get("interviewer") or "-" for s in sessions)
        people = ["By interviewer:"] + [one_line(f"  {name}: {n}") for name, n in by_interviewer.most_common(8)]
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

    def _row(self, s: dict[str, Any]) -> tuple[Text, ...]:
        cells = (s.get("respondent") or s["session_id"][:8], s.get("instrument_id"), s.get("interviewer"),
                 s.get("wave"), s.get("status"), self.live.answer_count(s["session_id"]),
                 str(s.get("updated_at") or "")[:16].replace("T", " "))
        return tuple(Text(one_line("" if cell is None else cell)) for cell in cells)

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
                table.sort(table.ordered_columns[-1].key, key=lambda cell: cell.plain, reverse=True)

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
