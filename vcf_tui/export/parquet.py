"""``export --format parquet``: the long CSV's rows (one per answer) as typed Parquet columns.

Written in record batches from rows given one by one (``flat_rows`` from files
read whole, ``parquet_stream.streamed_rows`` from files read in batches), so
memory beyond the records read stays bounded however many answers there are.
Needs pyarrow (``pip install "vcf-tui[analysis]"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from vcf_tui.errors import VcfError
from vcf_tui.export.questions import Questionnaire
from vcf_tui.export.rows import NO_INSTRUMENT, SESSION_FIELDS, Flat, show_value
from vcf_tui.store.atomic import atomic_file

BATCH_ROWS = 50_000
TIMES = ("started_at", "completed_at", "answered_at")
NUMBER_TYPES = ("number", "scale")


class ParquetUnavailable(VcfError):
    """pyarrow is not installed."""


class ParquetError(VcfError):
    """pyarrow could not write the file (one line, never a traceback)."""


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # loads the writer into the pyarrow namespace
    except ImportError:
        raise ParquetUnavailable('--format parquet needs pyarrow: pip install "vcf-tui[analysis]"') from None
    return pyarrow


def schema(pa: Any) -> Any:
    """Session fields, then the long CSV's answer columns, each typed.

    Added to the CSV's: ``answer_id`` (to drop copies of one answer found in several files),
    ``value_number`` (numbers and scales) and a scale's bounds, ``scale_min`` and ``scale_max``.
    """
    stamp, text, number = pa.timestamp("us", tz="UTC"), pa.string(), pa.float64()
    fields = [(name, stamp if name in TIMES else text) for name in SESSION_FIELDS]
    fields += [
        ("answer_id", text),
        ("section_id", text),
        ("question_id", text),
        ("question_text", text),
        ("type", text),
        ("cycles", pa.list_(text)),
        ("indicator", text),
        ("capital", text),
        ("evidence", text),
        ("story_section", text),
        ("story_instance", pa.int64()),
        ("story_step", text),
        ("value", text),
        ("value_number", number),
        ("scale_min", number),
        ("scale_max", number),
        ("skipped", pa.bool_()),
        ("evidence_text", text),
        ("loop", pa.bool_()),
        ("note", text),
        ("answered_at", stamp),
        ("revision", pa.int64()),
    ]
    return pa.schema(fields)


def _time(value: Any) -> datetime | None:
    """An ISO-8601 time as an aware datetime; anything else (data is data) as null."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 1 << 63 else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _number(answer: dict[str, Any]) -> float | None:
    return _float(answer.get("value")) if answer.get("type") in NUMBER_TYPES else None


def _answer_row(questionnaire: Questionnaire, answer: dict[str, Any], loops: set[str]) -> dict[str, Any]:
    story = _mapping(answer.get("story"))
    scale = _mapping(answer.get("scale"))
    cycles = answer.get("cycles")
    value = answer.get("value")
    skipped = value is None or value == []
    return {
        "answer_id": _text(answer.get("answer_id")),
        "section_id": _text(answer.get("section_id")),
        "question_id": _text(answer["question_id"]),
        "question_text": questionnaire.text(answer),
        "type": _text(answer.get("type")),
        "cycles": [str(c) for c in cycles] if isinstance(cycles, list) else [],
        "indicator": _text(answer.get("indicator")),
        "capital": _text(answer.get("capital")),
        "evidence": _text(answer.get("evidence")),
        "story_section": _text(story.get("section")),
        "story_instance": _integer(story.get("instance")),
        "story_step": _text(story.get("step")),
        "value": None if skipped else show_value(value),
        "value_number": _number(answer),
        "scale_min": _float(scale.get("min")),
        "scale_max": _float(scale.get("max")),
        "skipped": skipped,
        "evidence_text": _text(answer.get("evidence_text")),
        "loop": answer.get("answer_id") in loops,
        "note": _text(answer.get("note")),
        "answered_at": _time(answer.get("answered_at")),
        "revision": _integer(answer.get("revision")),
    }


def session_rows(
    session: dict[str, Any], answers: Iterable[dict[str, Any]], questionnaire: Questionnaire, loops: set[str]
) -> Iterator[dict[str, Any]]:
    """One row per answer of the session (answers as exported: in order, redacted); ``loops``: the answer ids of
    story steps that loop back."""
    fixed = {name: _time(session.get(name)) if name in TIMES else _text(session.get(name)) for name in SESSION_FIELDS}
    for answer in answers:
        yield {**fixed, **_answer_row(questionnaire, answer, loops)}


def flat_rows(flat: Flat) -> Iterator[dict[str, Any]]:
    """The rows of every session of ``flat``, in order."""
    for session in flat.sessions:
        session_id = session["session_id"]
        questionnaire = flat.questionnaires.get(session_id, NO_INSTRUMENT)
        yield from session_rows(session, flat.answers[session_id], questionnaire, flat.loops)


def _batches(pa: Any, shape: Any, rows: Iterable[dict[str, Any]]) -> Iterator[Any]:
    """Record batches of ``BATCH_ROWS`` rows, each gathered as columns (a row's dict is dropped once read)."""
    names = shape.names
    columns: list[list[Any]] = [[] for _ in names]
    count = 0
    for row in rows:
        for column, name in zip(columns, names, strict=True):
            column.append(row[name])
        count += 1
        if count == BATCH_ROWS:
            yield pa.RecordBatch.from_arrays(columns, schema=shape)
            columns, count = [[] for _ in names], 0
    if count:
        yield pa.RecordBatch.from_arrays(columns, schema=shape)


def write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Write the rows to ``path`` (mode 0600, whole or not at all); returns the row count."""
    pa = _pyarrow()
    shape = schema(pa)
    written = 0
    try:
        with atomic_file(path) as handle, pa.parquet.ParquetWriter(handle, shape, compression="zstd") as writer:
            for batch in _batches(pa, shape, rows):
                writer.write_batch(batch)
                written += batch.num_rows
    except pa.ArrowException as error:
        raise ParquetError(f"{path}: cannot write Parquet: {error}") from None
    return written
