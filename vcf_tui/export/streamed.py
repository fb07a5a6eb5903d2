"""An export's files read in batches (``store.streaming``), each answer and coding kept as its encoded bytes.

Whole-file loading holds every record as Python objects, about seven times
the file's size. Here each batch of checked records is folded and dropped:
an answer that an export shows is kept as its orjson encoding (indented, at
level 0) with the few fields that place it in its session, grouped by
session in the order ``store.load`` and ``analysis.merge.union`` give them;
a coding as its encoding, under its answer. Sessions, instruments,
observations and story reviews are few and kept as records.

``read_streamed`` raises ``WholeLoadNeeded`` where the files must be read
whole (``export.sources.read_sources``) to give what that gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from vcf_tui.store.reading import paused_gc
from vcf_tui.store.streaming import WholeLoadNeeded, stream_files

KEPT_TABLES = ("sessions", "instruments", "observations", "story_reviews")
INDENTED = orjson.OPT_INDENT_2
RECORD_END = b"\n}"  # how a record's indented encoding ends

Body = bytes | dict[str, Any]  # a record's indented encoding without its ``RECORD_END``, or the record itself
# A story step's place (its story's section and instance, its step id and position, as ``story`` gives them) and
# what tells whether it loops: whether it has a value, its first cycle and when it was answered.
StoryPlace = tuple[str, int, str, "int | None"]
StepPlace = tuple[StoryPlace, bool, "str | None", "str | None"]
# An answer as kept: answer id, question id, whether the record says ``personal: true``, its ``StepPlace`` (None
# when ``story`` is null), and its ``Body``.
KeptAnswer = tuple[str, Any, bool, "StepPlace | None", Body]


def body_of(record: dict[str, Any]) -> Body:
    """The record's indented encoding without its end (a copy: orjson's own buffer is several times larger); the
    record itself where orjson cannot encode it (an integer beyond 64 bits)."""
    try:
        return orjson.dumps(record, option=INDENTED)[: -len(RECORD_END)]
    except orjson.JSONEncodeError:
        return record


def record_of(body: Body) -> dict[str, Any]:
    """The record a ``Body`` holds."""
    return body if isinstance(body, dict) else orjson.loads(body + RECORD_END)


@dataclass
class Streamed:
    """What a json export reads of its files, as ``read_sources`` would give it, answers and codings compact."""

    tables: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {t: {} for t in KEPT_TABLES})
    answers: dict[str, list[KeptAnswer]] = field(default_factory=dict)  # by session id, shown answers only
    codings: dict[str, list[Body]] = field(default_factory=dict)  # by answer id, not removed
    source_file: dict[str, str] = field(default_factory=dict)
    legacy_key_files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_streamed(paths: list[str], with_codings: bool = True) -> Streamed:
    """Read the files in batches (codings only ``with_codings``); ``WholeLoadNeeded`` if they must be read whole."""
    streamed = Streamed()
    shared: dict[Any, Any] = {}  # one copy of each question id, story place and cycle
    files = iter(paths)
    path = ""
    with paused_gc():
        for table, records in stream_files(paths, streamed.warnings):
            if table == "meta":  # each file's first batch (store.streaming.stream_file)
                following = next(files, None)
                if following is None:
                    raise WholeLoadNeeded("a meta record outside a file's first batch")
                path = following
                if any(meta.get("pseudonym_key") for meta in records.values()):
                    streamed.legacy_key_files.append(path)
            elif table == "answers":
                _keep_answers(streamed.answers, records, shared)
            elif table == "codings" and with_codings:
                _keep_codings(streamed.codings, records)
            elif table in KEPT_TABLES:
                streamed.tables[table].update(records)
                if table == "sessions":
                    for session_id in records:
                        streamed.source_file.setdefault(session_id, path)
    return streamed


def _keep_answers(answers: dict[str, list[KeptAnswer]], records: dict[str, dict[str, Any]], shared: dict) -> None:
    """Keep the answers an export shows (not hidden, with a question id), each under its session."""
    for answer in records.values():
        if answer.get("hidden") or "question_id" not in answer:
            continue
        # the export adds ``loop`` and ``codings`` at an answer's end: one that holds them is kept as its record
        body = answer if "loop" in answer or "codings" in answer else body_of(answer)
        question_id = shared.setdefault(answer["question_id"], answer["question_id"])  # text or null: one copy
        story = answer.get("story")  # null or an object (store.checks)
        step = None if story is None else _step_place(answer, story, shared)
        kept = (answer["answer_id"], question_id, answer.get("personal") is True, step, body)
        session = answers.get(answer["session_id"])
        if session is None:
            answers[answer["session_id"]] = [kept]
        else:
            session.append(kept)


def _step_place(answer: dict[str, Any], story: dict[str, Any], shared: dict) -> StepPlace:
    """The step's place (one copy of each) and what tells whether it loops."""
    place = (story["section"], story["instance"], story["step"], story.get("position"))
    cycles = answer.get("cycles")
    cycle = cycles[0] if cycles else None
    return (
        shared.setdefault(place, place),
        answer.get("value") is not None,
        None if cycle is None else shared.setdefault(cycle, cycle),
        answer.get("answered_at"),
    )


def _keep_codings(codings: dict[str, list[Body]], records: dict[str, dict[str, Any]]) -> None:
    for coding in records.values():
        if not coding.get("removed"):
            codings.setdefault(coding.get("answer_id", ""), []).append(body_of(coding))
