"""The end of a session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static


class EndScreen(Screen[None]):
    """Says how the session ended; Enter goes on (next participant, or home), q quits: posts ``Chosen``."""

    class Chosen(Message):
        """``choice`` is "next" or "quit"."""

        def __init__(self, choice: str) -> None:
            super().__init__()
            self.choice = choice

    DEFAULT_CSS = """
    EndScreen {
        #end { align: center middle; height: 1fr; }
        #end Static { width: 100%; text-align: center; }
        #end-message { text-style: bold; }
        .hint { color: $text-muted; }
    }
    """
    BINDINGS = [
        Binding("enter", "next", "Next"),
        Binding("q", "quit_app", "Quit"),
        Binding("ctrl+q", "app.leave", "Leave"),
    ]

    def __init__(self, status: str, mode: str) -> None:
        super().__init__(classes=mode)
        self.status = status
        self.mode = mode

    def compose(self) -> ComposeResult:
        if self.status == "complete":
            text = "Thank you. The session is complete and every answer is saved."
        elif self.status == "abandoned":
            text = "Thank you. You chose not to take part; nothing else was recorded."
        else:
            text = "The session is saved and can be resumed later."
        with Vertical(id="end"):
            yield Static(text, id="end-message")
            if self.mode == "self":
                yield Static("Press Enter to start for the next participant.", classes="hint")
            else:
                yield Static("Press Enter for a new session, or q to quit.", classes="hint")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit_app":
            return self.mode != "self"
        return True

    def action_next(self) -> None:
        self.post_message(self.Chosen("next"))

    def action_quit_app(self) -> None:
        self.post_message(self.Chosen("quit"))
