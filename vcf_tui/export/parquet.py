"""``export --format parquet``: the long CSV's rows (one per answer) as typed Parquet columns.

Written in record batches from the rows of one session at a time
(``flat_columns`` from files read whole, ``parquet_stream.streamed_columns``
from files read in batches), so memory beyond the records read stays bounded
however many answers there are.
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
Columns = dict[str, list[Any]]  # a session's rows: one list of values per column of ``schema``


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


def _texts(answers: list[dict[str, Any]], name: str) -> list[str | None]:
    return [_text(answer.get(name)) for answer in answers]


def _cycles(value: Any) -> list[str]:
    return [str(c) for c in value] if isinstance(value, list) else []


def session_columns(
    session: dict[str, Any], answers: list[dict[str, Any]], questionnaire: Questionnaire, loops: set[str]
) -> Columns:
    """The rows of the session's answers (as exported: in order, redacted), one list per column of ``schema``;
    ``loops``: the answer ids of story steps that loop back."""
    count = len(answers)
    columns: Columns = {
        name: [_time(session.get(name)) if name in TIMES else _text(session.get(name))] * count
        for name in SESSION_FIELDS
    }
    stories = [_mapping(answer.get("story")) for answer in answers]
    scales = [_mapping(answer.get("scale")) for answer in answers]
    values = [answer.get("value") for answer in answers]
    skipped = [value is None or value == [] for value in values]
    columns.update(
        answer_id=_texts(answers, "answer_id"),
        section_id=_texts(answers, "section_id"),
        question_id=[_text(answer["question_id"]) for answer in answers],
        question_text=[questionnaire.text(answer) for answer in answers],
        type=_texts(answers, "type"),
        cycles=[_cycles(answer.get("cycles")) for answer in answers],
        indicator=_texts(answers, "indicator"),
        capital=_texts(answers, "capital"),
        evidence=_texts(answers, "evidence"),
        story_section=_texts(stories, "section"),
        story_instance=[_integer(story.get("instance")) for story in stories],
        story_step=_texts(stories, "step"),
        value=[None if skip else show_value(value) for value, skip in zip(values, skipped, strict=True)],
        value_number=[
            _float(value) if answer.get("type") in NUMBER_TYPES else None
            for answer, value in zip(answers, values, strict=True)
        ],
        scale_min=[_float(scale.get("min")) for scale in scales],
        scale_max=[_float(scale.get("max")) for scale in scales],
        skipped=skipped,
        evidence_text=_texts(answers, "evidence_text"),
        loop=[answer.get("answer_id") in loops for answer in answers],
        note=_texts(answers, "note"),
        answered_at=[_time(answer.get("answered_at")) for answer in answers],
        revision=[_integer(answer.get("revision")) for answer in answers],
    )
    return columns


def flat_columns(flat: Flat) -> Iterator[Columns]:
    """The rows of each session of ``flat``, in order, as columns."""
    for session in flat.sessions:
        session_id = session["session_id"]
        questionnaire = flat.questionnaires.get(session_id, NO_INSTRUMENT)
        yield session_columns(session, flat.answers[session_id], questionnaire, flat.loops)


def _batches(pa: Any, shape: Any, sessions: Iterable[Columns]) -> Iterator[Any]:
    """Record batches of ``BATCH_ROWS`` rows from the sessions' columns."""
    names = shape.names
    pending: Columns = {name: [] for name in names}
    for columns in sessions:
        for name in names:
            pending[name] += columns[name]
        while len(pending["session_id"]) >= BATCH_ROWS:
            yield pa.RecordBatch.from_arrays([pending[name][:BATCH_ROWS] for name in names], schema=shape)
            pending = {name: pending[name][BATCH_ROWS:] for name in names}
    if pending["session_id"]:
        yield pa.RecordBatch.from_arrays([pending[name] for name in names], schema=shape)


def write_parquet(sessions: Iterable[Columns], path: Path) -> int:
    """Write the sessions' rows to ``path`` (mode 0600, whole or not at all); returns the row count."""
    pa = _pyarrow()
    shape = schema(pa)
    written = 0
    try:
        with atomic_file(path) as handle, pa.parquet.ParquetWriter(handle, shape, compression="zstd") as writer:
            for batch in _batches(pa, shape, sessions):
                writer.write_batch(batch)
                written += batch.num_rows
    except pa.ArrowException as error:
        raise ParquetError(f"{path}: cannot write Parquet: {error}") from None
    return written
