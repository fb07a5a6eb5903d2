"""A keyboard-first list of choices: digits pick, arrows move, space toggles."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from vcf_tui.text import printable


class ChoiceField(Widget, can_focus=True):
    """Options as ``(value, label)``; one chosen (single) or several (multi).

    With ``numeric`` the digits type a point's number (``1`` then ``0`` is 10)
    instead of picking the N-th line.
    """

    DEFAULT_CSS = """
    ChoiceField { height: auto; width: 1fr; }
    ChoiceField:focus { background: $boost; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("space", "choose_current", "Select", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    class Changed(Message):
        def __init__(self, field: ChoiceField) -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> ChoiceField:
            return self.field

    def __init__(self, options: list[tuple[Any, str]], multi: bool = False, numeric: bool = False,
                 chosen: list[Any] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_options(options, multi, numeric, chosen)

    def set_options(self, options: list[tuple[Any, str]], multi: bool = False, numeric: bool = False,
                    chosen: list[Any] | None = None) -> None:
        """Show a new list (the widget is reused from question to question)."""
        self.options = options
        self.multi = multi
        self.numeric = numeric
        self.chosen = [v for v in (chosen or []) if any(v == o[0] for o in options)]
        self._typed = ""
        self.cursor = next((i for i, o in enumerate(options) if self.chosen and o[0] == self.chosen[0]), 0)
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[tuple[int, Text]]:
        """(option index, screen line) for each line, long labels wrapped under themselves."""
        rows: list[tuple[int, Text]] = []
        digits = len(str(len(self.options)))
        for index, (value, label) in enumerate(self.options):
            picked = value in self.chosen
            mark = ("[x]" if picked else "[ ]") if self.multi else ("(*)" if picked else ("( )"))
            number = "" if self.numeric else f"{index + 1:>{digits}}. "
            prefix = f" {number}{mark} "
            style = "reverse" if index == self.cursor and self.has_focus else ""
            label_text = Text(printable(label), style="bold" if picked else "")
            wrapped = label_text.wrap(self.app.console, max(8, width - len(prefix) - 1))
            for n, part in enumerate(wrapped):
                line = Text(prefix if n == 0 else " " * len(prefix), style=style)
                line.append_text(part)
                line.append(" ")
                line.stylize(style)
                rows.append((index, line))
        return rows

    def render(self) -> Text:
        return Text("\n").join(line for _, line in self._lines(self.size.width or 80))

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self._lines(width))

    # -- actions ---------------------------------------------------------
    def action_move(self, delta: int) -> None:
        self.cursor = (self.cursor + delta) % len(self.options)
        self.refresh()

    def action_choose_current(self) -> None:
        """Space: choose (single) or toggle (multi) the option under the cursor."""
        self.pick(self.cursor)

    def pick(self, index: int) -> None:
        """Choose (single) or toggle (multi) the option at ``index``."""
        if not 0 <= index < len(self.options):
            return
        value = self.options[index][0]
        if self.multi:
            if value in self.chosen:
                self.chosen.remove(value)
            else:
                self.chosen.append(value)
        else:
            self.chosen = [value]
        self.cursor = index
        self.refresh()
        self.post_message(self.Changed(self))

    def on_key(self, event: events.Key) -> None:
        if event.character is None or event.character not in "0123456789" or len(event.character) != 1:
            return
        event.stop()
        event.prevent_default()
        if self.numeric:
            self._type_point(event.character)
        else:
            self.pick(int(event.character) - 1 if event.character != "0" else 9)

    def _type_point(self, digit: str) -> None:
        labels = [str(value) for value, _ in self.options]
        typed = self._typed + digit
        if not any(label.startswith(typed) for label in labels):
            typed = digit
        self._typed = typed
        if typed in labels:
            self.pick(labels.index(typed))

    def on_click(self, event: events.Click) -> None:
        self.focus()
        rows = self._lines(self.size.width)
        if 0 <= event.y < len(rows):
            self.pick(rows[event.y][0])

    def on_blur(self) -> None:
        self._typed = ""
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    @property
    def value(self) -> Any:
        if self.multi:
            return [value for value, _ in self.options if value in self.chosen]
        return self.chosen[0] if self.chosen else None
