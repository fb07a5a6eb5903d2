"""One input widget per step type, each able to give the raw answer typed."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from vcf_tui.engine import Step
from vcf_tui.instrument.model import OTHER_PREFIX, Question
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
    """single / multi (with an optional "Other" line), consent and "another story?"."""

    def __init__(self, options: list[tuple[Any, str]], value: Any, multi: bool = False, other: bool = False,
                 numeric: bool = False) -> None:
        super().__init__()
        self.multi = multi
        self.other = other
        chosen = value if isinstance(value, list) else [] if value is None else [value]
        other_text = next((str(v)[len(OTHER_PREFIX):] for v in chosen if str(v).startswith(OTHER_PREFIX)), "")
        if other:
            options = [*options, (OTHER, "Other (say what)")]
            chosen = [OTHER if str(v).startswith(OTHER_PREFIX) else v for v in chosen]
        self.field = ChoiceField(options, multi=multi, numeric=numeric, chosen=chosen, id="choices")
        self.other_input = Input(other_text, placeholder="Other: say what", id="other") if other else None

    def compose(self) -> ComposeResult:
        yield self.field
        if self.other_input is not None:
            self.other_input.display = OTHER in self.field.chosen
            yield self.other_input

    def on_choice_field_changed(self, event: ChoiceField.Changed) -> None:
        if self.other_input is not None:
            self.other_input.display = OTHER in self.field.chosen
            if OTHER in self.field.chosen and not self.other_input.value:
                self.other_input.focus()

    def raw(self) -> Any:
        other = OTHER_PREFIX + self.other_input.value.strip() if self.other_input else ""
        if self.multi:
            return [other if v == OTHER else v for v in self.field.value]
        value = self.field.value
        return other if value == OTHER else value

    @property
    def first(self) -> Widget:
        return self.field


class LineBox(AnswerBox):
    """text and number: one line; Enter accepts."""

    def __init__(self, value: Any, number: bool = False, placeholder: str = "") -> None:
        super().__init__()
        shown = "" if value is None else str(value)
        restrict = r"[-0-9.,]*" if number else None
        self.input = Input(shown, placeholder=placeholder, restrict=restrict, id="line")

    def compose(self) -> ComposeResult:
        yield self.input

    def raw(self) -> Any:
        return self.input.value

    @property
    def first(self) -> Widget:
        return self.input


class TextBox(AnswerBox):
    """longtext and story steps: several lines; Enter is a new line, ctrl+s accepts."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.area = TextArea("" if value is None else str(value), id="longtext", soft_wrap=True,
                             show_line_numbers=False)

    def compose(self) -> ComposeResult:
        yield self.area

    def raw(self) -> Any:
        return self.area.text

    @property
    def first(self) -> Widget:
        return self.area


class NoteBox(AnswerBox):
    def compose(self) -> ComposeResult:
        yield Static("(Enter to go on)", classes="hint")


def _scale_options(question: Question) -> list[tuple[Any, str]]:
    low, high = int(question.minimum or 0), int(question.maximum or 0)
    return [(p, f"{p}  {question.labels[p]}" if p in question.labels else str(p)) for p in range(low, high + 1)]


def build_answer(step: Step, value: Any) -> AnswerBox:
    """The widget for ``step``, showing ``value`` (a stored answer or a draft)."""
    if step.kind == "consent":
        return ChoiceBox([(True, "I agree"), (False, "I do not agree")], value)
    if step.kind == "more":
        return ChoiceBox([(True, "Yes"), (False, "No")], value)
    if step.kind == "story":
        return TextBox(value)
    question = step.question
    assert question is not None
    if question.type in ("single", "multi"):
        options = [(c.value, c.label) for c in question.choices]
        return ChoiceBox(options, value, multi=question.type == "multi", other=question.other)
    if question.type == "scale":
        return ChoiceBox(_scale_options(question), value, numeric=True)
    if question.type == "number":
        low, high = question.minimum, question.maximum
        hint = f"a number from {low if low is not None else 'any'} to {high if high is not None else 'any'}"
        return LineBox(value, number=True, placeholder=hint)
    if question.type == "text":
        return LineBox(value)
    if question.type == "longtext":
        return TextBox(value)
    return NoteBox()
