"""Load and check instrument YAML, keeping the line and column of every problem.

Scalars are read as the text written in the file: ``Yes`` stays ``"Yes"`` and
``1-2`` stays ``"1-2"``; numbers and flags are converted only where a key
expects them.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from vcf_tui.cycles import ALIASES, CAPITALS, FRAMEWORKS
from vcf_tui.errors import VcfError
from vcf_tui.instrument.model import (
    CHOICE_TYPES,
    QUESTION_TYPES,
    AllOf,
    AnyOf,
    Choice,
    Condition,
    Instrument,
    Not,
    Question,
    Repeat,
    Section,
    StoryStep,
    Test,
)

FORMAT = "vcf-instrument/1"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML has it: same nodes, faster
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
MODES = ("interview", "self")
EVIDENCE = ("effect", "contribution")

TOP_KEYS = {"format", "id", "version", "title", "framework", "description", "modes", "consent", "sections"}
TOP_REQUIRED = ("format", "id", "version", "framework", "sections")
SECTION_KEYS = {"id", "title", "kind", "cycle", "cycles", "intro", "when", "questions", "steps", "repeat",
                "order", "text", "self_text", "evidence_prompt"}
STORY_ORDERS = ("fixed", "told")
NO_CYCLE = "none"
QUESTION_KEYS = {
    "id", "type", "text", "self_text", "required", "indicator", "cycle", "cycles", "when",
    "probe", "choices", "other", "min_choices", "max_choices", "scale", "min", "max",
    "labels", "integer", "capital", "evidence", "personal",
}
STEP_KEYS = {"id", "cycle", "text", "self_text", "probe"}
SCALE_KEYS = {"min", "max", "labels"}
REPEAT_KEYS = {"max", "prompt"}
CHOICE_KEYS = {"value", "label"}
CONSENT_KEYS = {"text"}
TEST_OPS = ("equals", "not_equals", "in", "not_in", "at_least", "at_most", "includes", "answered")
CONDITION_KEYS = {"question", "all", "any", "not", *TEST_OPS}
TRUE_WORDS = {"true", "yes", "on"}
FALSE_WORDS = {"false", "no", "off"}
NULL_WORDS = {"", "~", "null"}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an instrument file, at a 1-based line and column."""

    line: int
    column: int
    message: str

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}:{self.column}: {self.message}"


class InstrumentError(VcfError):
    """An instrument has problems; ``problems`` lists them all."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format(filename) for p in self.problems))


def load_instrument(path: str | Path) -> Instrument:
    """Load an instrument file, raising InstrumentError listing every problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InstrumentError(str(path), [Problem(1, 1, f"cannot read file: {error.strerror}")]) from None
    return parse_instrument(data, str(path))


