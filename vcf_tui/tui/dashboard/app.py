"""The dashboard app: one long-lived worker follows the files; the UI thread alone changes the tally."""

from __future__ import annotations

import gc
import threading
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from vcf_tui.analysis.live_tally import LiveTally
from vcf_tui.analysis.personal import personal_answer_ids
from vcf_tui.project.model import Project
from vcf_tui.store import StoreError
from vcf_tui.store.follow import Follower
from vcf_tui.text import one_line
from vcf_tui.tui.dashboard.figures import BAR, coverage_table, cycle_table, people
from vcf_tui.tui.dashboard.matrix_view import MatrixScreen
from vcf_tui.tui.dashboard.session_detail import SessionDetail

WIDE = 110  # narrower terminals get the cycle table without its bars
SESSION_ROWS = 200  # the most recently updated sessions; the figures above count them all


class NewRecords(Message):
    """What the followers read: new journal records, or whole files read again (``tables`` set).

    ``warnings`` (with ``tables``) are the records the reader left out; ``errors`` are files it cannot read.
    """

    def __init__(
        self,
        puts: list[tuple[str, dict[str, Any]]],
        tables: list[Any] | None = None,
        errors: tuple[str, ...] = (),
        warnings: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.puts = puts
        self.tables = tables
        self.errors = errors
        self.warnings = warnings


def reader_warnings(followers: list[Follower]) -> tuple[str, ...]:
    return tuple(w for f in followers for w in f.state.warnings)


class DashboardApp(App[None]):
    """One long-lived worker follows the files and posts ``NewRecords``; only changed sessions are recomputed.

    The worker alone reads the files and moves each follower's journal offset, so no line is read
    twice or skipped; the UI thread alone changes the tally.
    """

    CSS = """
    #title { text-style: bold; background: $panel; padding: 0 1; }
    #figures { height: auto; }
    #cycles { width: 3fr; padding: 0 1; }
    #people { width: 1fr; max-width: 24; padding: 0 1; }
    #coverage, #activity { padding: 0 1; color: $text-muted; }
    #warnings { padding: 0 1; color: $warning; height: auto; }
    #warnings.-none { display: none; }
    DataTable { height: 1fr; }
    #matrix-scroll { height: 1fr; }
    #matrix { width: auto; min-width: 100%; }
    """
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("i", "next_instrument", "Instrument"),
        Binding("m", "matrix", "Matrix"),
        Binding("enter", "details", "Session answers", show=True),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, paths: list[str], poll_seconds: float = 0.5, project: Project | None = None) -> None:
        super().__init__()
        self.followers = [Follower(path) for path in paths]
        self.live = LiveTally([f.state.tables for f in self.followers])
        self.warnings = reader_warnings(self.followers)
        self.project = project
        self.poll_seconds = poll_seconds
        self.instrument: str | None = None
        self._stop = threading.Event()

    def compose(self) -> ComposeResult:
        yield Static("", id="title", markup=False)
        yield Static("", id="warnings", markup=False)
        with Horizontal(id="figures"):
            yield Static("", id="cycles")
            yield Static("", id="people", markup=False)
        yield Static("", id="coverage")
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

    def on_resize(self) -> None:
        self.redraw()

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
                except (StoreError, OSError) as error:  # reported on the screen; the worker goes on
                    errors += [str(error)] if str(error) not in reported else []
                    reported.add(str(error))
                    continue
                reload = reload or kind == "reload"
                puts += new
            if reload:
                tables = [f.state.tables for f in self.followers]
                self.post_message(NewRecords([], tables, tuple(errors), reader_warnings(self.followers)))
            elif puts or errors:
                self.post_message(NewRecords(puts, None, tuple(errors)))

    def on_new_records(self, message: NewRecords) -> None:
        for error in message.errors:
            self.notify(one_line(error), severity="error", markup=False)
        if message.tables is not None:
            self.warnings = message.warnings
            self.live.load(message.tables)
            gc.freeze()  # the records live as long as the app: keep the GC from walking them on every pass
            self.redraw(full=True)
        elif message.puts:
            self.live.apply(message.puts)
            self.redraw()
        if isinstance(self.screen, MatrixScreen):
            self.screen.refresh_matrix()

    def redraw(self, full: bool = False) -> None:
        result = self.live.result(self.instrument)
        counts = result["sessions"]
        files = ", ".join(str(f.path) for f in self.followers)
        project = f"project: {self.project.title}  " if self.project else ""
        self.query_one("#title", Static).update(
            one_line(
                f"vcf-tui dashboard  {files}  {project}instrument: {self.instrument or 'all'}  "
                f"sessions {counts['total']}: {counts['complete']} complete, {counts['in_progress']} in progress, "
                f"{counts['abandoned']} abandoned"
            )
        )
        self._show_warnings()
        self.query_one("#cycles", Static).update(cycle_table(result, BAR if self.size.width >= WIDE else 0))
        sessions = self._sessions()
        self.query_one("#people", Static).update(people(sessions, self.project.wave_ids if self.project else []))
        self.query_one("#coverage", Static).update(coverage_table(result))
        per_day = self.live.answers_per_day(self.instrument)
        days = sorted(d for d in per_day if d)[-7:]
        self.query_one("#activity", Static).update(
            one_line("Answers per day: " + ("  ".join(f"{d[5:]} {per_day[d]}" for d in days) or "-"))
        )
        if full:
            self._fill_sessions(sessions)
        else:
            self._update_sessions(self.live.changed)
        self.live.changed.clear()

    def _show_warnings(self) -> None:
        """A status line: how many records the reader left out, and the first reason."""
        line = self.query_one("#warnings", Static)
        line.set_class(not self.warnings, "-none")
        if self.warnings:
            more = f" (and {len(self.warnings) - 1} more)" if len(self.warnings) > 1 else ""
            line.update(Text(one_line(f"! {len(self.warnings)} left out: {self.warnings[0]}{more}")))

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
        cells = (
            s.get("respondent") or s["session_id"][:8],
            s.get("instrument_id"),
            s.get("interviewer"),
            s.get("wave"),
            s.get("status"),
            self.live.answer_count(s["session_id"]),
            str(s.get("updated_at") or "")[:16].replace("T", " "),
        )
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
        ids = sorted({str(s.get("instrument_id")) for s in self.live.tables["sessions"].values()})
        options: list[str | None] = [None, *ids]
        self.instrument = options[(options.index(self.instrument) + 1) % len(options)]
        self.redraw(full=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The sessions table's keys only where it is shown."""
        return not (action in ("details", "matrix", "next_instrument") and self.screen is not self.screen_stack[0])

    def action_matrix(self) -> None:
        self.push_screen(MatrixScreen(self.live, self.instrument, self.project))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.row_key.value)

    def action_details(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            self._open(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _open(self, key: str | None) -> None:
        session = self.live.tables["sessions"].get(key or "")
        if session:
            self.push_screen(SessionDetail(session, self._shown_answers(session)))

    def _shown_answers(self, session: dict[str, Any]) -> list[dict[str, Any]]:
        """A session's answers less the personal ones (older records are judged by their instrument)."""
        answers = self.live.answers_of(session["session_id"])
        one_session = {
            "sessions": {session["session_id"]: session},
            "answers": {str(a.get("answer_id")): a for a in answers},
            "instruments": self.live.tables.get("instruments", {}),
        }
        personal = personal_answer_ids(one_session)
        return [a for a in answers if str(a.get("answer_id")) not in personal]
