"""A session over an instrument: what to ask next, going back, and when it is done.

The engine holds the answers given so far and works out which steps (see
``vcf_tui.steps``) are visible under the instrument's conditions. It knows
nothing of screens or files: the TUI, the plain prompts and the answers-file
replay drive it the same way, and the store saves what it accepts.

A UI's loop: show ``engine.current`` (its ``prompt(mode)``, and for a
``TagStep`` its ``options(mode)``), pass what the person gave to ``answer``
(or ``Recorder.submit``, which also saves), and call ``back`` for PageUp.
``value(step)`` is what to pre-fill; ``drafts`` keeps what was typed but not
accepted, by step key; ``told(section, instance)`` is a told story so far.

Stories told in the narrator's order (``order: told``) walk, for each step,
``ToldStep`` (the words; empty text ends the story there), ``TagStep`` (its
cycle) and, when the section has an ``evidence_prompt``, ``EvidenceStep``;
then the section's story questions and "another story?". A told story with
no step asks neither. Fixed stories walk their steps as written, each
followed by an ``EvidenceStep`` when it has an answer and the section an
``evidence_prompt``.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

from vcf_tui.answers import InvalidAnswer, check_answer, is_blank
from vcf_tui.cycles import canonical_cycle
from vcf_tui.instrument.model import Instrument, Section
from vcf_tui.steps import (
    ASKED_QUESTIONS,
    TEXT_STEPS,
    YES_NO_STEPS,
    AnotherStoryStep,
    ConsentStep,
    EvidenceStep,
    FixedStoryStep,
    QuestionStep,
    Step,
    StoryQuestionStep,
    TagStep,
    ToldStep,
    told_step_id,
)


@dataclass
class SessionState:
    """Everything a session has been told; what the store persists.

    ``answers`` maps answer keys (question ids, ``story[1].applied``,
    ``story[1].step-2``, ``story[1].who-benefited``) to values, None for a
    skip. ``cycles`` maps a told step's key to its tagged cycle, ``evidence``
    a story step's key to the narrator's evidence (None: asked, none given),
    ``ends`` a story (``story[1]``) to the position of the empty step that
    ended it, and ``more`` an "another story?" key (``story[1]+``) to the
    answer.
    """

    consent: bool | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    more: dict[str, bool] = field(default_factory=dict)
    cycles: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str | None] = field(default_factory=dict)
    ends: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ToldSoFar:
    """One told step of a story, as the narrator gave it (``cycle`` None until tagged)."""

    position: int
    text: str
    cycle: str | None
    evidence: str | None


def story_id(section_id: str, instance: int) -> str:
    """The key of one story: ``story[2]``."""
    return f"{section_id}[{instance}]"


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
            yield ConsentStep()
            if self.state.consent is not True and not (assume_consent and self.state.consent is None):
                return
        seen: dict[str, Any] = {}
        for section in self.instrument.sections:
            if section.when is not None and not section.when.holds(seen):
                continue
            if section.is_story:
                yield from self._stories(section, seen)
                continue
            for question in section.questions:
                if question.when is not None and not question.when.holds(seen):
                    continue
                yield QuestionStep(section, question)
                value = self.state.answers.get(question.id)  # read after the yield: a walk can be followed lazily
                if value is not None:
                    seen[question.id] = value

    def _stories(self, section: Section, seen: dict[str, Any]) -> Iterator[Step]:
        instance = 1
        while True:
            walk = self._told_steps if section.is_told else self._fixed_steps
            steps_told = yield from walk(section, instance)
            if not steps_told:
                return
            yield from self._story_questions(section, instance, seen)
            if instance >= section.repeat.max:
                return
            more = AnotherStoryStep(section, instance)
            yield more
            if self.state.more.get(more.key) is not True:
                return
            instance += 1

    def _fixed_steps(self, section: Section, instance: int) -> Generator[Step, None, int]:
        for story_step in section.steps:
            step = FixedStoryStep(section, story_step, instance)
            yield step
            if section.evidence_prompt and self.state.answers.get(step.key) is not None:
                yield EvidenceStep(section, instance, story_step.id)
        return len(section.steps)

    def _told_steps(self, section: Section, instance: int) -> Generator[Step, None, int]:
        """Told steps up to the first untold one or the empty one that ended the story; returns how many."""
        position = 1
        while True:
            step = ToldStep(section, instance, position)
            yield step
            if self._ended_at(step) or self.state.answers.get(step.key) is None:
                return position - 1
            yield TagStep(section, instance, position, self.instrument.framework)
            if section.evidence_prompt:
                yield EvidenceStep(section, instance, told_step_id(position))
            position += 1

    def _story_questions(self, section: Section, instance: int, seen: dict[str, Any]) -> Iterator[Step]:
        here = dict(seen)  # a story question's condition sees this story's earlier answers by question id
        for question in section.story_questions:
            if question.when is not None and not question.when.holds(here):
                continue
            step = StoryQuestionStep(section, question, instance)
            yield step
            if self.state.answers.get(step.key) is not None:
                here[question.id] = self.state.answers[step.key]

    def _ended_at(self, step: ToldStep) -> bool:
        return self.state.ends.get(story_id(step.section.id, step.instance)) == step.position

    def _counted_keys(self) -> set[str]:
        """Keys of the visible steps whose answers count (a told step that ended its story does not)."""
        return {step.key for step in self.steps() if not (isinstance(step, ToldStep) and self._ended_at(step))}

    def visible_answers(self) -> dict[str, Any]:
        """Answers (skips excluded) to the steps now visible."""
        keys = self._counted_keys()
        return {k: v for k, v in self.state.answers.items() if k in keys and v is not None}

    def hidden_keys(self) -> set[str]:
        """Answered keys whose steps the conditions (or an earlier end of a story) now hide; kept, not counted."""
        keys = self._counted_keys()
        return {k for k in self.state.answers if k not in keys}

    def told(self, section: Section, instance: int) -> list[ToldSoFar]:
        """The steps of told story ``instance`` given so far, in told order."""
        told = []
        for step in self.steps():
            if isinstance(step, ToldStep) and step.section.id == section.id and step.instance == instance:
                text = self.state.answers.get(step.key)
                if text is None or self._ended_at(step):
                    break
                told.append(ToldSoFar(step.position, text, self.state.cycles.get(step.key),
                                      self.state.evidence.get(step.key)))
        return told

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
        if isinstance(step, ConsentStep):
            return self.state.consent is not None
        if isinstance(step, AnotherStoryStep):
            return step.key in self.state.more
        if isinstance(step, TagStep):
            return step.record_key in self.state.cycles
        if isinstance(step, EvidenceStep):
            return step.record_key in self.state.evidence
        if isinstance(step, ToldStep):
            return self._ended_at(step) or self.state.answers.get(step.key) is not None
        return step.asks and step.key in self.state.answers

    def resume(self) -> None:
        """Go to the first visible step that has no answer yet."""
        steps = self.steps()
        self.position = next((i for i, s in enumerate(steps) if s.asks and not self.is_answered(s)), len(steps))
        if self.declined:
            self.position = len(steps)

    def is_complete(self) -> bool:
        """Consent given (when asked), every visible required question answered and every told step tagged."""
        if self.instrument.consent and self.state.consent is not True:
            return False
        answers = self.visible_answers()
        return all(
            step.key in answers if isinstance(step, ASKED_QUESTIONS) else step.record_key in self.state.cycles
            for step in self.steps()
            if (isinstance(step, ASKED_QUESTIONS) and step.question.required) or isinstance(step, TagStep)
        )

    def value(self, step: Step) -> Any:
        """What to show as the current answer: a draft, else the stored value."""
        if step.key in self.drafts:
            return self.drafts[step.key]
        if isinstance(step, ConsentStep):
            return self.state.consent
        if isinstance(step, AnotherStoryStep):
            return self.state.more.get(step.key)
        if isinstance(step, TagStep):
            return self.state.cycles.get(step.record_key)
        if isinstance(step, EvidenceStep):
            return self.state.evidence.get(step.record_key)
        if isinstance(step, ToldStep) and self._ended_at(step):
            return None
        return self.state.answers.get(step.key)

    # -- moving -----------------------------------------------------------
    def check(self, step: Step, raw: Any) -> Any:
        """The value ``raw`` would be stored as at ``step``; raises InvalidAnswer."""
        if isinstance(step, YES_NO_STEPS):
            if isinstance(raw, bool):
                return raw
            raise InvalidAnswer("Choose yes or no.")
        if isinstance(step, TEXT_STEPS):
            if is_blank(raw):
                return None
            if not isinstance(raw, str | int | float) or isinstance(raw, bool):
                raise InvalidAnswer("Give the answer as text.")
            return str(raw).rstrip()
        if isinstance(step, TagStep):
            return self._check_cycle(step, raw)
        assert isinstance(step, ASKED_QUESTIONS)
        return check_answer(step.question, raw)

    def _check_cycle(self, step: TagStep, raw: Any) -> str:
        cycles = [option.cycle for option in step.options(self.mode)]
        cycle = canonical_cycle(raw) if isinstance(raw, str) else None
        if cycle in cycles:
            return cycle
        if self.mode == "self":
            raise InvalidAnswer("Pick the question that fits best.")
        raise InvalidAnswer(f"Pick one of the cycles: {', '.join(dict.fromkeys(cycles))}.")

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
        state = self.state
        if isinstance(step, ConsentStep):
            state.consent = value
        elif isinstance(step, AnotherStoryStep):
            state.more[step.key] = value
        elif isinstance(step, TagStep):
            state.cycles[step.record_key] = value
        elif isinstance(step, EvidenceStep):
            state.evidence[step.record_key] = value
        elif isinstance(step, ToldStep):
            story = story_id(step.section.id, step.instance)
            if value is None:
                state.ends[story] = step.position
            else:
                state.answers[step.key] = value
                if state.ends.get(story) == step.position:
                    del state.ends[story]
        elif step.asks:
            state.answers[step.key] = value

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

