"""The session runner: one step at a time, saved before the next one shows."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from vcf_tui.analysis.live_tally import LiveTally
from vcf_tui.analysis.prose import reflow
from vcf_tui.answers import InvalidAnswer, is_blank
from vcf_tui.recorder import Recorder
from vcf_tui.steps import (
    ASKED_QUESTIONS,
    TEXT_STEPS,
    ConsentStep,
    Step,
    TagStep,
    ToldStep,
)
from vcf_tui.store import StoreError
from vcf_tui.text import one_line, printable
from vcf_tui.tui.progress import place, reachable
from vcf_tui.tui.screens.dialogs import JumpTo
from vcf_tui.tui.widgets.answer import AnswerArea, AnswerBox, ChoiceBox, LineInput, TextBox
from vcf_tui.tui.widgets.badges import badges
from vcf_tui.tui.widgets.story_recap import story_recap
from vcf_tui.tui.widgets.tally_panel import TallyPanel


class SessionScreen(Screen[None]):
    """Asks the steps of one session; posts ``Finished`` at the end and ``Leave`` on ctrl+q.

    ``live_tally`` gives the whole file's tally for the interviewer's panel.
    """

    class Finished(Message):
        """No step is left; ``status`` is the session's final status."""

        def __init__(self, status: str) -> None:
            super().__init__()
            self.status = status

    class Leave(Message):
        """The person asked to leave (ctrl+q); what was typed is kept by ``keep_typed``."""

        def __init__(self, screen: SessionScreen) -> None:
            super().__init__()
            self.screen = screen

    DEFAULT_CSS = """
    SessionScreen {
        #top { height: 1; background: $panel; }
        #title { width: 1fr; text-style: bold; padding: 0 1; }
        #progress { width: auto; padding: 0 1; }
        #who { width: auto; padding: 0 1; color: $text-muted; }
        #body { height: 1fr; }
        #left { width: 1fr; }
        #main { height: 1fr; padding: 0 1; }
        #aside { height: auto; padding: 0 1; }
        #section { text-style: bold underline; margin-top: 1; }
        #intro, #story-so-far { color: $text-muted; }
        #question { text-style: bold; margin: 1 0; }
        #message { color: $error; text-style: bold; }
        #probe { color: $text-muted; text-style: italic; }
        #hint { color: $text-muted; }
        /* self-completion: larger, calmer */
        &.self #main { padding: 1 4; }
        &.self #question { margin: 2 0 1 0; }
    }
    """
    BINDINGS = [
        Binding("enter", "accept", "Next", priority=True),  # shown in the footer even when a line input has focus
        Binding("ctrl+s", "accept_text", "Accept", priority=True),
        Binding("pageup", "back", "Back", priority=True),
        Binding("pagedown", "forward", "Forward", priority=True),
        Binding("ctrl+g", "jump", "Go to", priority=True),
        Binding("ctrl+q", "leave", "Leave"),
        Binding("1", "pick(1)", "Choose", key_display="1-9"),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(2, 10)],
    ]

    def __init__(self, recorder: Recorder, live_tally: Callable[[], LiveTally | None] | None = None) -> None:
        super().__init__(classes=recorder.engine.mode)
        self.recorder = recorder
        self.live_tally = live_tally
        self.mode = recorder.engine.mode
        self.answer: AnswerBox | None = None
        self.shown: str | None = None  # the key of the step the answer box was set up for
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        instrument = self.recorder.engine.instrument
        with Horizontal(id="top"):
            yield Static(one_line(instrument.heading(self.mode)), id="title", markup=False)
            if self.mode == "interview":
                yield Static(one_line(self._who()), id="who", markup=False)
            yield Static("", id="progress")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                with VerticalScroll(id="main"):
                    yield Static("", id="section", markup=False)
                    yield Static("", id="intro", markup=False)
                    if self.mode == "interview":
                        yield Static("", id="badges")
                    yield Static("", id="story-so-far", markup=False)
                    yield Static("", id="question", markup=False)
                    yield AnswerArea(id="answer")
                    yield Static("", id="message", markup=False)
                    yield Static("", id="hint", markup=False)
                if self.mode == "interview":  # below the scrolling part: the probe and note never scroll off
                    with Vertical(id="aside"):
                        yield Static("", id="probe", markup=False)
                        yield Input(placeholder="Interviewer's note (optional)", id="note")
            if self.mode == "interview":
                yield TallyPanel(id="tally")
        yield Footer()

    def on_mount(self) -> None:
        if self.mode == "interview":
            self.set_interval(1, self._tick)
        self.show_step()

    def _tick(self) -> None:
        self._update_progress()

    # -- showing ---------------------------------------------------------
    def show_step(self) -> None:
        step = self.recorder.current
        if step is None:
            self.post_message(self.Finished(self.recorder.session["status"] or "in_progress"))
            return
        engine = self.recorder.engine
        section = step.section
        heading = one_line(section.heading(self.mode)) if section else "Before we start"
        self.query_one("#section", Static).update(heading)
        intro = section.intro if section and section.intro and self._first_of_section(step) else ""
        self._show("#intro", printable(reflow(intro)))
        if self.mode == "interview":  # self mode shows nothing of the framework
            self.query_one("#badges", Static).update(badges(step.cycles, engine.instrument.framework))
        self._show("#story-so-far", story_recap(engine, step))
        self._show("#hint", self._hint(step))
        self.query_one("#question", Static).update(printable(reflow(self._wording(step))))
        self._show("#message", "")
        self.answer = self.query_one(AnswerArea).show(step, engine.value(step), self.mode)
        self.shown = step.key
        if self.mode == "interview":
            self._show("#probe", printable(f"Probe: {step.probe}") if step.probe else "")
            note = self.query_one("#note", Input)
            note.value = self.recorder.note(step)
            note.display = step.record_key is not None
            self.call_after_refresh(self.update_tally)
        self._update_progress()
        self.call_after_refresh(self._focus_answer)
        self.refresh_bindings()

    def _show(self, selector: str, content: str | Text) -> None:
        """Put ``content`` in a line of the screen; an empty one takes no room."""
        widget = self.query_one(selector, Static)
        widget.update(content)
        widget.display = bool(str(content))

    def _focus_answer(self) -> None:
        if self.answer is not None and self.answer.first is not None:
            self.answer.first.focus()
        else:
            self.set_focus(None)

    def _first_of_section(self, step: Step) -> bool:
        steps = self.recorder.engine.steps()
        index = next(i for i, s in enumerate(steps) if s.key == step.key)
        return index == 0 or steps[index - 1].section is not step.section

    def _wording(self, step: Step) -> str:
        if isinstance(step, ConsentStep):
            consent = self.recorder.engine.instrument.consent or ""
            return f"{consent}\n\n{step.prompt(self.mode)}"
        if isinstance(step, ASKED_QUESTIONS):
            optional = not step.question.required and step.asks
            return step.prompt(self.mode) + ("  (optional)" if optional else "")
        return step.prompt(self.mode)

    def _hint(self, step: Step) -> str:
        """How to go on where the keys are not obvious: ending a told story, tagging a step."""
        if isinstance(step, ToldStep):
            first = (
                "Write what happened, then ctrl+s."
                if step.position == 1
                else "Write what happened next, then ctrl+s. ctrl+s on an empty box ends the story."
            )
            return first
        if isinstance(step, TagStep):
            return (
                "Press the number of the answer, then Enter."
                if self.mode == "self"
                else "A digit tags the cycle, then Enter."
            )
        return ""

    def _who(self) -> str:
        """The respondent and wave of this session, for the interviewer's header."""
        session = self.recorder.session
        who = f"respondent {session.get('respondent') or '(none)'}"
        return who + (f" · wave {session['wave']}" if session.get("wave") else "")

    def _update_progress(self) -> None:
        text = place(self.recorder.engine)
        if self.mode == "interview":
            minutes, seconds = divmod(int(time.monotonic() - self.started), 60)
            text += f"   {minutes:02d}:{seconds:02d}"
        self.query_one("#progress", Static).update(text)

    def update_tally(self) -> None:
        """Show the tally of this instrument's sessions (or say it is still being counted)."""
        live = self.live_tally() if self.live_tally is not None else None
        panel = self.query_one(TallyPanel)
        if live is None:
            panel.counting()
        else:
            panel.show(live, self.recorder.session["session_id"], self.recorder.engine.instrument)

    # -- keys ------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show "1-9 Choose" in the footer only where digits pick a choice."""
        if action == "pick":
            return isinstance(self.answer, ChoiceBox)
        if action == "forward":
            step = self.recorder.current
            return step is not None and (self.recorder.engine.is_answered(step) or not step.asks)
        if action in ("accept", "accept_text"):
            multiline = isinstance(self.answer, TextBox)
            return multiline == (action == "accept_text")
        return True

    def action_accept_text(self) -> None:
        self.action_accept()

    def action_pick(self, number: int) -> None:
        if isinstance(self.answer, ChoiceBox):
            self.answer.field.focus()
            self.answer.field.pick(number - 1)

    def action_accept(self) -> None:
        step = self.recorder.current
        if step is None or self.answer is None or step.key != self.shown:  # only into the question on screen
            return
        try:
            self.recorder.submit(self.answer.raw(), note=self._note())
        except InvalidAnswer as error:
            self._say(str(error))
            return
        except StoreError as error:
            self._say(f"Not saved: {error}")
            return
        self.show_step()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_accept()

    def _note(self) -> str | None:
        return self.query_one("#note", Input).value if self.mode == "interview" else None

    def action_back(self) -> None:
        step = self.recorder.current
        if step is not None and self.answer is not None:  # keep what was typed, for when it shows again
            self.recorder.engine.drafts[step.key] = self.answer.raw()
        if self.recorder.engine.position == 0:
            return
        self.recorder.back()
        self.show_step()

    def action_forward(self) -> None:
        """PageDown: on to the next step, leaving this (answered) one as it is saved."""
        engine = self.recorder.engine
        step = engine.current
        if step is None or not (engine.is_answered(step) or not step.asks):
            return
        engine.drafts.pop(step.key, None)
        engine.advance_from(step)
        self.show_step()

    def action_jump(self) -> None:
        """ctrl+g: a list of the questions already reachable; the one picked shows next."""
        engine = self.recorder.engine
        steps = reachable(engine)
        labels = [
            ("✓ " if engine.is_answered(s) else "· ") + " ".join(s.prompt(self.mode).split())[:100] for s in steps
        ]
        step = engine.current
        if step is not None and self.answer is not None:
            engine.drafts[step.key] = self.answer.raw()
        self.app.push_screen(JumpTo(labels, min(engine.position, len(steps) - 1)), self._jumped)

    def _jumped(self, index: int | None) -> None:
        if index is not None and index < len(reachable(self.recorder.engine)):
            self.recorder.engine.position = index
        self.show_step()

    @on(LineInput.Refused)
    def _refused(self, event: LineInput.Refused) -> None:
        self._say("This answer is a number: type digits (with - or . if needed); letters cannot go here.")

    def action_leave(self) -> None:
        self.post_message(self.Leave(self))

    def keep_typed(self) -> str | None:
        """On leaving: save what was typed or picked but not yet accepted, if it is a valid answer.

        Returns why it could not be saved (the disk is full, say), or None.
        """
        step = self.recorder.current
        if (
            step is None
            or self.answer is None
            or not isinstance(step, (*ASKED_QUESTIONS, *TEXT_STEPS))
            or step.key != self.shown
        ):
            return None
        raw = self.answer.raw()
        if is_blank(raw):
            return None
        try:
            self.recorder.submit(raw, note=self._note())
        except InvalidAnswer:
            return None  # not an answer yet: nothing to keep
        except StoreError as error:
            return str(error)
        return None

    def _say(self, message: str) -> None:
        self._show("#message", printable(f"! {message}"))
        self.app.bell()
