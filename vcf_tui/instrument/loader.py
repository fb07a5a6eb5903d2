"""Load and check a ``vcf-instrument/1`` file, keeping the line and column of every problem."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from vcf_tui.cycles import CAPITALS, FRAMEWORKS
from vcf_tui.instrument.answer_fields import bound_fields, choice_fields
from vcf_tui.instrument.conditions import ConditionReader
from vcf_tui.instrument.cycle_tags import CycleReader
from vcf_tui.instrument.model import CHOICE_TYPES, QUESTION_TYPES, Condition, Instrument, Question, Section
from vcf_tui.instrument.nodes import (
    Entries,
    Problem,
    ProblemsError,
    compose,
    read_bytes,
    scalar_text,
    suggest,
)
from vcf_tui.instrument.stories import STORY_ORDERS, read_repeat, read_steps, refuse_story_keys

FORMAT = "vcf-instrument/1"
MODES = ("interview", "self")
EVIDENCE = ("effect", "contribution")

TOP_KEYS = {
    "format",
    "id",
    "version",
    "title",
    "self_title",
    "framework",
    "description",
    "modes",
    "consent",
    "sections",
}
TOP_REQUIRED = ("format", "id", "version", "framework", "sections")
SECTION_KEYS = {
    "id",
    "title",
    "self_title",
    "kind",
    "cycle",
    "cycles",
    "intro",
    "when",
    "questions",
    "steps",
    "repeat",
    "order",
    "text",
    "self_text",
    "evidence_prompt",
}
QUESTION_KEYS = {
    "id",
    "type",
    "text",
    "self_text",
    "required",
    "indicator",
    "cycle",
    "cycles",
    "when",
    "probe",
    "choices",
    "other",
    "min_choices",
    "max_choices",
    "scale",
    "min",
    "max",
    "labels",
    "integer",
    "capital",
    "evidence",
    "personal",
}
CONSENT_KEYS = {"text"}

__all__ = ["FORMAT", "InstrumentError", "Problem", "load_instrument", "parse_instrument"]


class InstrumentError(ProblemsError):
    """An instrument has problems; ``problems`` lists them all."""


def load_instrument(path: str | Path) -> Instrument:
    """Load an instrument file, raising InstrumentError listing every problem."""
    return parse_instrument(read_bytes(path, InstrumentError), str(path))


def parse_instrument(data: bytes, filename: str = "<instrument>") -> Instrument:
    """Parse instrument YAML bytes; ``filename`` is used in messages."""
    root = compose(data, filename, InstrumentError)
    builder = _Builder()
    instrument = builder.instrument(root)
    if builder.problems or instrument is None:
        raise InstrumentError(filename, builder.problems)
    return replace(instrument, sha256=hashlib.sha256(data).hexdigest(), path=filename)


class _Builder(CycleReader):
    """Walks the YAML node tree, building the model and collecting problems."""

    def __init__(self) -> None:
        super().__init__()
        self.seen_questions: dict[str, Question] = {}  # ordinary questions so far: conditions may refer to them
        self.story_questions: dict[str, Question] = {}  # the current story section's questions so far
        self.story_of: dict[str, str] = {}  # every story question id -> its section id
        self.all_question_ids: set[str] = set()

    def conditions(self, before: str | None = None, in_story: bool = False) -> ConditionReader:
        visible = {**self.seen_questions, **self.story_questions} if in_story else self.seen_questions
        return ConditionReader(self, visible, self.all_question_ids, self.story_of, before)

    # -- the tree --------------------------------------------------------
    def instrument(self, root: Node | None) -> Instrument | None:
        if root is None:
            self.problems.append(Problem(0, 0, "the file is empty"))
            return None
        entries = self.mapping(root, TOP_KEYS, "the instrument")
        if entries is None:
            return None
        self.require(entries, root, TOP_REQUIRED, "the instrument")
        fmt = self.text(entries, "format")
        if fmt is not None and fmt != FORMAT:
            self.problem(entries["format"][1], f"format must be '{FORMAT}', not '{fmt}'{suggest(fmt, [FORMAT])}")
        instrument_id = self.identifier(entries, "the instrument")
        version = self.text(entries, "version")
        framework = self.choice_in(entries, "framework", tuple(FRAMEWORKS))
        self.framework = framework or ""
        self.framework_cycles = FRAMEWORKS.get(framework or "", ())
        modes = self.modes(entries)
        consent = self.consent(entries)
        sections = self.sections(entries) if framework else ()
        if instrument_id is None or version is None or framework is None:
            return None
        return Instrument(
            id=instrument_id,
            version=version,
            title=self.text(entries, "title") or instrument_id,
            self_title=self.text(entries, "self_title"),
            framework=framework,
            sections=sections,
            description=self.text(entries, "description"),
            modes=modes,
            consent=consent,
        )

    def modes(self, entries: Entries) -> tuple[str, ...]:
        if "modes" not in entries:
            return MODES
        node = entries["modes"][1]
        items = node.value if isinstance(node, SequenceNode) else [node]
        found = []
        for item in items:
            word = scalar_text(item)
            if word in MODES:
                found.append(word)
            else:
                self.problem(item, f"unknown mode '{word}': use interview or self{suggest(word, MODES)}")
        if not found and not self.problems:
            self.problem(node, "modes must name at least one of interview, self")
        return tuple(found) or MODES

    def consent(self, entries: Entries) -> str | None:
        if "consent" not in entries:
            return None
        node = entries["consent"][1]
        if isinstance(node, ScalarNode):
            return node.value or None
        consent = self.mapping(node, CONSENT_KEYS, "consent")
        if consent is None or not self.require(consent, node, ("text",), "consent"):
            return None
        return self.text(consent, "text")

    def sections(self, entries: Entries) -> tuple[Section, ...]:
        if "sections" not in entries:
            return ()
        node = entries["sections"][1]
        if not isinstance(node, SequenceNode) or not node.value:
            self.problem(node, "sections must be a list with at least one section")
            return ()
        self.all_question_ids = _question_ids(node)
        sections: list[Section] = []
        seen: set[str] = set()
        for item in node.value:
            section = self.section(item)
            if section is None:
                continue
            if section.id in seen:
                self.problem(item, f"duplicate section id '{section.id}'")
            seen.add(section.id)
            sections.append(section)
        return tuple(sections)

    def section(self, node: Node) -> Section | None:
        entries = self.mapping(node, SECTION_KEYS, "a section")
        if entries is None:
            return None
        self.require(entries, node, ("id",), "a section")
        section_id = self.identifier(entries, "a section")
        kind = self.choice_in(entries, "kind", ("questions", "story")) or "questions"
        when = self.conditions().read(entries["when"][1]) if "when" in entries else None
        default_cycles = self.cycles(entries)
        fields: dict[str, Any] = {}
        if kind == "story":
            fields = self.story_fields(entries, node, section_id or "", default_cycles)
        else:
            refuse_story_keys(self, entries)
            fields["questions"] = self.questions(entries, node, default_cycles)
        if section_id is None:
            return None
        return Section(
            id=section_id,
            title=self.text(entries, "title") or section_id,
            self_title=self.text(entries, "self_title"),
            kind=kind,
            cycles=default_cycles or (),
            intro=self.text(entries, "intro"),
            when=when,
            **fields,
        )

    def story_fields(
        self, entries: Entries, node: Node, section_id: str, default_cycles: tuple[str, ...] | None
    ) -> dict[str, Any]:
        """Steps, order, prompts and the story's own questions (asked once per story)."""
        order = self.choice_in(entries, "order", STORY_ORDERS) or "fixed"
        if order == "told" and "text" not in entries:
            self.problem(node, "a story with order: told needs 'text', the prompt that opens each story")
        self.story_questions = {}
        questions: tuple[Question, ...] = ()
        if "questions" in entries:
            questions = self.questions(entries, node, default_cycles, story=section_id)
        self.story_questions = {}
        return {
            "steps": read_steps(self, entries, node, self.cycle, told=order == "told"),
            "repeat": read_repeat(self, entries),
            "order": order,
            "text": self.text(entries, "text"),
            "self_text": self.text(entries, "self_text"),
            "evidence_prompt": self.text(entries, "evidence_prompt"),
            "story_questions": questions,
        }

    def questions(
        self, entries: Entries, node: Node, default_cycles: tuple[str, ...] | None, story: str | None = None
    ) -> tuple[Question, ...]:
        if "questions" not in entries:
            self.problem(node, "missing required key 'questions' in a section")
            return ()
        items = entries["questions"][1]
        if not isinstance(items, SequenceNode) or not items.value:
            self.problem(items, "questions must be a list with at least one question")
            return ()
        found = []
        for item in items.value:
            question = self.question(item, default_cycles, story)
            if question is not None:
                found.append(question)
        return tuple(found)

    def question(self, node: Node, default_cycles: tuple[str, ...] | None, story: str | None) -> Question | None:
        """One question; ``default_cycles`` is None when its section names no cycle."""
        entries = self.mapping(node, QUESTION_KEYS, "a question")
        if entries is None:
            return None
        self.require(entries, node, ("id", "type", "text"), "a question")
        question_id = self.identifier(entries, "a question")
        qtype = self.text(entries, "type")
        if qtype is not None and qtype not in QUESTION_TYPES:
            self.problem(
                entries["type"][1],
                f"unknown question type '{qtype}'{suggest(qtype, QUESTION_TYPES)}"
                f"; use one of {', '.join(QUESTION_TYPES)}",
            )
            qtype = None
        when: Condition | None = None
        if "when" in entries:
            when = self.conditions(question_id, in_story=story is not None).read(entries["when"][1])
        personal = self.flag(entries, "personal")
        question = Question(
            id=question_id or "",
            type=qtype or "text",
            text=self.text(entries, "text") or "",
            cycles=self.question_cycles(entries, node, question_id, qtype, default_cycles, personal),
            self_text=self.text(entries, "self_text"),
            required=self.required(entries, qtype),
            indicator=self.text(entries, "indicator"),
            capital=self.choice_in(entries, "capital", CAPITALS),
            evidence=self.choice_in(entries, "evidence", EVIDENCE),
            probe=self.text(entries, "probe"),
            when=when,
            personal=personal,
            **self.answer_fields(entries, node, qtype),
        )
        if question_id in self.seen_questions or question_id in self.story_of:
            self.problem(entries["id"][1], f"duplicate question id '{question_id}'")
            return None
        if question_id is None or qtype is None:
            return None
        if story is None:
            self.seen_questions[question_id] = question
        else:
            self.story_questions[question_id] = question
            self.story_of[question_id] = story
        return question

    def question_cycles(
        self,
        entries: Entries,
        node: Node,
        question_id: str | None,
        qtype: str | None,
        default_cycles: tuple[str, ...] | None,
        personal: bool,
    ) -> tuple[str, ...]:
        own_cycles = self.cycles(entries)
        if own_cycles is not None:
            return own_cycles
        if personal:
            return ()  # an identifying answer counts in no cycle unless it says otherwise
        if qtype not in (None, "note") and default_cycles is None:
            self.problem(
                node,
                f"question '{question_id}' has no cycle: give it 'cycle' or 'cycles' "
                "(or 'cycle: none' for a context question), or give its section a 'cycle'",
            )
        return default_cycles or ()

    def required(self, entries: Entries, qtype: str | None) -> bool:
        required = self.flag(entries, "required")
        if required and qtype == "note":
            self.problem(entries["required"][0], "'required' does not apply to a note, which asks for no answer")
            return False
        return required

    def answer_fields(self, entries: Entries, node: Node, qtype: str | None) -> dict[str, Any]:
        if qtype in CHOICE_TYPES:
            return choice_fields(self, entries, node, qtype)
        if qtype in ("scale", "number"):
            return bound_fields(self, entries, node, qtype)
        return {}


def _question_ids(sections: SequenceNode) -> set[str]:
    """Every question id in the file, to tell 'unknown' from 'later' in conditions."""
    ids: set[str] = set()
    for section in sections.value:
        if not isinstance(section, MappingNode):
            continue
        for key, value in section.value:
            if scalar_text(key) == "questions" and isinstance(value, SequenceNode):
                for question in value.value:
                    if isinstance(question, MappingNode):
                        ids.update(scalar_text(v) for k, v in question.value if scalar_text(k) == "id")
    return ids
