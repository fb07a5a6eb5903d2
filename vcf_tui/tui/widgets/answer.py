"""The answer area: one reusable input per kind of step, each able to give the raw answer."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Static, TextArea

from vcf_tui.instrument.model import OTHER_PREFIX
from vcf_tui.steps import TEXT_STEPS, AnotherStoryStep, ConsentStep, Step, TagStep
from vcf_tui.tui.widgets.choices import ChoiceField

OTHER = "\0other"


class AnswerBox(Vertical):
    """Base: ``raw()`` gives what was typed or chosen; ``first`` takes the focus."""

    DEFAULT_CSS = "AnswerBox { height: auto; }"

    def raw(self) -> Any:
        return None

    @property
    def first(self) -> Widget | None:
        return None


class ChoiceBox(AnswerBox):
    """single / multi (with an optional "Other" line), scales, consent and "another story?"."""

    def compose(self) -> ComposeResult:
        self.field = ChoiceField([], id="choices")
        self.other_input = Input(placeholder="Other: say what", id="other")
        self.other = False
        yield self.field
        yield self.other_input

    def configure(self, options: list[tuple[Any, str]], value: Any, multi: bool = False, other: bool = False,
                  numeric: bool = False) -> None:
        chosen = value if isinstance(value, list) else [] if value is None else [value]
        other_text = next((str(v)[len(OTHER_PREFIX):] for v in chosen if str(v).startswith(OTHER_PREFIX)), "")
        self.other = other
        if other:
            options = [*options, (OTHER, "Other (say what)")]
            chosen = [OTHER if str(v).startswith(OTHER_PREFIX) else v for v in chosen]
        self.field.set_options(options, multi=multi, numeric=numeric, chosen=chosen)
        self.other_input.value = other_text
        self.other_input.display = OTHER in self.field.chosen

    def on_choice_field_changed(self, event: ChoiceField.Changed) -> None:
        if self.other:
            self.other_input.display = OTHER in self.field.chosen
            if OTHER in self.field.chosen and not self.other_input.value:
                self.other_input.focus()

    def raw(self) -> Any:
        other = OTHER_PREFIX + self.other_input.value.strip() if self.other else ""
        if self.field.multi:
            return [other if v == OTHER else v for v in self.field.value]
        value = self.field.value
        return other if value == OTHER else value

    @property
    def first(self) -> Widget:
        return self.field


class LineInput(Input):
    """A one-line answer that says so (posts ``Refused``) when a number field turns a character away."""

    class Refused(Message):
        """A character was typed that this field does not take."""

    def restricted(self) -> None:
        self.post_message(self.Refused())


class LineBox(AnswerBox):
    """text and number: one line; Enter accepts."""

    def compose(self) -> ComposeResult:
        self.input = LineInput(id="line")
        yield self.input

    def configure(self, value: Any, number: bool = False, placeholder: str = "") -> None:
        self.input.restrict = r"[-0-9.,]*" if number else None
        self.input.value = "" if value is None else str(value)
        self.input.placeholder = placeholder
        self.input.cursor_position = len(self.input.value)

    def raw(self) -> Any:
        return self.input.value

    @property
    def first(self) -> Widget:
        return self.input


class TextBox(AnswerBox):
    """longtext and story steps: several lines; Enter is a new line, ctrl+s accepts."""

    def compose(self) -> ComposeResult:
        self.area = TextArea(id="longtext", soft_wrap=True, show_line_numbers=False)
        yield self.area

    def configure(self, value: Any) -> None:
        self.area.load_text("" if value is None else str(value))
        self.area.move_cursor(self.area.document.end)

    def raw(self) -> Any:
        return self.area.text

    @property
    def first(self) -> Widget:
        return self.area


class NoteBox(AnswerBox):
    DEFAULT_CSS = "NoteBox { height: auto; } NoteBox .hint { color: $text-muted; }"

    def compose(self) -> ComposeResult:
        yield Static("(Enter to go on)", classes="hint")

    def configure(self) -> None:
        return None


class AnswerArea(ContentSwitcher):
    """Holds one box of each kind and switches to the one the current step needs."""

    DEFAULT_CSS = """
    AnswerArea { height: auto; }
    AnswerArea #longtext { height: 8; }
    """

    def compose(self) -> ComposeResult:
        yield ChoiceBox(id="choice-box")
        yield LineBox(id="line-box")
        yield TextBox(id="text-box")
        yield NoteBox(id="note-box")

    def show(self, step: Step, value: Any, mode: str = "interview") -> AnswerBox:
        """Configure and show the box for ``step``, with ``value`` (a stored answer or a draft)."""
        box = self._configure(step, value, mode)
        self.current = box.id
        return box

    def _configure(self, step: Step, value: Any, mode: str) -> AnswerBox:
        choices, line = self.query_one(ChoiceBox), self.query_one(LineBox)
        text, note = self.query_one(TextBox), self.query_one(NoteBox)
        if isinstance(step, ConsentStep):
            choices.configure([(True, "I agree"), (False, "I do not agree")], value)
            return choices
        if isinstance(step, AnotherStoryStep):
            choices.configure([(True, "Yes"), (False, "No")], value)
            return choices
        if isinstance(step, TEXT_STEPS):
            text.configure(value)
            return text
        if isinstance(step, TagStep):  # self mode shows the plain prompts, never cycle names
            shown = [(o.cycle, o.prompt if mode == "self" else f"{o.label}: {o.prompt}") for o in step.options(mode)]
            choices.configure(shown, value)
            return choices
        question = step.question
        assert question is not None
        if question.type in ("single", "multi"):
            options = [(c.value, c.label) for c in question.choices]
            choices.configure(options, value, multi=question.type == "multi", other=question.other)
            return choices
        if question.type == "scale":
            choices.configure(question.points(), value, numeric=True)
            return choices
        if question.type == "number":
            low, high = question.minimum, question.maximum
            hint = f"a number from {low if low is not None else 'any'} to {high if high is not None else 'any'}"
            line.configure(value, number=True, placeholder=hint)
            return line
        if question.type == "text":
            line.configure(value)
            return line
        if question.type == "longtext":
            text.configure(value)
            return text
        note.configure()
        return note
