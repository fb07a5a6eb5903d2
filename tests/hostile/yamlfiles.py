"""Hostile instrument and answers files: deep nesting, alias bombs, huge files, wrong types everywhere."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.hostile.instrument_text import HOSTILE_TEXT, INSTRUMENT, answers_yaml

Write = Callable[[Path], None]


@dataclass(frozen=True)
class FileCase:
    """One hostile YAML file; ``usable``: a command must accept it (True), refuse it (False), or may do either."""

    name: str
    write: Write
    usable: bool | None = False
    in_process: bool = True


def _text(text: str) -> Write:
    return lambda path: path.write_text(text, encoding="utf-8")


def _bytes(data: bytes) -> Write:
    return lambda path: path.write_bytes(data)


def alias_bomb(key: str) -> str:
    """'Billion laughs': nine levels of nine aliases, 9**9 leaves if anything walks it as a tree."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\n{key}: *l9\n"


def _deep(key: str) -> str:
    return f"{key}: " + "[" * 50_000 + "]" * 50_000 + "\n"


def _deep_block(key: str) -> str:
    return f"{key}:\n" + "".join(" " * depth + f"k{depth}:\n" for depth in range(1, 3000)) + " " * 3000 + "v: 1\n"


def _directory(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _loop(path: Path) -> None:
    os.symlink(path.name, path)


def _huge_instrument(path: Path) -> None:
    text = INSTRUMENT.replace("title: Fuzz instrument", "title: " + json.dumps("x" * 5_000_000))
    path.write_text(text, encoding="utf-8")


def _escaped(text: str) -> str:
    return json.dumps(text)  # a YAML double-quoted scalar: control characters as escapes, markup as is


WRONG_TYPES_TOP = """\
format: 1
id: [x]
version: {a: 1}
title: 5
framework: []
sections: "sections"
"""

WRONG_TYPES_INSIDE = """\
format: vcf-instrument/1
id: wrong
version: 1
title: Wrong types inside
framework: vcf-2011
consent: [yes]
sections:
  - 5
  - "text"
  - {id: [1], title: {a: 1}, questions: "q", cycle: 7}
  - id: s
    title: S
    cycle: [immediate]
    when: "always"
    questions:
      - 5
      - {id: {a: 1}, type: [single], text: 7, choices: 3, scale: "1-5", when: "x", cycles: "applied"}
      - {id: q2, type: scale, text: Q, scale: {min: "a", max: [1], labels: "none"}}
      - {id: q3, type: single, text: Q, choices: [{value: [1]}, null, {label: 5}]}
      - {id: q4, type: number, text: Q, min: "zero", max: {}}
  - {id: st, title: Story, kind: story, steps: "many", repeat: {max: "two"}}
  - {id: st2, title: Story, kind: story, steps: [5, {cycle: 7, text: []}], repeat: 3}
"""

MARKUP_INSTRUMENT = (
    INSTRUMENT.replace("title: Fuzz instrument", f"title: {_escaped(HOSTILE_TEXT)}")
    .replace("title: Taking part", f"title: {_escaped(HOSTILE_TEXT)}")
    .replace('text: "How many meetings?"', f"text: {_escaped(HOSTILE_TEXT)}")
    .replace("choices: [None, 1-2, 3-5]", f"choices: [None, 1-2, 3-5, {_escaped('[bold]x[/]')}]")
)

INSTRUMENT_CASES = [
    FileCase("good", _text(INSTRUMENT), usable=True),
    FileCase("markup-and-control-text", _text(MARKUP_INSTRUMENT), usable=True),
    FileCase("deep-flow-nesting", _text(_deep("sections"))),
    FileCase("deep-block-nesting", _text(_deep_block("sections"))),
    FileCase(
        "alias-bomb",
        _text("format: vcf-instrument/1\nid: bomb\ntitle: Bomb\nframework: vcf-2011\n" + alias_bomb("sections")),
    ),
    FileCase("five-megabytes", _huge_instrument, usable=None),
    FileCase("wrong-types-at-the-top", _text(WRONG_TYPES_TOP)),
    FileCase("wrong-types-inside", _text(WRONG_TYPES_INSIDE)),
    FileCase("yaml-syntax-error", _text("format: vcf-instrument/1\nsections: [\n  - {id: a\n")),
    FileCase("raw-control-characters", _text("format: vcf-instrument/1\nid: c\ntitle: \x1b[2J\x07\n")),
    FileCase("a-json-array", _text("[1, 2, 3]")),
    FileCase("empty", _text("")),
    FileCase("binary", _bytes(bytes(range(256)) * 8)),
    FileCase("not-utf8", _bytes(INSTRUMENT.replace("Fuzz", "F\udcffzz").encode("utf-8", "surrogateescape"))),
    FileCase("a-directory", _directory),
    FileCase("missing", lambda path: None),
    FileCase("symlink-loop", _loop),
    FileCase("fifo", _fifo, in_process=False),
]

WRONG_TYPES_ANSWERS = """\
respondent: {name: P07}
interviewer: [Sam]
wave: [1]
mode: 5
consent: "yes"
answers: {meetings: {a: 1}, confidence: "high", idea: [1, 2]}
stories: "many"
"""

WRONG_TYPES_ANSWERS_INSIDE = """\
respondent: P07
answers: [meetings, 3-5]
stories:
  story: [5, "text", {immediate: {a: 1}, potential: [1, [2]]}, {unknown-step: x}]
"""

ANSWER_CASES = [
    FileCase("good", _text(answers_yaml("P08", "baseline", 3)), usable=True),
    FileCase("markup-and-control-text", _text(answers_yaml(HOSTILE_TEXT, "baseline", 3, HOSTILE_TEXT)), usable=True),
    FileCase("wrong-types", _text(WRONG_TYPES_ANSWERS)),
    FileCase("wrong-types-inside", _text(WRONG_TYPES_ANSWERS_INSIDE)),
    FileCase("unknown-question", _text(answers_yaml("P08", "baseline", 3) + "answers: {nope: 1}\n")),
    FileCase("out-of-range", _text(answers_yaml("P08", "baseline", 99))),
    FileCase("huge", _text(answers_yaml("P08", "baseline", 3, "x" * 5_000_000)), usable=None),
    FileCase("alias-bomb", _text("respondent: P08\n" + alias_bomb("answers"))),
    FileCase(
        "alias-bomb-in-a-value",
        _text("respondent: P08\n" + alias_bomb("bomb") + "answers: {meetings: 3-5, idea: *l9}\n"),
    ),
    FileCase("deep-nesting", _text("respondent: P08\n" + _deep("answers"))),
    FileCase("deep-block-nesting", _text("respondent: P08\n" + _deep_block("answers"))),
    FileCase("a-json-array", _text("[1, 2]")),
    FileCase("a-scalar", _text("just text")),
    FileCase(
        "json-with-wrong-types",
        _text(json.dumps({"respondent": None, "answers": {"meetings": None}, "stories": {"story": {"a": 1}}})),
    ),
    FileCase("empty", _text("")),
    FileCase("binary", _bytes(bytes(range(256)) * 8)),
    FileCase("a-directory", _directory),
    FileCase("missing", lambda path: None),
    FileCase("fifo", _fifo, in_process=False),
]

CSV_HEADER = "indicator,value,period,scope,source,note\n"

CSV_CASES = [
    FileCase("good", _text(CSV_HEADER + "attendance,14,baseline,group,register,first\n"), usable=True),
    FileCase(
        "markup-and-control-text",
        _text(CSV_HEADER + f"attendance,3,baseline,group,{_escaped(HOSTILE_TEXT)},{_escaped(HOSTILE_TEXT)}\n"),
        usable=True,
    ),
    FileCase("unknown-indicator-and-bad-values", _text(CSV_HEADER + "nope,x,never,galaxy,,\nattendance,,,,,\n")),
    FileCase("wrong-columns", _text("a,b\n1,2\n")),
    FileCase("ragged-rows", _text(CSV_HEADER + "attendance,1,baseline,group,r,n,extra,more\nattendance\n")),
    FileCase("nul-bytes", _bytes(CSV_HEADER.encode() + b"attendance,1\x00,baseline,group,r,\x00\n")),
    FileCase("unclosed-quote", _text(CSV_HEADER + 'attendance,1,baseline,group,"register\n')),
    FileCase(
        "huge-field", _text(CSV_HEADER + "attendance,1,baseline,group,register," + "x" * 3_000_000 + "\n"), usable=None
    ),
    FileCase("numbers-out-of-range", _text(CSV_HEADER + "attendance,1e999,baseline,group,r,\nattendance,nan,,,,\n")),
    FileCase("header-only", _text(CSV_HEADER), usable=None),
    FileCase("empty", _text("")),
    FileCase("binary", _bytes(bytes(range(256)) * 8)),
    FileCase("not-utf8", _bytes(CSV_HEADER.encode() + b"attendance,1,baseline,group,r\xff\xfe,\n")),
    FileCase("a-directory", _directory),
    FileCase("missing", lambda path: None),
    FileCase("fifo", _fifo, in_process=False),
]

KEY_CASES = [
    FileCase("good", _text("ab" * 32 + "\n"), usable=True),
    FileCase("too-short", _text("abc\n")),
    FileCase("markup-and-control-text", _text(HOSTILE_TEXT * 4), usable=None),
    FileCase("empty", _text("")),
    FileCase("binary", _bytes(bytes(range(256)) * 8), usable=None),
    FileCase("huge", _text("a" * 5_000_000), usable=None),
    FileCase("a-directory", _directory),
    FileCase("symlink-loop", _loop),
    FileCase("fifo", _fifo, in_process=False),
]

NAMES_CASES = [
    FileCase("good", _text("Sam\nAna\n"), usable=True),
    FileCase("markup-and-control-text", _text(f"{HOSTILE_TEXT}\n[/]\n\\\n.*\n(\n"), usable=True),
    FileCase("empty", _text(""), usable=None),
    FileCase("binary", _bytes(bytes(range(256)) * 8), usable=None),
    FileCase("many-names", _text("".join(f"name{n}\n" for n in range(20_000))), usable=None),
    FileCase("a-directory", _directory),
    FileCase("missing", lambda path: None),
    FileCase("fifo", _fifo, in_process=False),
]
