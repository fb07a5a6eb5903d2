"""Read ``when`` conditions, checking that each refers to an earlier question it can see.

A condition may refer to an ordinary question that comes before it. Inside a
story section it may also refer to an earlier question of the same story
section, meaning the answer given in the same story (the same instance when
the story repeats); no other condition may refer to a story question.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yaml.nodes import Node, ScalarNode, SequenceNode

from vcf_tui.instrument.model import AllOf, AnyOf, Condition, Not, Question, Test
from vcf_tui.instrument.nodes import FALSE_WORDS, TRUE_WORDS, NodeReader, scalar_text, suggest

TEST_OPS = ("equals", "not_equals", "in", "not_in", "at_least", "at_most", "includes", "answered")
CONDITION_KEYS = {"question", "all", "any", "not", *TEST_OPS}
_INVALID = object()


class ConditionReader:
    """Builds conditions for one place in the file: what it can see, and what it cannot."""

    def __init__(
        self,
        reader: NodeReader,
        visible: Mapping[str, Question],
        every_id: set[str],
        story_of: Mapping[str, str],
        before: str | None = None,
    ) -> None:
        self.reader = reader
        self.visible = visible  # questions a condition here may refer to
        self.every_id = every_id  # every question id in the file, to tell "later" from "unknown"
        self.story_of = story_of  # story question id -> its story section id
        self.before = before  # the question that owns the condition, if any

    def read(self, node: Node) -> Condition | None:
        entries = self.reader.mapping(node, CONDITION_KEYS, "a condition")
        if entries is None:
            return None
        combinators = [key for key in ("all", "any", "not") if key in entries]
        if combinators:
            if len(entries) != 1:
                self.reader.problem(node, f"'{combinators[0]}' must stand alone in its condition")
                return None
            return self.combined(combinators[0], entries[combinators[0]][1])
        if "question" not in entries:
            self.reader.problem(node, "a condition needs 'question' (or 'all', 'any', 'not')")
            return None
        ops = [key for key in TEST_OPS if key in entries]
        if len(ops) != 1:
            self.reader.problem(node, f"a condition needs exactly one test of {', '.join(TEST_OPS)}")
            return None
        referred = self.referred(entries["question"][1])
        if referred is None:
            return None
        operand = self.operand(ops[0], entries[ops[0]][1], referred)
        if operand is _INVALID:
            return None
        return Test(referred.id, ops[0], operand)

    def combined(self, key: str, inner: Node) -> Condition | None:
        if key == "not":
            part = self.read(inner)
            return Not(part) if part else None
        if not isinstance(inner, SequenceNode) or not inner.value:
            self.reader.problem(inner, f"'{key}' takes a list of conditions")
            return None
        parts = [self.read(item) for item in inner.value]
        if any(p is None for p in parts):
            return None
        return (AllOf if key == "all" else AnyOf)(tuple(p for p in parts if p))

    def referred(self, node: Node) -> Question | None:
        """The question a test names, if a condition here may refer to it."""
        target = scalar_text(node)
        found = self.visible.get(target)
        if found is not None:
            return found
        if target == self.before:
            self.reader.problem(node, f"condition of question '{target}' refers to itself")
        elif target in self.story_of:
            self.reader.problem(
                node,
                f"condition refers to '{target}', a question of story section "
                f"'{self.story_of[target]}', asked once per story; only a later question "
                "of the same story section may refer to it",
            )
        elif target in self.every_id:
            self.reader.problem(
                node,
                f"condition refers to question '{target}', which comes later; "
                "a condition may refer only to an earlier question",
            )
        else:
            self.reader.problem(
                node, f"condition refers to unknown question '{target}'{suggest(target, self.every_id)}"
            )
        return None

    def operand(self, op: str, node: Node, referred: Question) -> Any:
        problem = self.reader.problem
        if op == "answered":
            word = scalar_text(node).strip().lower()
            if word not in TRUE_WORDS | FALSE_WORDS:
                problem(node, "'answered' must be true or false")
                return _INVALID
            return word in TRUE_WORDS
        if referred.type == "note":
            problem(node, f"condition refers to '{referred.id}', a note, which has no answer")
            return _INVALID
        numeric = referred.type in ("scale", "number")
        if op in ("at_least", "at_most") and not numeric:
            problem(node, f"'{op}' needs a scale or number question; '{referred.id}' is {referred.type}")
            return _INVALID
        if op == "includes" and referred.type != "multi":
            problem(node, f"'includes' needs a multi question; '{referred.id}' is {referred.type}")
            return _INVALID
        many = op in ("in", "not_in")
        if many != isinstance(node, SequenceNode):
            problem(node, f"'{op}' takes a list of values" if many else f"'{op}' takes one value")
            return _INVALID
        values = [self.value(op, item, referred, numeric) for item in (node.value if many else [node])]
        if any(value is _INVALID for value in values):
            return _INVALID
        return tuple(values) if many else values[0]

    def value(self, op: str, item: Node, referred: Question, numeric: bool) -> Any:
        if not isinstance(item, ScalarNode):
            self.reader.problem(item, f"'{op}' values must be plain values")
            return _INVALID
        if numeric:
            number = self.reader.number(item, op)
            return _INVALID if number is None else number
        choices = [c.value for c in referred.choices]
        if choices and not referred.other and item.value not in choices:
            self.reader.problem(
                item, f"'{item.value}' is not a choice of question '{referred.id}'{suggest(item.value, choices)}"
            )
            return _INVALID
        return item.value