def parse_instrument(data: bytes, filename: str = "<instrument>") -> Instrument:
    """Parse instrument YAML bytes; ``filename`` is used in messages."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InstrumentError(filename, [Problem(1, 1, f"not UTF-8 text ({error.reason})")]) from None
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = getattr(error, "problem", None) or str(error)
        raise InstrumentError(filename, [Problem(line, column, f"YAML syntax error: {reason}")]) from None
    builder = _Builder()
    instrument = builder.instrument(root)
    if builder.problems or instrument is None:
        raise InstrumentError(filename, builder.problems)
    sha = hashlib.sha256(data).hexdigest()
    return _replace(instrument, sha256=sha, path=filename)


def _replace(instrument: Instrument, **changes: Any) -> Instrument:
    from dataclasses import replace

    return replace(instrument, **changes)


def _at(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _suggest(word: str, options: set[str] | list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Builder:
    """Walks the YAML node tree, building the model and collecting problems."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.framework_cycles: tuple[str, ...] = ()
        self.framework = ""
        self.seen_questions: dict[str, Question] = {}
        self.all_question_ids: set[str] = set()

    # -- helpers ---------------------------------------------------------
    def problem(self, node: Node, message: str) -> None:
        line, column = _at(node)
        self.problems.append(Problem(line, column, message))

    def mapping(self, node: Node, allowed: set[str], what: str) -> dict[str, tuple[Node, Node]] | None:
        """Return key -> (key node, value node); report unknown and duplicate keys."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values")
            return None
        entries: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
            if key in entries:
                self.problem(key_node, f"duplicate key '{key}' in {what}")
                continue
            if key not in allowed:
                self.problem(key_node, f"unknown key '{key}' in {what}{_suggest(key, allowed)}")
                continue
            entries[key] = (key_node, value_node)
        return entries

    def require(self, entries: dict, node: Node, keys: tuple[str, ...], what: str) -> bool:
        ok = True
        for key in keys:
            if key not in entries:
                self.problem(node, f"missing required key '{key}' in {what}")
                ok = False
        return ok

    def text(self, entries: dict, key: str, default: str | None = None) -> str | None:
        if key not in entries:
            return default
        node = entries[key][1]
        if not isinstance(node, ScalarNode):
            self.problem(node, f"'{key}' must be text")
            return default
        if node.style is None and node.value.strip().lower() in NULL_WORDS:
            return default
        return node.value

    def flag(self, entries: dict, key: str, default: bool = False) -> bool:
        if key not in entries:
            return default
        node = entries[key][1]
        word = str(node.value).strip().lower() if isinstance(node, ScalarNode) else ""
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        self.problem(node, f"'{key}' must be true or false")
        return default

    def number(self, node: Node, key: str, integer: bool = False) -> float | int | None:
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else ""
        try:
            value = float(raw)
        except ValueError:
            kind = "a whole number" if integer else "a number"
            self.problem(node, f"'{key}' must be {kind}, not '{raw}'")
            return None
        if value.is_integer():
            return int(value)
        if integer:
            self.problem(node, f"'{key}' must be a whole number, not '{raw}'")
            return None
        return value

    def optional_number(self, entries: dict, key: str, integer: bool = False) -> float | int | None:
        if key not in entries:
            return None
        return self.number(entries[key][1], key, integer)

    def identifier(self, entries: dict, what: str, default: str | None = None) -> str | None:
        if "id" not in entries:
            return default
        node = entries["id"][1]
        value = str(node.value) if isinstance(node, ScalarNode) else ""
        if not ID_PATTERN.match(value):
            self.problem(node, f"bad id '{value}' for {what}: use lower-case letters, digits and '-', "
                         "starting with a letter or digit")
            return None
        return value

    def cycle(self, node: Node) -> str | None:
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else ""
        name = ALIASES.get(raw.lower(), raw.lower())
        if name not in self.framework_cycles:
            cycles = ", ".join(self.framework_cycles)
            hint = _suggest(name, self.framework_cycles)
            self.problem(node, f"cycle '{raw}' is not in framework {self.framework} ({cycles}){hint}")
            return None
        return name

    def cycles(self, entries: dict) -> tuple[str, ...] | None:
        """The cycles named by ``cycles`` or ``cycle``; ``()`` for ``cycle: none``; None when neither is given."""
        if "cycles" in entries and "cycle" in entries:
            self.problem(entries["cycle"][0], "give 'cycle' or 'cycles', not both")
        if "cycle" in entries and self._is_none(entries["cycle"][1]):
            return ()
        if "cycles" in entries:
            node = entries["cycles"][1]
            items = node.value if isinstance(node, SequenceNode) else [node]
            if any(self._is_none(item) for item in items):
                self.problem(node, "'none' cannot be listed with cycles: write 'cycle: none' on its own")
                return ()
            found = [self.cycle(item) for item in items]
            return tuple(dict.fromkeys(c for c in found if c))
        if "cycle" in entries:
            found_one = self.cycle(entries["cycle"][1])
            return (found_one,) if found_one else ()
        return None

    @staticmethod
    def _is_none(node: Node) -> bool:
        return isinstance(node, ScalarNode) and str(node.value).strip().lower() == NO_CYCLE

    def choice_in(self, entries: dict, key: str, options: tuple[str, ...]) -> str | None:
        value = self.text(entries, key)
        if value is not None and value not in options:
            node = entries[key][1]
            self.problem(node, f"'{key}' must be one of {', '.join(options)}, not '{value}'"
                         f"{_suggest(value, options)}")
            return None
        return value

    # -- the tree --------------------------------------------------------
    def instrument(self, root: Node | None) -> Instrument | None:
        if root is None:
            self.problems.append(Problem(1, 1, "the file is empty"))
            return None
        entries = self.mapping(root, TOP_KEYS, "the instrument")
        if entries is None:
            return None
        self.require(entries, root, TOP_REQUIRED, "the instrument")
        fmt = self.text(entries, "format")
        if fmt is not None and fmt != FORMAT:
            self.problem(entries["format"][1], f"format must be '{FORMAT}', not '{fmt}'")
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
            framework=framework,
            sections=sections,
            description=self.text(entries, "description"),
            modes=modes,
            consent=consent,
        )

    def modes(self, entries: dict) -> tuple[str, ...]:
        if "modes" not in entries:
            return MODES
        node = entries["modes"][1]
        items = node.value if isinstance(node, SequenceNode) else [node]
        found = []
        for item in items:
            word = str(item.value) if isinstance(item, ScalarNode) else ""
            if word in MODES:
                found.append(word)
            else:
                self.problem(item, f"unknown mode '{word}': use interview or self{_suggest(word, MODES)}")
        if not found and not self.problems:
            self.problem(node, "modes must name at least one of interview, self")
        return tuple(found) or MODES

    def consent(self, entries: dict) -> str | None:
        if "consent" not in entries:
            return None
        node = entries["consent"][1]
        if isinstance(node, ScalarNode):
            return node.value or None
        consent = self.mapping(node, CONSENT_KEYS, "consent")
        if consent is None or not self.require(consent, node, ("text",), "consent"):
            return None
        return self.text(consent, "text")

    def sections(self, entries: dict) -> tuple[Section, ...]:
        if "sections" not in entries:
            return ()
        node = entries["sections"][1]
        if not isinstance(node, SequenceNode) or not node.value:
            self.problem(node, "sections must be a list with at least one section")
            return ()
        self.all_question_ids = self.collect_question_ids(node)
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

    @staticmethod
    def collect_question_ids(sections: SequenceNode) -> set[str]:
        """Every question id in the file, to tell 'unknown' from 'later' in conditions."""
        ids: set[str] = set()
        for section in sections.value:
            if not isinstance(section, MappingNode):
                continue
            for key, value in section.value:
                if getattr(key, "value", None) == "questions" and isinstance(value, SequenceNode):
                    for question in value.value:
                        if isinstance(question, MappingNode):
                            ids.update(str(v.value) for k, v in question.value
                                       if getattr(k, "value", None) == "id" and isinstance(v, ScalarNode))
        return ids

    def section(self, node: Node) -> Section | None:
        entries = self.mapping(node, SECTION_KEYS, "a section")
        if entries is None:
            return None
        self.require(entries, node, ("id",), "a section")
        section_id = self.identifier(entries, "a section")
        kind = self.choice_in(entries, "kind", ("questions", "story")) or "questions"
        when = self.condition(entries["when"][1]) if "when" in entries else None
        default_cycles = self.cycles(entries)
        questions: tuple[Question, ...] = ()
        story_questions: tuple[Question, ...] = ()
        steps: tuple[StoryStep, ...] = ()
        repeat = Repeat()
        order = "fixed"
        if kind == "story":
            order = self.choice_in(entries, "order", STORY_ORDERS) or "fixed"
            steps = self.steps(entries, node)
            repeat = self.repeat(entries)
            if "questions" in entries:
                story_questions = self.questions(entries, node, default_cycles)
        else:
            for key in ("steps", "repeat", "order", "evidence_prompt"):
                if key in entries:
                    self.problem(entries[key][0], f"'{key}' belongs in a section with kind: story")
            questions = self.questions(entries, node, default_cycles)
        if section_id is None:
            return None
        return Section(
            id=section_id,
            title=self.text(entries, "title") or section_id,
            kind=kind,
            cycles=default_cycles or (),
            intro=self.text(entries, "intro"),
            when=when,
            questions=questions,
            steps=steps,
            repeat=repeat,
            order=order,
            text=self.text(entries, "text"),
            self_text=self.text(entries, "self_text"),
            evidence_prompt=self.text(entries, "evidence_prompt"),
            story_questions=story_questions,
        )

    def questions(self, entries: dict, node: Node, default_cycles: tuple[str, ...] | None) -> tuple[Question, ...]:
        if "questions" not in entries:
            self.problem(node, "missing required key 'questions' in a section")
            return ()
        items = entries["questions"][1]
        if not isinstance(items, SequenceNode) or not items.value:
            self.problem(items, "questions must be a list with at least one question")
            return ()
        found = []
        for item in items.value:
            question = self.question(item, default_cycles)
            if question is not None:
                found.append(question)
        return tuple(found)

    def question(self, node: Node, default_cycles: tuple[str, ...] | None) -> Question | None:
        """One question; ``default_cycles`` is None when its section names no cycle."""
        entries = self.mapping(node, QUESTION_KEYS, "a question")
        if entries is None:
            return None
        self.require(entries, node, ("id", "type", "text"), "a question")
        question_id = self.identifier(entries, "a question")
        qtype = self.text(entries, "type")
        if qtype is not None and qtype not in QUESTION_TYPES:
            self.problem(entries["type"][1], f"unknown question type '{qtype}'{_suggest(qtype, QUESTION_TYPES)}"
                         f"; use one of {', '.join(QUESTION_TYPES)}")
            qtype = None
        when = self.condition(entries["when"][1], before=question_id) if "when" in entries else None
        own_cycles = self.cycles(entries)
        cycles = own_cycles if own_cycles is not None else default_cycles or ()
        personal = self.flag(entries, "personal")
        if personal and own_cycles is None:
            cycles = ()  # an identifying answer counts in no cycle unless it says otherwise
        elif qtype not in (None, "note") and own_cycles is None and default_cycles is None:
            self.problem(node, f"question '{question_id}' has no cycle: give it 'cycle' or 'cycles', "
                         "or give its section a 'cycle'")
        fields: dict[str, Any] = {}
        if qtype in CHOICE_TYPES:
            fields.update(self.choice_fields(entries, node, qtype))
        elif qtype in ("scale", "number"):
            fields.update(self.bound_fields(entries, node, qtype))
        question = Question(
            id=question_id or "",
            type=qtype or "text",
            text=self.text(entries, "text") or "",
            cycles=cycles,
            self_text=self.text(entries, "self_text"),
            required=self.flag(entries, "required"),
            indicator=self.text(entries, "indicator"),
            capital=self.choice_in(entries, "capital", CAPITALS),
            evidence=self.choice_in(entries, "evidence", EVIDENCE),
            probe=self.text(entries, "probe"),
            when=when,
            personal=personal,
            **fields,
        )
        if question_id in self.seen_questions:
            self.problem(entries["id"][1], f"duplicate question id '{question_id}'")
            return None
        if question_id is None or qtype is None:
            return None
        self.seen_questions[question_id] = question
        return question

    def choice_fields(self, entries: dict, node: Node, qtype: str) -> dict[str, Any]:
        fields: dict[str, Any] = {"other": self.flag(entries, "other")}
        choices: list[Choice] = []
        if "choices" not in entries:
            self.problem(node, f"a '{qtype}' question needs 'choices'")
        else:
            items = entries["choices"][1]
            if not isinstance(items, SequenceNode) or not items.value:
                self.problem(items, f"a '{qtype}' question needs a non-empty list of choices")
            else:
                for item in items.value:
                    choice = self.choice(item)
                    if choice is None:
                        continue
                    if any(c.value == choice.value for c in choices):
                        self.problem(item, f"duplicate choice '{choice.value}'")
                        continue
                    choices.append(choice)
        fields["choices"] = tuple(choices)
        if qtype == "multi":
            low = self.optional_number(entries, "min_choices", integer=True)
            high = self.optional_number(entries, "max_choices", integer=True)
            if low is not None and high is not None and low > high:
                self.problem(entries["min_choices"][1], f"min_choices ({low}) is more than max_choices ({high})")
            if high is not None and choices and high > len(choices) + fields["other"]:
                self.problem(entries["max_choices"][1], f"max_choices ({high}) is more than the {len(choices)} choices")
            fields.update(min_choices=low, max_choices=high)
        else:
            for key in ("min_choices", "max_choices"):
                if key in entries:
                    self.problem(entries[key][0], f"'{key}' applies only to 'multi' questions")
        return fields

    def choice(self, node: Node) -> Choice | None:
        if isinstance(node, ScalarNode):
            return Choice(node.value, node.value)
        entries = self.mapping(node, CHOICE_KEYS, "a choice")
        if entries is None or not self.require(entries, node, ("value",), "a choice"):
            return None
        value = self.text(entries, "value") or ""
        return Choice(value, self.text(entries, "label") or value)

    def bound_fields(self, entries: dict, node: Node, qtype: str) -> dict[str, Any]:
        bounds = entries
        if "scale" in entries:
            scale = self.mapping(entries["scale"][1], SCALE_KEYS, "a scale")
            bounds = scale if scale is not None else {}
            if qtype != "scale":
                self.problem(entries["scale"][0], "'scale' applies only to 'scale' questions")
        integer = qtype == "scale" or self.flag(entries, "integer")
        low = self.optional_number(bounds, "min", integer=integer)
        high = self.optional_number(bounds, "max", integer=integer)
        if qtype == "scale" and ("min" not in bounds or "max" not in bounds):
            self.problem(node, "a 'scale' question needs 'min' and 'max' (in 'scale:' or on the question)")
        if low is not None and high is not None and low >= high:
            self.problem(bounds["min"][1], f"bad bounds: min ({low}) must be less than max ({high})")
        if qtype == "scale" and low is not None and high is not None and high - low > 100:
            self.problem(bounds["max"][1], f"bad scale: {low} to {high} has more than 101 points")
        labels: dict[int, str] = {}
        if "labels" in bounds:
            labels = self.labels(bounds["labels"][1], low, high)
        return {"minimum": low, "maximum": high, "integer": integer, "labels": labels}

    def labels(self, node: Node, low: float | None, high: float | None) -> dict[int, str]:
        if not isinstance(node, MappingNode):
            self.problem(node, "labels must map scale points to text, like {1: Not at all}")
            return {}
        labels: dict[int, str] = {}
        for key_node, value_node in node.value:
            point = self.number(key_node, "a label's point", integer=True)
            if point is None:
                continue
            if low is not None and high is not None and not low <= point <= high:
                self.problem(key_node, f"label point {point} is outside the scale {low} to {high}")
                continue
            labels[int(point)] = str(value_node.value)
        return labels

    def steps(self, entries: dict, node: Node) -> tuple[StoryStep, ...]:
        if "steps" not in entries:
            self.problem(node, "missing required key 'steps' in a story section")
            return ()
        items = entries["steps"][1]
        if not isinstance(items, SequenceNode) or not items.value:
            self.problem(items, "steps must be a list with at least one step")
            return ()
        steps: list[StoryStep] = []
        for item in items.value:
            step_entries = self.mapping(item, STEP_KEYS, "a story step")
            if step_entries is None:
                continue
            if not self.require(step_entries, item, ("cycle", "text"), "a story step"):
                continue
            cycle = self.cycle(step_entries["cycle"][1])
            step_id = self.identifier(step_entries, "a story step", default=cycle)
            if cycle is None or step_id is None:
                continue
            if any(s.id == step_id for s in steps):
                where = step_entries["id"][1] if "id" in step_entries else item
                self.problem(where, f"duplicate story step id '{step_id}': give each step its own 'id'")
                continue
            steps.append(StoryStep(step_id, cycle, self.text(step_entries, "text") or "",
                                   self.text(step_entries, "self_text"), self.text(step_entries, "probe")))
        return tuple(steps)

    def repeat(self, entries: dict) -> Repeat:
        if "repeat" not in entries:
            return Repeat()
        node = entries["repeat"][1]
        repeat = self.mapping(node, REPEAT_KEYS, "repeat")
        if repeat is None:
            return Repeat()
        most = self.optional_number(repeat, "max", integer=True)
        if most is not None and most < 1:
            self.problem(repeat["max"][1], "repeat max must be at least 1")
            most = None
        return Repeat(max=int(most) if most is not None else 1,
                      prompt=self.text(repeat, "prompt") or Repeat().prompt)

    # -- conditions ------------------------------------------------------
    def condition(self, node: Node, before: str | None = None) -> Condition | None:
        entries = self.mapping(node, CONDITION_KEYS, "a condition")
        if entries is None:
            return None
        combinators = [key for key in ("all", "any", "not") if key in entries]
        ops = [key for key in TEST_OPS if key in entries]
        if combinators:
            if len(entries) != 1:
                self.problem(node, f"'{combinators[0]}' must stand alone in its condition")
                return None
            key = combinators[0]
            inner = entries[key][1]
            if key == "not":
                part = self.condition(inner, before)
                return Not(part) if part else None
            if not isinstance(inner, SequenceNode) or not inner.value:
                self.problem(inner, f"'{key}' takes a list of conditions")
                return None
            parts = [self.condition(item, before) for item in inner.value]
            if any(p is None for p in parts):
                return None
            return (AllOf if key == "all" else AnyOf)(tuple(p for p in parts if p))
        if "question" not in entries:
            self.problem(node, "a condition needs 'question' (or 'all', 'any', 'not')")
            return None
        if len(ops) != 1:
            self.problem(node, f"a condition needs exactly one test of {', '.join(TEST_OPS)}")
            return None
        target_node = entries["question"][1]
        target = str(target_node.value)
        referred = self.seen_questions.get(target)
        if referred is None:
            if target in self.all_question_ids and target != before:
                self.problem(target_node, f"condition refers to question '{target}', which comes later; "
                             "a condition may refer only to an earlier question")
            elif target == before:
                self.problem(target_node, f"condition of question '{target}' refers to itself")
            else:
                hint = _suggest(target, self.all_question_ids)
                self.problem(target_node, f"condition refers to unknown question '{target}'{hint}")
            return None
        op = ops[0]
        operand = self.operand(op, entries[op][1], referred)
        if operand is _INVALID:
            return None
        return Test(target, op, operand)

    def operand(self, op: str, node: Node, referred: Question) -> Any:
        if op == "answered":
            word = str(node.value).strip().lower() if isinstance(node, ScalarNode) else ""
            if word not in TRUE_WORDS | FALSE_WORDS:
                self.problem(node, "'answered' must be true or false")
                return _INVALID
            return word in TRUE_WORDS
        if referred.type == "note":
            self.problem(node, f"condition refers to '{referred.id}', a note, which has no answer")
            return _INVALID
        numeric = referred.type in ("scale", "number")
        if op in ("at_least", "at_most") and not numeric:
            self.problem(node, f"'{op}' needs a scale or number question; '{referred.id}' is {referred.type}")
            return _INVALID
        if op == "includes" and referred.type != "multi":
            self.problem(node, f"'includes' needs a multi question; '{referred.id}' is {referred.type}")
            return _INVALID
        many = op in ("in", "not_in")
        if many != isinstance(node, SequenceNode):
            self.problem(node, f"'{op}' takes a list of values" if many else f"'{op}' takes one value")
            return _INVALID
        items = node.value if many else [node]
        values = []
        for item in items:
            if not isinstance(item, ScalarNode):
                self.problem(item, f"'{op}' values must be plain values")
                return _INVALID
            if numeric:
                number = self.number(item, op)
                if number is None:
                    return _INVALID
                values.append(number)
            else:
                if referred.choices and not referred.other and item.value not in {c.value for c in referred.choices}:
                    self.problem(item, f"'{item.value}' is not a choice of question '{referred.id}'"
                                 f"{_suggest(item.value, [c.value for c in referred.choices])}")
                    return _INVALID
                values.append(item.value)
        return tuple(values) if many else values[0]


_INVALID = object()
