"""A session over an instrument: what to ask next, going back, and when it is done.

The engine holds the answers given so far and works out which steps are
visible under the instrument's conditions. It knows nothing of screens or
files: the TUI, the plain prompts and the answers-file replay drive it the
same way, and the store saves what it accepts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from vcf_tui.answers import InvalidAnswer, check_answer, is_blank
from vcf_tui.instrument.model import Instrument, Question, Section, StoryStep

CONSENT = "consent"


@dataclass(frozen=True)
class Step:
    """One thing a session asks: consent, a question, a story step, or "another story?"."""

    kind: str  # "consent" | "question" | "story" | "more"
    section: Section | None = None
    question: Question | None = None
    story_step: StoryStep | None = None
    instance: int = 0

    @property
    def key(self) -> str:
        """The answer key: question id, ``story[2].applied``, ``story[2]+`` or ``consent``."""
        if self.kind == "question":
            assert self.question is not None
            return self.question.id
        if self.kind == "story":
            assert self.section is not None and self.story_step is not None
            return story_key(self.section.id, self.instance, self.story_step.id)
        if self.kind == "more":
            assert self.section is not None
            return f"{self.section.id}[{self.instance}]+"
        return CONSENT

    @property
    def cycles(self) -> tuple[str, ...]:
        if self.question is not None:
            return self.question.cycles
        if self.story_step is not None:
            return (self.story_step.cycle,)
        return ()

    @property
    def probe(self) -> str | None:
        """The interviewer's probe for this step, if any."""
        if self.question is not None:
            return self.question.probe
        return self.story_step.probe if self.story_step is not None else None

    @property
    def asks(self) -> bool:
        """True for steps that take an answer (notes only show text)."""
        return not (self.question is not None and self.question.type == "note")


def story_key(section_id: str, instance: int, step_id: str) -> str:
    return f"{section_id}[{instance}].{step_id}"


@dataclass
class SessionState:
    """Everything a session has been told; what the store persists."""

    consent: bool | None = None
    answers: dict[str, Any] = field(default_factory=dict)  # key -> value (None: skipped)
    more: dict[str, bool] = field(default_factory=dict)  # "story[1]+" -> another story?


