"""Read YAML files as located nodes, refusing hostile input, and report problems as FILE:LINE:COL.

Scalars are read as the text written in the file: ``Yes`` stays ``"Yes"`` and
``1-2`` stays ``"1-2"``; numbers and flags are converted only where a key
expects them. The instrument loader and the project loader both build on
``read_bytes``, ``compose`` and ``NodeReader``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode

from vcf_tui.errors import VcfError
from vcf_tui.paths import is_special

MAX_BYTES = 1024 * 1024
"""Bigger files are refused unread: a real instrument is a few KB (parsing takes ~1 s per MB with libyaml)."""
MAX_DEPTH = 64
"""Deeper nesting of lists and mappings is refused (it also bounds how deep a condition can nest)."""
MAX_NODES = 200_000
"""Nodes in the document counting every alias at its full size: stops alias bombs ("billion laughs")."""

TOO_LARGE = f"file is too large: over {MAX_BYTES // (1024 * 1024)} MB (an instrument is a few KB)"
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
TRUE_WORDS = {"true", "yes", "on"}
FALSE_WORDS = {"false", "no", "off"}
NULL_WORDS = {"", "~", "null"}

FORMAT_SEARCH_EVENTS = 2000
"""How far ``declared_format`` reads looking for the top-level ``format`` key."""

Entries = dict[str, tuple[Node, Node]]
"""A mapping's keys, each with its key node and its value node."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, at a 1-based line and column (line 0: the file as a whole)."""

    line: int
    column: int
    message: str

    def format(self, filename: str) -> str:
        if self.line <= 0:
            return f"{filename}: {self.message}"
        return f"{filename}:{self.line}:{self.column}: {self.message}"


class ProblemsError(VcfError):
    """A file has problems; ``problems`` lists them all, in file order."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format(filename) for p in self.problems))

    def first_line(self) -> str:
        """The first problem, with a count of the others: for lists that show one line per file."""
        first = self.problems[0].format(self.filename) if self.problems else f"{self.filename}: not loaded"
        more = len(self.problems) - 1
        return first + (f" (and {more} more)" if more > 0 else "")


class LimitExceeded(yaml.MarkedYAMLError):
    """The document is nested too deeply or expands to too many nodes."""


if yaml.__with_libyaml__:
    from yaml._yaml import CParser
    from yaml.composer import Composer
    from yaml.resolver import Resolver

    class _EventSource(Composer, CParser, Resolver):
        """libyaml's parser (fast, and what vcf-tui has always read) under PyYAML's composer, which we can limit."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml
    _EventSource = yaml.SafeLoader  # type: ignore[misc, assignment]


class _LimitedLoader(_EventSource):
    """The safe loader's composer, counting nesting depth and nodes (aliases at their full size)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._total = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event: Any = self.peek_event()
        if isinstance(event, AliasEvent):
            anchored = self.anchors.get(event.anchor)
            self._count(self._sizes.get(id(anchored), 1) if anchored is not None else 1, event)
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise LimitExceeded(problem=f"nested more than {MAX_DEPTH} levels deep", problem_mark=event.start_mark)
        before = self._total
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        self._count(1, event)
        self._sizes[id(node)] = self._total - before
        return node

    def _count(self, size: int, event: Any) -> None:
        self._total += size
        if self._total > MAX_NODES:
            raise LimitExceeded(
                problem=f"more than {MAX_NODES} values once aliases are expanded", problem_mark=event.start_mark
            )


def read_bytes(path: str | Path, error: type[ProblemsError]) -> bytes:
    """The file's bytes; ``error`` (naming the file) if it cannot be read or is over ``MAX_BYTES``."""
    path = Path(path)
    if is_special(path):  # opening a FIFO would wait for a writer
        raise error(str(path), [Problem(0, 0, "not a regular file (a FIFO or device?)")])
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as problem:
        raise error(str(path), [Problem(0, 0, f"cannot read file: {problem.strerror or problem}")]) from None
    if len(data) > MAX_BYTES:
        raise error(str(path), [Problem(0, 0, TOO_LARGE)])
    return data


