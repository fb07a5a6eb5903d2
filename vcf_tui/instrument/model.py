"""Immutable model of a vcf-instrument/1 file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

QUESTION_TYPES = ("single", "multi", "scale", "text", "longtext", "number", "note")
CHOICE_TYPES = ("single", "multi")
OTHER_PREFIX = "Other: "


@dataclass(frozen=True)
class Choice:
    """One option of a single or multi question."""

    value: str
    label: str


@dataclass(frozen=True)
class Test:
    """A leaf condition such as ``{question: meetings, not_in: [None]}``."""

    question: str
    op: str
    operand: Any = None

    def holds(self, answers: Mapping[str, Any]) -> bool:
        value = answers.get(self.question)
        if self.op == "answered":
            return (value is not None) == bool(self.operand)
        if value is None:
            return self.op in ("not_equals", "not_in")
        chosen = value if isinstance(value, list) else [value]
        if self.op in ("equals", "includes"):
            return self.operand in chosen
        if self.op == "not_equals":
            return self.operand not in chosen
        if self.op == "in":
            return any(item in self.operand for item in chosen)
        if self.op == "not_in":
            return not any(item in self.operand for item in chosen)
        if self.op == "at_least":
            return isinstance(value, int | float) and value >= self.operand
        if self.op == "at_most":
            return isinstance(value, int | float) and value <= self.operand
        raise ValueError(f"unknown condition operator {self.op!r}")

    def questions(self) -> set[str]:
        return {self.question}


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return all(part.holds(answers) for part in self.parts)

    def questions(self) -> set[str]:
        return set().union(*(part.questions() for part in self.parts))


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return any(part.holds(answers) for part in self.parts)

    def questions(self) -> set[str]:
        return set().union(*(part.questions() for part in self.parts))


@dataclass(frozen=True)
class Not:
    part: Condition

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return not self.part.holds(answers)

    def questions(self) -> set[str]:
        return self.part.questions()


Condition = Test | AllOf | AnyOf | Not


@dataclass(frozen=True)
class Question:
    """One question; ``cycles`` are already resolved from the section default."""

    id: str
    type: str
    text: str
    cycles: tuple[str, ...] = ()
    self_text: str | None = None
    required: bool = False
    indicator: str | None = None
    capital: str | None = None
    evidence: str | None = None
    probe: str | None = None
    when: Condition | None = None
    personal: bool = False
    choices: tuple[Choice, ...] = ()
    other: bool = False
    min_choices: int | None = None
    max_choices: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    labels: Mapping[int, str] = field(default_factory=dict)

    def wording(self, mode: str) -> str:
        """The text to show in ``mode`` (self-completion may have its own)."""
        if mode == "self" and self.self_text:
            return self.self_text
        return self.text

    def points(self) -> list[tuple[int, str]]:
        """A scale's points with their labels: ``(1, "1  Not at all"), (2, "2"), ...``."""
        low, high = int(self.minimum or 0), int(self.maximum or 0)
        return [(p, f"{p}  {self.labels[p]}" if p in self.labels else str(p)) for p in range(low, high + 1)]


@dataclass(frozen=True)
class StoryStep:
    """One step of a value-creation story, tied to one cycle."""

    id: str
    cycle: str
    text: str
    self_text: str | None = None
    probe: str | None = None

    def wording(self, mode: str) -> str:
        if mode == "self" and self.self_text:
            return self.self_text
        return self.text


@dataclass(frozen=True)
class Repeat:
    max: int = 1
    prompt: str = "Would you like to tell another story?"


@dataclass(frozen=True)
class Section:
    """A group of questions, or a story (``kind == "story"``)."""

    id: str
    title: str
    kind: str = "questions"
    self_title: str | None = None
    cycles: tuple[str, ...] = ()
    intro: str | None = None
    when: Condition | None = None
    questions: tuple[Question, ...] = ()
    steps: tuple[StoryStep, ...] = ()
    repeat: Repeat = Repeat()
    order: str = "fixed"
    text: str | None = None
    self_text: str | None = None
    evidence_prompt: str | None = None
    story_questions: tuple[Question, ...] = ()

    def heading(self, mode: str) -> str:
        """The title to show in ``mode``: self-completion shows ``self_title`` when there is one."""
        return self.self_title if mode == "self" and self.self_title else self.title

    @property
    def is_story(self) -> bool:
        return self.kind == "story"

    @property
    def is_told(self) -> bool:
        """A story told in the narrator's own order: the steps are the cycles a step can be tagged with."""
        return self.is_story and self.order == "told"


@dataclass(frozen=True)
class Instrument:
    """A whole instrument as loaded from YAML."""

    id: str
    version: str
    title: str
    framework: str
    sections: tuple[Section, ...]
    description: str | None = None
    modes: tuple[str, ...] = ("interview", "self")
    consent: str | None = None
    self_title: str | None = None
    sha256: str = ""
    path: str = ""

    def heading(self, mode: str) -> str:
        """The title to show in ``mode``: self-completion shows ``self_title`` when there is one."""
        return self.self_title if mode == "self" and self.self_title else self.title

    @property
    def label(self) -> str:
        return f"{self.id}@{self.version}"

    def questions(self) -> list[Question]:
        return [q for section in self.sections for q in section.questions]

    def question(self, question_id: str) -> Question:
        for question in self.questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def texts(self) -> dict[str, str]:
        """The wording to quote beside an answer: by question id, and by ``section.step`` for story steps."""
        texts = {q.id: q.text for q in self.questions()}
        texts.update({f"{s.id}.{step.id}": step.text for s in self.sections for step in s.steps})
        return texts

    def question_count(self) -> int:
        """Questions that ask for an answer (notes excluded), plus story steps."""
        asked = sum(1 for q in self.questions() if q.type != "note")
        return asked + sum(len(s.steps) for s in self.sections if s.is_story)