class Engine:
    """Walks one instrument for one respondent."""

    def __init__(self, instrument: Instrument, mode: str = "interview", state: SessionState | None = None) -> None:
        self.instrument = instrument
        self.mode = mode
        self.state = state or SessionState()
        self.drafts: dict[str, Any] = {}
        self.position = 0
        self._steps: list[Step] | None = None
        self.resume()

    # -- what is visible --------------------------------------------------
    def steps(self) -> list[Step]:
        """The visible steps, in order, under the current answers (cached until an answer changes)."""
        if self._steps is None:
            self._steps = list(self._walk())
        return self._steps

    def _walk(self, assume_consent: bool = False) -> Iterator[Step]:
        if self.instrument.consent:
            yield Step(CONSENT)
            if self.state.consent is not True and not (assume_consent and self.state.consent is None):
                return
        seen: dict[str, Any] = {}
        for section in self.instrument.sections:
            if section.when is not None and not section.when.holds(seen):
                continue
            if section.is_story:
                yield from self._story_steps(section)
                continue
            for question in section.questions:
                if question.when is not None and not question.when.holds(seen):
                    continue
                value = self.state.answers.get(question.id)
                if value is not None:
                    seen[question.id] = value
                yield Step("question", section, question)

    def _story_steps(self, section: Section) -> Iterator[Step]:
        instance = 1
        while True:
            for step in section.steps:
                yield Step("story", section, story_step=step, instance=instance)
            if instance >= section.repeat.max:
                return
            more = Step("more", section, instance=instance)
            yield more
            if self.state.more.get(more.key) is not True:
                return
            instance += 1

    def visible_answers(self) -> dict[str, Any]:
        """Answers (skips excluded) to the steps now visible."""
        keys = {step.key for step in self.steps()}
        return {k: v for k, v in self.state.answers.items() if k in keys and v is not None}

    def hidden_keys(self) -> set[str]:
        """Answered keys whose steps the conditions now hide; kept, but not counted."""
        keys = {step.key for step in self.steps()}
        return {k for k in self.state.answers if k not in keys}

    # -- where we are -----------------------------------------------------
    @property
    def current(self) -> Step | None:
        steps = self.steps()
        return steps[self.position] if self.position < len(steps) else None

    @property
    def declined(self) -> bool:
        return bool(self.instrument.consent) and self.state.consent is False

    def progress(self) -> tuple[int, int]:
        """(k, n): the current step is the k-th of n visible steps (counted as if consent will be given)."""
        steps = self.steps()
        total = len(steps)
        if self.state.consent is None and self.instrument.consent:
            total = sum(1 for _ in self._walk(assume_consent=True))
        return min(self.position + 1, total), total

    def is_answered(self, step: Step) -> bool:
        if step.kind == "consent":
            return self.state.consent is not None
        if step.kind == "more":
            return step.key in self.state.more
        if not step.asks:
            return False
        return step.key in self.state.answers

    def resume(self) -> None:
        """Go to the first visible step that has no answer yet."""
        steps = self.steps()
        self.position = next((i for i, s in enumerate(steps) if s.asks and not self.is_answered(s)), len(steps))
        if self.declined:
            self.position = len(steps)

    def is_complete(self) -> bool:
        """Consent given (when asked) and every visible required question answered."""
        if self.instrument.consent and self.state.consent is not True:
            return False
        answers = self.visible_answers()
        return all(
            step.question.id in answers
            for step in self.steps()
            if step.question is not None and step.question.required
        )

    def value(self, step: Step) -> Any:
        """What to show as the current answer: a draft, else the stored value."""
        if step.key in self.drafts:
            return self.drafts[step.key]
        if step.kind == "consent":
            return self.state.consent
        if step.kind == "more":
            return self.state.more.get(step.key)
        return self.state.answers.get(step.key)

    # -- moving -----------------------------------------------------------
    def check(self, step: Step, raw: Any) -> Any:
        """The value ``raw`` would be stored as at ``step``; raises InvalidAnswer."""
        if step.kind in ("consent", "more"):
            if isinstance(raw, bool):
                return raw
            raise InvalidAnswer("Choose yes or no.")
        if step.kind == "story":
            return None if is_blank(raw) else str(raw).rstrip()
        assert step.question is not None
        return check_answer(step.question, raw)

    def answer(self, raw: Any) -> Step:
        """Accept ``raw`` for the current step and move on; returns the step answered."""
        step = self.current
        if step is None:
            raise InvalidAnswer("The session is already at its end.")
        self.record(step, self.check(step, raw))
        self.advance_from(step)
        return step

    def advance_from(self, step: Step) -> None:
        """Move to the step after ``step`` in the (possibly changed) visible order."""
        self.drafts.pop(step.key, None)
        steps = self.steps()
        keys = [s.key for s in steps]
        self.position = keys.index(step.key) + 1 if step.key in keys else len(steps)
        if self.declined:
            self.position = len(steps)

    def record(self, step: Step, value: Any) -> None:
        """Store an already checked value for ``step`` without moving."""
        self._steps = None
        if step.kind == "consent":
            self.state.consent = value
        elif step.kind == "more":
            self.state.more[step.key] = value
        elif step.asks:
            self.state.answers[step.key] = value

    def restore(self, state: SessionState, at: str | None = None) -> None:
        """Replace what the engine was told (after a failed save), standing at step key ``at``."""
        self.state = state
        self._steps = None
        keys = [s.key for s in self.steps()]
        self.position = keys.index(at) if at in keys else 0

    def back(self) -> Step | None:
        """Go back one step; returns the step now current."""
        self.position = max(0, min(self.position, len(self.steps())) - 1)
        return self.current
