"""The Textual app: a thin shell that opens screens over the core.

The session flow goes up as messages (``HomeScreen.Start``, ``SessionScreen.Finished``,
``SessionScreen.Leave``, ``EndScreen.Chosen``) that the app handles here; screens get what they need
(the recorder, the live tally) when they are built, and call the app only for dialogs and the bell.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

from rich.text import Text
from textual.binding import Binding

from vcf_tui import session_setup as setup
from vcf_tui.analysis.live_tally import LiveTally
from vcf_tui.instrument import Instrument, find_instruments
from vcf_tui.project import Wave
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, StoreError
from vcf_tui.store.reading import paused_gc
from vcf_tui.text import one_line
from vcf_tui.tui.key_gate import KeyGateApp
from vcf_tui.tui.pin import PinGuard
from vcf_tui.tui.screens.dialogs import AskWho, ConfirmLeave, PinCheck, PinSetup
from vcf_tui.tui.screens.end import EndScreen
from vcf_tui.tui.screens.home import HomeScreen, StartRequest
from vcf_tui.tui.screens.session import SessionScreen
from vcf_tui.tui.settings import remember_interviewer, remembered_interviewer


@dataclass
class RunOptions:
    """What `vcf-tui run` was asked for; with no instrument the home screen opens."""

    instrument: Instrument | None = None
    mode: str = "interview"
    interviewer: str | None = None
    respondent: str | None = None
    wave: str | None = None
    resume: str | None = None
    lock: bool = False
    waves: tuple[Wave, ...] = ()  # the project's waves, offered as choices on the home screen


class VcfApp(KeyGateApp[str | None]):
    TITLE = "vcf-tui"
    ENABLE_COMMAND_PALETTE = False
    # replaces Textual's own ctrl+q (quit at once); screens bind it too, to show what it means there
    BINDINGS = [Binding("ctrl+q", "leave", "Leave", show=False)]

    def __init__(self, store: DataFile, options: RunOptions) -> None:
        super().__init__()
        self.store = store
        self.options = options
        self.pin: PinGuard | None = None
        self.request: StartRequest | None = None
        self.recorder: Recorder | None = None
        self._live: LiveTally | None = None
        self._saved_while_building: list[tuple[str, dict]] | None = None
        self._background: list[threading.Thread] = []

    def on_mount(self) -> None:
        if self.options.instrument is None:
            self.show_home()
            return
        self.request = StartRequest(
            self.options.instrument,
            self.options.mode,
            self.options.interviewer,
            self.options.respondent,
            self.options.wave,
            self.options.resume,
        )
        if self.options.lock:
            self.push_screen(PinSetup(), self._pin_set)
        else:
            self.start_session()

    def _pin_set(self, digest: str | None) -> None:
        self.pin = PinGuard(digest) if digest else None
        self.start_session()

    # -- home ------------------------------------------------------------
    def show_home(self) -> None:
        entries = find_instruments()
        instruments = [e.instrument for e in entries if e.instrument is not None]
        problems = [warning for e in entries if (warning := e.warning())]
        home = HomeScreen(
            instruments,
            setup.unfinished_sessions(self.store) if self.store.loaded else [],
            str(self.store.path),
            problems,
            remembered_interviewer(),
            self.options.waves,
        )
        self.push_screen(home)
        if not self.store.loaded:  # a big file: its unfinished sessions are listed once read, in a thread
            self.in_background(lambda: self._list_unfinished(home))

    def _list_unfinished(self, home: HomeScreen) -> None:
        try:
            self.store.tables  # noqa: B018 - read here, not on the interface's thread
        except StoreError as error:
            self.call_from_thread(self._cannot_write, error)
            return
        self.call_from_thread(lambda: home.show_unfinished(setup.unfinished_sessions(self.store)))

    def on_home_screen_start(self, message: HomeScreen.Start) -> None:
        self.pop_screen()
        self.request = message.request
        self.start_session()

    def on_home_screen_dashboard(self, message: HomeScreen.Dashboard) -> None:
        self.exit("dashboard")

    # -- sessions --------------------------------------------------------
    def start_session(self, fresh: bool = False) -> None:
        """Start (or resume) ``self.request``; ``fresh``: a new session for the next respondent."""
        assert self.request is not None
        if fresh:
            self.request = replace(self.request, respondent=None, resume=None)
        missing = self._missing(self.request)
        if missing:
            self.push_screen(AskWho(missing), self._told_who)
            return
        request = self.request
        try:
            recorder = setup.begin(
                self.store,
                request.instrument,
                request.mode,
                request.resume,
                interviewer=request.interviewer,
                respondent=request.respondent,
                wave=request.wave,
            )
        except setup.SetupError as error:
            if self.options.instrument is None:  # from the home screen: say so and go back there
                self.notify(one_line(error), severity="error", markup=False)
                self.show_home()
            else:  # from the command line: nothing to go back to, so stop with the error
                self.exit(return_code=1, message=Text(f"vcf-tui: {one_line(error)}"))
            return
        if request.mode == "interview" and not remember_interviewer(request.interviewer):
            self.notify("Could not keep the interviewer's name for next time.", severity="warning")
        self.recorder = recorder
        self.push_screen(SessionScreen(recorder, self.live_tally))

    @staticmethod
    def _missing(request: StartRequest) -> list[tuple[str, str, str]]:
        """What an interview should not start without: (field, label, suggestion) for each one not given.

        Self mode asks nothing: a kiosk session is anonymous unless ``--respondent`` names it, and the
        participant should never be shown an interviewer's form.
        """
        if request.mode != "interview" or request.resume:
            return []
        missing = []
        if not request.interviewer:
            missing.append(("interviewer", "Interviewer's name", remembered_interviewer() or ""))
        if not request.respondent:
            missing.append(("respondent", "Respondent id (a pseudonym, not a name)", ""))
        return missing

    def _told_who(self, given: dict[str, str] | None) -> None:
        assert self.request is not None
        if given is None:  # Escape: back to the home screen, or out
            if self.options.instrument is None:
                self.show_home()
            else:
                self.exit()
            return
        self.request = replace(
            self.request,
            interviewer=given.get("interviewer", self.request.interviewer),
            respondent=given.get("respondent", self.request.respondent),
        )
        self.start_session()

    def on_session_screen_finished(self, message: SessionScreen.Finished) -> None:
        assert self.request is not None
        self.pop_screen()
        self.push_screen(EndScreen(message.status, self.request.mode))

    def on_end_screen_chosen(self, message: EndScreen.Chosen) -> None:
        assert self.request is not None
        self.pop_screen()
        if message.choice == "quit":
            self.exit()
        elif self.request.mode == "interview" and self.options.instrument is None:
            self.show_home()
        else:
            self.start_session(fresh=True)

    def on_session_screen_leave(self, message: SessionScreen.Leave) -> None:
        """ctrl+q in a session: every answer is already saved; self mode asks first."""
        screen = message.screen
        if screen.mode == "self":
            self.push_screen(ConfirmLeave(), lambda leave: self._leave_confirmed(screen, leave))
        else:
            self._really_leave(screen)

    def _leave_confirmed(self, screen: SessionScreen, leave: bool | None) -> None:
        if not leave:
            return
        if self.pin:
            self.push_screen(PinCheck(self.pin), lambda ok: self._really_leave(screen) if ok else None)
        else:
            self._really_leave(screen)

    def _really_leave(self, screen: SessionScreen) -> None:
        problem = screen.keep_typed()
        if problem is not None:  # every accepted answer is saved; the one being typed is not
            message = f"vcf-tui: the answer being typed was NOT saved: {one_line(problem)}"
            self.exit(return_code=1, message=Text(message))
            return
        if self.options.instrument is None and screen.mode == "interview":
            self.pop_screen()
            self.show_home()
        else:
            self.exit()

    def live_tally(self) -> LiveTally | None:
        """The whole file's tally, kept up to date with every save; None while a worker still builds it.

        A large file's records are read, and its tally counted, in a thread, so the first question
        shows at once; saves made meanwhile are kept and applied when it is ready.
        """
        if self._live is None and self._saved_while_building is None:
            self._saved_while_building = []
            self.store.listeners.append(self._hold_saves)
            self.in_background(self._build_tally)
        return self._live

    def in_background(self, work: Callable[[], None]) -> None:
        """Run ``work`` in a daemon thread of its own, not a Textual thread worker: asyncio waits for those at
        exit, which would keep a quit waiting seconds for a big file being read (closing never needs that read).
        """

        def run() -> None:
            try:
                work()
            except (RuntimeError, concurrent.futures.CancelledError):
                pass  # the app ended meanwhile: call_from_thread refuses, or its call was cancelled
            except Exception:  # never a traceback on the terminal: said on the screen, if there is one still
                with contextlib.suppress(Exception):
                    self.call_from_thread(self.notify, "Background work failed; every answer is still saved.")

        thread = threading.Thread(target=run, name="vcf-tui background", daemon=True)
        self._background.append(thread)
        thread.start()

    async def background_done(self) -> None:
        """Wait until the background work has ended (its results shown): for tests and benchmarks."""
        while any(thread.is_alive() for thread in self._background):
            await asyncio.sleep(0.01)

    def _hold_saves(self, puts: list[tuple[str, dict]]) -> None:
        if self._saved_while_building is not None:
            self._saved_while_building.extend(puts)

    def _hold_from_now(self) -> None:
        """Saves from now on are held for the tally being built (on the interface's thread, where saves happen).

        The worker then copies the tables (LiveTally does, table by table): a save made meanwhile may be in
        the copy and held as well, which is harmless (the newer version of a record is kept).
        """
        self._saved_while_building = []

    def _build_tally(self) -> None:
        try:
            self.store.tables  # noqa: B018 - a big file's records are read here, not on the interface's thread
        except StoreError as error:
            self.call_from_thread(self._cannot_write, error)
            return
        except Exception:  # out of memory, say: the interview goes on (closing says what it can of the file)
            self.call_from_thread(self._tally_failed)
            return
        try:
            self.call_from_thread(self._hold_from_now)
            with paused_gc():  # millions of acyclic objects: collections would walk them again and again
                live = LiveTally([self.store.tables])
                live.result()  # the first, whole-file sum, done here rather than on the next keypress
        except Exception:  # the interview goes on without its tally panel
            self.call_from_thread(self._tally_failed)
            return
        self.call_from_thread(self._tally_built, live)

    def _cannot_write(self, error: StoreError) -> None:
        """A big file turned out damaged when its records were read: stop with the reason (it is never rewritten;
        answers already given stay in its journal, and closing says so)."""
        if self.store.saved:  # closing the file says why, and where the answers given are
            self.exit(return_code=1)
        else:
            self.exit(return_code=1, message=Text(f"vcf-tui: {one_line(error)}"))

    def _tally_failed(self) -> None:
        self.store.listeners.remove(self._hold_saves)
        self._saved_while_building = []  # not None: never try again in this run
        self.notify("The tally panel could not be counted; every answer is still saved.", severity="warning")

    def _tally_built(self, live: LiveTally) -> None:
        self.store.listeners.remove(self._hold_saves)
        live.apply(self._saved_while_building or [])
        self.store.listeners.append(live.apply)
        self._live = live
        if isinstance(self.screen, SessionScreen):
            self.screen.update_tally()

    def action_leave(self) -> None:
        screen = self.screen
        if isinstance(screen, SessionScreen):
            screen.action_leave()
        elif isinstance(screen, EndScreen) and screen.mode == "self":
            if self.pin:
                self.push_screen(PinCheck(self.pin), lambda ok: self.exit() if ok else None)
            else:
                self.push_screen(ConfirmLeave("Leave the kiosk?"), lambda leave: self.exit() if leave else None)
        elif isinstance(screen, PinCheck | PinSetup | ConfirmLeave):
            return
        else:
            self.exit()


def make_app(store: DataFile, options: RunOptions | None = None) -> VcfApp:
    """Build the app the same way for the CLI, tests and snapshots."""
    return VcfApp(store, options or RunOptions())
