"""The home screen: pick an instrument and a mode, or resume an unfinished session."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from vcf_tui.instrument import Instrument
from vcf_tui.project import Wave
from vcf_tui.text import one_line
from vcf_tui.tui.widgets.choices import ChoiceField


@dataclass(frozen=True)
class StartRequest:
    """What the home screen asks the app to do."""

    instrument: Instrument
    mode: str
    interviewer: str | None = None
    respondent: str | None = None
    wave: str | None = None
    resume: str | None = None


class HomeScreen(Screen[None]):
    """Posts ``Start`` with what was picked and typed, or ``Dashboard``."""

    class Start(Message):
        """Start (or resume) the session described by ``request``."""

        def __init__(self, request: StartRequest) -> None:
            super().__init__()
            self.request = request

    class Dashboard(Message):
        """Leave, to open the dashboard on this data file."""

    DEFAULT_CSS = """
    HomeScreen {
        #title { width: 1fr; text-style: bold; padding: 0 1; }
        #home { height: 1fr; }
        #pick { width: 3fr; padding: 0 1; }
        #who { width: 2fr; padding: 0 1; }
        #instruments { height: 1fr; }
        #resume { height: auto; max-height: 10; padding: 0 1; }
        #unfinished { height: auto; max-height: 8; }
        .hint { color: $text-muted; }
        .problem { color: $error; }
    }
    """
    BINDINGS = [
        Binding("ctrl+n", "start", "Start session"),
        Binding("ctrl+r", "focus_resume", "Resume"),
        Binding("ctrl+t", "toggle_mode", "Mode"),
        Binding("ctrl+d", "dashboard", "Dashboard"),
        Binding("ctrl+q", "app.leave", "Quit"),
    ]

    def __init__(
        self,
        instruments: list[Instrument],
        unfinished: list[dict],
        data_path: str,
        problems: list[str],
        interviewer: str | None = None,
        waves: tuple[Wave, ...] = (),
    ) -> None:
        """``interviewer``: the name remembered from the last run; ``waves``: the project's, offered as choices."""
        super().__init__()
        self.instruments = instruments
        self.unfinished = unfinished
        self.data_path = data_path
        self.problems = problems
        self.interviewer = interviewer
        self.waves = waves

    def compose(self) -> ComposeResult:
        yield Static(one_line(f"vcf-tui   data file: {self.data_path}"), id="title", markup=False)
        with Horizontal(id="home"):  # the form reads (and tabs) left to right, top to bottom
            with Vertical(id="pick"):
                yield Label("Instrument (Enter starts)")
                yield OptionList(
                    *[Option(self._describe(i), id=str(n)) for n, i in enumerate(self.instruments)], id="instruments"
                )
            with Vertical(id="who"):
                yield Label("Mode")
                yield ChoiceField(
                    [("interview", "Interview"), ("self", "Self-completion")], chosen=["interview"], id="mode"
                )
                yield Label("Interviewer")
                yield Input(self.interviewer or "", placeholder="your name (kept for next time)", id="interviewer")
                yield Label("Wave")
                if self.waves:
                    yield Select(
                        [(Text(one_line(f"{w.label} ({w.id})")), w.id) for w in self.waves],
                        prompt="(no wave)",
                        id="wave",
                    )
                else:
                    yield Input(placeholder="e.g. baseline, 12-months", id="wave")
                yield Label("Respondent id (Enter starts)")
                yield Input(placeholder="e.g. P07 (not a name)", id="respondent")
                for problem in self.problems:
                    yield Static(one_line(f"! {problem}"), classes="problem", markup=False)
        with Vertical(id="resume"):
            yield Label("Unfinished sessions (Enter resumes)")
            sessions = [Option(self._describe_session(s), id=s["session_id"]) for s in self.unfinished]
            yield OptionList(*sessions, id="unfinished")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#resume").display = bool(self.unfinished)
        self.query_one("#instruments", OptionList).focus()

    def show_unfinished(self, sessions: list[dict]) -> None:
        """The unfinished sessions, once a big data file has been read (the screen shows before that)."""
        self.unfinished = sessions
        try:
            listed = self.query_one("#unfinished", OptionList)
            resume = self.query_one("#resume")
        except NoMatches:  # left already (a session started): the next home screen lists them
            return
        listed.clear_options()
        listed.add_options([Option(self._describe_session(s), id=s["session_id"]) for s in sessions])
        resume.display = bool(sessions)

    @on(Input.Submitted, "#interviewer")
    def _to_wave(self) -> None:
        self.query_one("#wave").focus()

    @on(Input.Submitted, "#wave")
    def _to_respondent(self) -> None:
        self.query_one("#respondent").focus()

    @on(Input.Submitted, "#respondent")
    def _submitted_last(self) -> None:
        self.action_start()

    @staticmethod
    def _describe(instrument: Instrument) -> Text:
        about = (
            f"{instrument.id} v{instrument.version}, {instrument.framework}, {instrument.question_count()} questions"
        )
        return Text(f"{one_line(instrument.title)}\n  {one_line(about)}")

    @staticmethod
    def _describe_session(session: dict) -> Text:
        who = session.get("respondent") or "no respondent id"
        return Text(
            one_line(
                f"{session['instrument_id']}: {who}, {session.get('mode')}, "
                f"started {str(session.get('started_at') or '')[:16].replace('T', ' ')} "
                f"({str(session['session_id'])[:8]})"
            )
        )

    def _value(self, selector: str) -> str | None:
        field = self.query_one(selector)
        if isinstance(field, Select):
            return None if field.value is Select.BLANK else str(field.value)
        assert isinstance(field, Input)
        return field.value.strip() or None

    @on(OptionList.OptionSelected, "#instruments")
    def action_start(self) -> None:
        index = self.query_one("#instruments", OptionList).highlighted
        if index is None:
            return
        mode = self.query_one("#mode", ChoiceField).value or "interview"
        self.post_message(
            self.Start(
                StartRequest(
                    self.instruments[index],
                    mode,
                    self._value("#interviewer"),
                    self._value("#respondent"),
                    self._value("#wave"),
                )
            )
        )

    @on(OptionList.OptionSelected, "#unfinished")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        session = next(s for s in self.unfinished if s["session_id"] == event.option.id)
        instrument = next((i for i in self.instruments if i.id == session["instrument_id"]), None)
        if instrument is None:
            self.notify(
                one_line(f"Instrument {session['instrument_id']} is not available here."),
                severity="error",
                markup=False,
            )
            return
        self.post_message(
            self.Start(StartRequest(instrument, session.get("mode") or "interview", resume=session["session_id"]))
        )

    def action_focus_resume(self) -> None:
        if self.unfinished:
            self.query_one("#unfinished", OptionList).focus()

    def action_dashboard(self) -> None:
        self.post_message(self.Dashboard())

    def action_toggle_mode(self) -> None:
        field = self.query_one("#mode", ChoiceField)
        field.pick(1 if field.value == "interview" else 0)
