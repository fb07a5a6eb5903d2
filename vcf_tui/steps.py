"""The steps a session asks: one frozen dataclass per kind, joined in the union ``Step``.

Every step has:

- ``key``: the engine's key for it (where its answer, draft and place are kept);
- ``record_key``: the ``question_id`` of the answer record it writes, or None
  (consent and "another story?" are kept on the session record). A told
  step's cycle (``TagStep``) and any step's evidence (``EvidenceStep``) write
  into the record of the story step they belong to;
- ``section`` (None for consent), ``cycles`` (for badges; empty where the
  step has none yet), ``probe`` (the interviewer's, or None), ``asks`` (False
  only for a ``note``), and ``prompt(mode)``: the words to show.

A UI tells the kinds apart with ``isinstance``; ``TEXT_STEPS`` are the
multi-line, always optional story texts, ``YES_NO_STEPS`` the yes/no choices,
and ``QuestionStep``/``StoryQuestionStep`` both carry a ``question``.
"""

from __future__ import annotations

from dataclasses import dataclass

from vcf_tui.cycles import cycle_label
from vcf_tui.instrument.model import Question, Section, StoryStep

CONSENT = "consent"
CONSENT_PROMPT = "Do you agree to take part?"
NEXT_STEP_PROMPT = "What happened next? (Leave it empty to end the story.)"
FIRST_STEP_PROMPT = "Tell the story: what happened?"
TAG_PROMPTS = {
    "interview": "Tag this step's cycle:",
    "self": "Which of these does this part of your story answer?",
}


def story_key(section_id: str, instance: int, step_id: str) -> str:
    """The key of step ``step_id`` (or story question) of story ``instance``: ``story[2].applied``."""
    return f"{section_id}[{instance}].{step_id}"


def told_step_id(position: int) -> str:
    """The id of the told step at ``position`` (1-based): ``step-3``."""
    return f"step-{position}"


@dataclass(frozen=True)
class ConsentStep:
    """The consent question: True agrees, False declines (and ends the session)."""

    key = CONSENT
    record_key = None
    section = None
    cycles = ()
    probe = None
    asks = True

    def prompt(self, mode: str) -> str:
        return CONSENT_PROMPT


class _AsksQuestion:
    """What a step asking one question takes from it: cycles, probe, wording; a ``note`` asks nothing."""

    question: Question

    @property
    def key(self) -> str:
        raise NotImplementedError

    @property
    def record_key(self) -> str | None:
        return self.key if self.asks else None

    @property
    def cycles(self) -> tuple[str, ...]:
        return self.question.cycles

    @property
    def probe(self) -> str | None:
        return self.question.probe

    @property
    def asks(self) -> bool:
        return self.question.type != "note"

    def prompt(self, mode: str) -> str:
        return self.question.wording(mode)


@dataclass(frozen=True)
class QuestionStep(_AsksQuestion):
    """A question of a questions section; a ``note`` only shows its text (``asks`` is False)."""

    section: Section
    question: Question

    @property
    def key(self) -> str:
        return self.question.id


@dataclass(frozen=True)
class FixedStoryStep:
    """A step of a ``fixed`` story, with its own prompt and cycle; the answer is text or None (skipped)."""

    section: Section
    story_step: StoryStep
    instance: int

    @property
    def key(self) -> str:
        return story_key(self.section.id, self.instance, self.story_step.id)

    @property
    def record_key(self) -> str:
        return self.key

    @property
    def position(self) -> int:
        """1-based place of the step in the section as written."""
        return self.section.steps.index(self.story_step) + 1

    @property
    def cycles(self) -> tuple[str, ...]:
        return (self.story_step.cycle,)

    @property
    def probe(self) -> str | None:
        return self.story_step.probe

    asks = True

    def prompt(self, mode: str) -> str:
        return self.story_step.wording(mode)


@dataclass(frozen=True)
class ToldStep:
    """The narrator's words for step ``position`` of a ``told`` story; empty text ends the story there."""

    section: Section
    instance: int
    position: int

    @property
    def key(self) -> str:
        return story_key(self.section.id, self.instance, told_step_id(self.position))

    @property
    def record_key(self) -> str:
        return self.key

    cycles = ()
    probe = None
    asks = True

    def prompt(self, mode: str) -> str:
        """The section's opening ``text`` (``self_text`` in self mode) for step 1, then "what happened next?"."""
        if self.position > 1:
            return NEXT_STEP_PROMPT
        if mode == "self" and self.section.self_text:
            return self.section.self_text
        return self.section.text or FIRST_STEP_PROMPT


@dataclass(frozen=True)
class TagOption:
    """One cycle a told step can be tagged with: its id, its label, and the step's plain-language prompt.

    Interview mode shows ``label`` (and may add ``prompt``); self mode shows only ``prompt``.
    """

    cycle: str
    label: str
    prompt: str


@dataclass(frozen=True)
class TagStep:
    """The cycle of told step ``position``; the answer is a cycle id of one of ``options``."""

    section: Section
    instance: int
    position: int
    framework: str | None = None  # the instrument's, for how cycle labels are spelt ("Realized value" in vcf-2011)

    @property
    def key(self) -> str:
        return f"{self.record_key}#cycle"

    @property
    def record_key(self) -> str:
        return story_key(self.section.id, self.instance, told_step_id(self.position))

    cycles = ()
    probe = None
    asks = True

    def options(self, mode: str) -> tuple[TagOption, ...]:
        """The cycles to pick from, in the order the section lists its steps (digit N picks the Nth)."""
        return tuple(
            TagOption(step.cycle, cycle_label(step.cycle, self.framework), step.wording(mode))
            for step in self.section.steps
        )

    def prompt(self, mode: str) -> str:
        return TAG_PROMPTS["self" if mode == "self" else "interview"]


@dataclass(frozen=True)
class EvidenceStep:
    """The narrator's evidence for story step ``of`` (a fixed step id or ``step-K``); text or None."""

    section: Section
    instance: int
    of: str

    @property
    def key(self) -> str:
        return f"{self.record_key}#evidence"

    @property
    def record_key(self) -> str:
        return story_key(self.section.id, self.instance, self.of)

    cycles = ()
    probe = None
    asks = True

    def prompt(self, mode: str) -> str:
        return self.section.evidence_prompt or ""


@dataclass(frozen=True)
class StoryQuestionStep(_AsksQuestion):
    """One of a story section's ``questions``, asked once per story after its steps."""

    section: Section
    question: Question
    instance: int

    @property
    def key(self) -> str:
        return story_key(self.section.id, self.instance, self.question.id)


@dataclass(frozen=True)
class AnotherStoryStep:
    """ "Another story?" after story ``instance``: True starts the next one."""

    section: Section
    instance: int

    @property
    def key(self) -> str:
        return f"{self.section.id}[{self.instance}]+"

    record_key = None
    cycles = ()
    probe = None
    asks = True

    def prompt(self, mode: str) -> str:
        return self.section.repeat.prompt


Step = (
    ConsentStep
    | QuestionStep
    | FixedStoryStep
    | ToldStep
    | TagStep
    | EvidenceStep
    | StoryQuestionStep
    | AnotherStoryStep
)
TEXT_STEPS = (FixedStoryStep, ToldStep, EvidenceStep)
YES_NO_STEPS = (ConsentStep, AnotherStoryStep)
ASKED_QUESTIONS = (QuestionStep, StoryQuestionStep)