def compose(data: bytes, filename: str, error: type[ProblemsError]) -> Node | None:
    """The YAML document in ``data`` as located nodes (None when empty); ``error`` for any problem."""
    if len(data) > MAX_BYTES:
        raise error(filename, [Problem(0, 0, TOO_LARGE)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise error(filename, [Problem(0, 0, f"not UTF-8 text ({problem.reason})")]) from None
    loader = _LimitedLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None) or getattr(problem, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = getattr(problem, "problem", None) or str(problem)
        raise error(filename, [Problem(line, column, _yaml_message(problem, reason))]) from None
    finally:
        loader.dispose()


def _yaml_message(problem: yaml.YAMLError, reason: str) -> str:
    if isinstance(problem, LimitExceeded):
        return f"refused: {reason}"
    return f"YAML syntax error: {reason}"


def at(node: Node) -> tuple[int, int]:
    """A node's 1-based line and column."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def suggest(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``options``, or nothing."""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def scalar_text(node: Node) -> str:
    """A scalar's text as written; empty for lists and mappings."""
    return str(node.value) if isinstance(node, ScalarNode) else ""


class NodeReader:
    """Reads values out of located nodes, collecting a Problem for everything wrong."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str) -> None:
        line, column = at(node)
        self.problems.append(Problem(line, column, message))

    def mapping(self, node: Node, allowed: set[str], what: str) -> Entries | None:
        """Key -> (key node, value node); reports unknown (with a "did you mean") and duplicate keys."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values")
            return None
        entries: Entries = {}
        for key_node, value_node in node.value:
            key = scalar_text(key_node)
            if key in entries:
                self.problem(key_node, f"duplicate key '{key}' in {what}")
                continue
            if key not in allowed:
                self.problem(key_node, f"unknown key '{key}' in {what}{suggest(key, allowed)}")
                continue
            entries[key] = (key_node, value_node)
        return entries

    def require(self, entries: Entries, node: Node, keys: tuple[str, ...], what: str) -> bool:
        ok = True
        for key in keys:
            if key not in entries:
                self.problem(node, f"missing required key '{key}' in {what}")
                ok = False
        return ok

    def text(self, entries: Entries, key: str, default: str | None = None) -> str | None:
        if key not in entries:
            return default
        node = entries[key][1]
        if not isinstance(node, ScalarNode):
            self.problem(node, f"'{key}' must be text")
            return default
        if node.style is None and node.value.strip().lower() in NULL_WORDS:
            return default
        return node.value

    def flag(self, entries: Entries, key: str, default: bool = False) -> bool:
        if key not in entries:
            return default
        node = entries[key][1]
        word = scalar_text(node).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        self.problem(node, f"'{key}' must be true or false")
        return default

    def number(self, node: Node, key: str, integer: bool = False) -> float | int | None:
        raw = scalar_text(node).strip()
        try:
            value = float(raw)
        except ValueError:
            value = float("nan")
        if value != value or value in (float("inf"), float("-inf")):
            kind = "a whole number" if integer else "a number"
            self.problem(node, f"'{key}' must be {kind}, not '{raw}'")
            return None
        if value.is_integer():
            return int(value)
        if integer:
            self.problem(node, f"'{key}' must be a whole number, not '{raw}'")
            return None
        return value

    def optional_number(self, entries: Entries, key: str, integer: bool = False) -> float | int | None:
        if key not in entries:
            return None
        return self.number(entries[key][1], key, integer)

    def identifier(self, entries: Entries, what: str, default: str | None = None) -> str | None:
        if "id" not in entries:
            return default
        node = entries["id"][1]
        value = scalar_text(node)
        if not ID_PATTERN.match(value):
            self.problem(
                node,
                f"bad id '{value}' for {what}: use lower-case letters, digits and '-', starting with a letter or digit",
            )
            return None
        return value

    def choice_in(self, entries: Entries, key: str, options: tuple[str, ...]) -> str | None:
        value = self.text(entries, key)
        if value is not None and value not in options:
            self.problem(
                entries[key][1], f"'{key}' must be one of {', '.join(options)}, not '{value}'{suggest(value, options)}"
            )
            return None
        return value


def declared_format(path: str | Path) -> str | None:
    """The top-level ``format`` a YAML file declares, read from its first events; None if it declares none."""
    try:
        text = read_bytes(path, ProblemsError).decode("utf-8")
    except (ProblemsError, UnicodeDecodeError):
        return None
    loader = _EventSource(text)
    depth, expect_value, last_key = 0, False, ""
    try:
        for _ in range(FORMAT_SEARCH_EVENTS):
            event = loader.get_event()
            if isinstance(event, StreamEndEvent) or (depth == 0 and isinstance(event, SequenceStartEvent)):
                return None
            if depth == 1 and isinstance(event, ScalarEvent | AliasEvent | CollectionStartEvent):
                if expect_value and last_key == "format" and isinstance(event, ScalarEvent):
                    return event.value
                last_key = event.value if isinstance(event, ScalarEvent) and not expect_value else ""
                expect_value = not expect_value
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return None  # the file's checker reports the nesting
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
                if depth == 0:
                    return None
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None
