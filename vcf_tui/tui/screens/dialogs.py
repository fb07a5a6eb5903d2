"""Small modal dialogs: confirm leaving, the kiosk PIN, jump to a question, and who is taking part."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from vcf_tui.text import one_line
from vcf_tui.tui.pin import PinGuard, pin_digest

DIALOG_CSS = """
{screen} {{ align: center middle; }}
{screen} .dialog {{ width: 60; height: auto; border: thick $primary; background: $surface; padding: 1 2; }}
"""


class ConfirmLeave(ModalScreen[bool]):
    """Asks "leave now?": 1 or y leaves, 2, n or Escape stays."""

    DEFAULT_CSS = DIALOG_CSS.format(screen="ConfirmLeave")
    BINDINGS = [
        Binding("1,y", "answer(True)", "Leave", key_display="1"),
        Binding("2,n,escape", "answer(False)", "Stay", key_display="2"),
    ]

    def __init__(self, message: str = "Leave now? Your answers so far are kept.") -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.message, markup=False)
            yield Static("1. Yes, leave\n2. No, go on", classes="choices")
        yield Footer()

    def action_answer(self, leave: bool) -> None:
        self.dismiss(leave)


class PinSetup(ModalScreen[str]):
    """The interviewer sets the kiosk PIN (typed twice; never on the command line)."""

    DEFAULT_CSS = DIALOG_CSS.format(screen="PinSetup")
    BINDINGS = [Binding("escape", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Kiosk lock: choose a PIN (4 or more characters) that will be needed to leave.")
            yield Input(password=True, placeholder="PIN", id="pin1")
            yield Input(password=True, placeholder="PIN again", id="pin2")
            yield Static("", id="pin-message")
        yield Footer()

    @on(Input.Submitted, "#pin1")
    def _next(self) -> None:
        self.query_one("#pin2", Input).focus()

    @on(Input.Submitted, "#pin2")
    def _done(self) -> None:
        first, second = self.query_one("#pin1", Input).value, self.query_one("#pin2", Input).value
        if len(first) < 4:
            self.query_one("#pin-message", Static).update("! The PIN needs 4 or more characters.")
        elif first != second:
            self.query_one("#pin-message", Static).update("! The two PINs differ; type them again.")
            self.query_one("#pin2", Input).value = ""
        else:
            self.dismiss(pin_digest(first))


class PinCheck(ModalScreen[bool]):
    """Asks for the kiosk PIN before leaving; Escape goes back to the kiosk. Wrong PINs make the next try wait."""

    DEFAULT_CSS = DIALOG_CSS.format(screen="PinCheck")
    BINDINGS = [Binding("escape", "cancel", "Back to the session")]

    def __init__(self, guard: PinGuard) -> None:
        super().__init__()
        self.guard = guard

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Interviewer's PIN to leave:")
            yield Input(password=True, placeholder="PIN", id="pin")
            yield Static("", id="pin-message")
        yield Footer()

    def on_mount(self) -> None:
        self._show_wait()
        self.set_interval(0.5, self._show_wait)

    def _show_wait(self) -> None:
        wait = self.guard.wait()
        if wait:
            self.query_one("#pin-message", Static).update(f"! Wrong PIN. Try again in {wait} s.")
        elif self.guard.wrong:
            self.query_one("#pin-message", Static).update("! Wrong PIN. Try again.")

    @on(Input.Submitted)
    def _check(self, event: Input.Submitted) -> None:
        event.input.value = ""
        if self.guard.check(event.value):
            self.dismiss(True)
        else:
            self._show_wait()

    def action_cancel(self) -> None:
        self.dismiss(False)


class JumpTo(ModalScreen[int | None]):
    """A list of the questions already reachable (ctrl+g): Enter goes to the one picked, Escape stays."""

    DEFAULT_CSS = DIALOG_CSS.format(screen="JumpTo") + "JumpTo .dialog { width: 90%; max-height: 90%; }"
    BINDINGS = [Binding("escape", "cancel", "Stay here")]

    def __init__(self, labels: list[str], current: int) -> None:
        super().__init__()
        self.labels = labels
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Go to a question (Enter goes there, Escape stays):")
            yield OptionList(*[Option(Text(one_line(label))) for label in self.labels], id="jump")
        yield Footer()

    def on_mount(self) -> None:
        jump = self.query_one("#jump", OptionList)
        jump.highlighted = self.current
        jump.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AskWho(ModalScreen[dict[str, str] | None]):
    """Asks for what a session should not start without (interviewer, respondent id): Enter goes on."""

    DEFAULT_CSS = DIALOG_CSS.format(screen="AskWho")
    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, missing: list[tuple[str, str, str]]) -> None:
        """``missing``: (field, label, suggested value) for each, e.g. ("respondent", "Respondent id", "")."""
        super().__init__()
        self.missing = missing

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Before the session starts:")
            for field, label, value in self.missing:
                yield Static(label)
                yield Input(value, id=f"ask-{field}")
            yield Static("", id="ask-message")
        yield Footer()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        empty = next((i for i in inputs if not i.value.strip()), None)
        if empty is not None and event.input.value.strip():
            empty.focus()  # this one is filled: on to the next
            return
        if empty is not None:
            self.query_one("#ask-message", Static).update("! Fill this in to start (Escape goes back).")
            empty.focus()
            return
        self.dismiss({i.id.removeprefix("ask-"): i.value.strip() for i in inputs if i.id})

    def action_cancel(self) -> None:
        self.dismiss(None)
