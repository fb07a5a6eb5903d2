"""Malformed data files: each case writes one into a folder, starting from a good file made by ``ask``.

A case's ``kind`` says what every command must make of it:
``good`` must be read (exit 0 for a reader and a writer), ``readable`` must be read by a reader but a
writer may refuse it, ``unusable`` must be refused with exit 1 and one line naming the file,
``damaged`` (records of the wrong shape in a file that is otherwise ours) may be read with warnings or
refused, but never with a traceback.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from tests.hostile.instrument_text import HOSTILE_TEXT, INSTRUMENT, answers_yaml

Base = dict[str, Any]
DATA_NAME = "data.json"


@dataclass(frozen=True)
class DataCase:
    """One hostile data file: ``write(folder, base)`` makes it and returns its path."""

    name: str
    kind: str
    write: Callable[[Path, Base], Path]
    in_process: bool = True  # False: reading it may block (a FIFO), so only a subprocess with a timeout runs it


def make_base(folder: Path) -> Base:
    """A good data file as a dict: two waves of one respondent, codings by coders A and B, an observation."""
    from vcf_tui.cli import main

    instrument = folder / "fuzz.yaml"
    instrument.write_text(INSTRUMENT, encoding="utf-8")
    data = folder / DATA_NAME
    for wave, confidence in (("baseline", 2), ("12-months", 4)):
        answers = folder / f"{wave}.yaml"
        answers.write_text(answers_yaml("P07", wave, confidence), encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["ask", str(instrument), "--data", str(data), "--answers", str(answers)])
        assert code == 0, f"the base file could not be made ({wave})"
    base = orjson.loads(data.read_bytes())
    texts = [a for a in base["answers"].values() if isinstance(a["value"], str)]
    for number, answer in enumerate(texts, 1):
        for coder in ("A", "B"):
            cycle = answer["cycles"][0] if coder == "A" or number % 2 else "reframing"
            base["codings"][f"{coder}{number}"] = {
                "coding_id": f"{coder}-{answer['answer_id']}-{cycle}",
                "answer_id": answer["answer_id"],
                "session_id": answer["session_id"],
                "cycle": cycle,
                "coder": coder,
                "comment": "seen",
                "at": "2026-01-01T00:00:00.000Z",
                "updated_at": "2026-01-01T00:00:00.000Z",
                "revision": 1,
                "removed": False,
            }
    base["observations"]["1"] = {
        "observation_id": "0f1e2d3c-0000-4000-8000-000000000001",
        "cycle": "immediate",
        "indicator": "attendance",
        "value": 14,
        "period": "baseline",
        "scope": "group",
        "source": "register",
        "note": "first",
    }
    return base


# -- helpers -----------------------------------------------------------------


def _write(folder: Path, data: bytes) -> Path:
    path = folder / DATA_NAME
    path.write_bytes(data)
    return path


def _dump(folder: Path, tables: Base) -> Path:
    return _write(folder, orjson.dumps(tables))


def _records(base: Base, table: str) -> list[dict[str, Any]]:
    return list(base[table].values())


def _edit(change: Callable[[Base], None]) -> Callable[[Path, Base], Path]:
    """A case that changes a copy of the base file's tables."""

    def write(folder: Path, base: Base) -> Path:
        tables = copy.deepcopy(base)
        change(tables)
        return _dump(folder, tables)

    return write


def _raw(data: bytes) -> Callable[[Path, Base], Path]:
    return lambda folder, _base: _write(folder, data)


def _with_journal(*lines: bytes) -> Callable[[Path, Base], Path]:
    """The good snapshot and a journal of these lines beside it (as a killed writer leaves it)."""

    def write(folder: Path, base: Base) -> Path:
        path = _dump(folder, base)
        (folder / (DATA_NAME + ".journal")).write_bytes(b"".join(lines))
        return path

    return write


def _header(file_id: str | None = None) -> bytes:
    header: dict[str, Any] = {"vcf_journal": 1, "pid": 1, "host": "elsewhere", "since": "2026-01-01T00:00:00.000Z"}
    if file_id:
        header["file_id"] = file_id
    return orjson.dumps(header) + b"\n"


def _put(*puts: tuple[Any, Any]) -> bytes:
    return orjson.dumps({"put": [list(put) for put in puts]}) + b"\n"


def _answer(**fields: Any) -> dict[str, Any]:
    return {
        "answer_id": "9a9a9a9a-0000-4000-8000-000000000009",
        "session_id": "none",
        "question_id": "idea",
        "value": "from the journal",
        "cycles": ["applied"],
        "revision": 1,
        **fields,
    }


# -- the edits -----------------------------------------------------------------


def _set(table: str, **fields: Any) -> Callable[[Base], None]:
    def change(tables: Base) -> None:
        for record in tables[table].values():
            record.update(fields)

    return change


def _set_first(table: str, **fields: Any) -> Callable[[Base], None]:
    def change(tables: Base) -> None:
        next(iter(tables[table].values())).update(fields)

    return change


def _all(*changes: Callable[[Base], None]) -> Callable[[Base], None]:
    def change(tables: Base) -> None:
        for one in changes:
            one(tables)

    return change


def _story_answers(**fields: Any) -> Callable[[Base], None]:
    def change(tables: Base) -> None:
        for record in tables["answers"].values():
            if record.get("story"):
                record.update(fields)

    return change


def _keys_only(tables: Base) -> None:
    for table, key in (("sessions", "session_id"), ("answers", "answer_id"), ("codings", "coding_id")):
        for number, record in tables[table].items():
            tables[table][number] = {key: record[key]}


def _hostile_text(tables: Base) -> None:
    for record in tables["sessions"].values():
        record.update(respondent=HOSTILE_TEXT, interviewer=HOSTILE_TEXT, instrument_id=HOSTILE_TEXT)
    for record in tables["answers"].values():
        if isinstance(record["value"], str):
            record["value"] = HOSTILE_TEXT + "\r\nsecond line"
        record["note"] = HOSTILE_TEXT
    for record in tables["codings"].values():
        record["comment"] = HOSTILE_TEXT
    for record in tables["observations"].values():
        record.update(note=HOSTILE_TEXT, source=HOSTILE_TEXT)
    next(iter(tables["meta"].values()))["device"] = HOSTILE_TEXT


def _hostile_ids(tables: Base) -> None:
    for record in tables["answers"].values():
        record["question_id"] = HOSTILE_TEXT + record["question_id"]
        record["cycles"] = [HOSTILE_TEXT]
    for record in tables["codings"].values():
        record.update(coder=HOSTILE_TEXT, cycle=HOSTILE_TEXT)


def _two_meta(tables: Base) -> None:
    meta = dict(next(iter(tables["meta"].values())), file_id="11111111-1111-4111-8111-111111111111")
    tables["meta"]["2"] = meta


def _tables_as_lists(tables: Base) -> None:
    tables["answers"] = list(tables["answers"].values())
    tables["sessions"] = "sessions"


def _unknown_table_not_a_table(tables: Base) -> None:
    tables["future_list"] = [1, 2, {"y": None}]
    tables["future_text"] = "text"


def _records_not_objects(tables: Base) -> None:
    tables["answers"]["98"] = 5
    tables["answers"]["99"] = ["answer_id", "x"]
    tables["sessions"]["99"] = None


def _unhashable_keys(tables: Base) -> None:
    next(iter(tables["sessions"].values()))["session_id"] = {"a": 1}
    next(iter(tables["answers"].values()))["answer_id"] = ["x"]
    next(iter(tables["codings"].values()))["coding_id"] = 3.5


def _unknown_tables(tables: Base) -> None:
    tables["future"] = {"1": {"x": 1}, "2": {"y": [None, {"z": 1}]}}
    for record in tables["answers"].values():
        record["future_field"] = {"nested": [1, 2]}


def _good_symlink(folder: Path, base: Base) -> Path:
    target = folder / "target.json"
    target.write_bytes(orjson.dumps(base))
    os.symlink(target.name, folder / DATA_NAME)
    return folder / DATA_NAME


def _dangling_symlink(folder: Path, _base: Base) -> Path:
    os.symlink("nowhere.json", folder / DATA_NAME)
    return folder / DATA_NAME


def _symlink_loop(folder: Path, _base: Base) -> Path:
    os.symlink("loop.json", folder / DATA_NAME)
    os.symlink(DATA_NAME, folder / "loop.json")
    return folder / DATA_NAME


def _directory(folder: Path, _base: Base) -> Path:
    (folder / DATA_NAME).mkdir()
    return folder / DATA_NAME


def _fifo(folder: Path, _base: Base) -> Path:
    os.mkfifo(folder / DATA_NAME)
    return folder / DATA_NAME


def _truncated(folder: Path, base: Base) -> Path:
    data = orjson.dumps(base)
    return _write(folder, data[: len(data) // 2])


def _not_utf8(folder: Path, base: Base) -> Path:
    return _write(folder, orjson.dumps(base).replace(b"P07", b"P\xff\xfe7"))


GARBAGE = bytes(range(256)) * 8
OTHER_FILE = "22222222-2222-4222-8222-222222222222"

DATA_CASES = [
    DataCase("good", "good", _edit(lambda tables: None)),
    DataCase("markup-and-control-text", "good", _edit(_hostile_text)),
    DataCase("markup-and-control-ids", "damaged", _edit(_hostile_ids)),
    DataCase("unknown-tables-and-fields", "good", _edit(_unknown_tables)),
    DataCase("good-symlink", "link", _good_symlink),
    DataCase("journal-torn-line", "good", _with_journal(_header(), _put(("answers", _answer())), b'{"put": [["ans')),
    DataCase("unknown-table-of-wrong-shape", "damaged", _edit(_unknown_table_not_a_table)),
    DataCase(
        "journal-garbage-line",
        "readable",
        _with_journal(_header(), GARBAGE[:200] + b"\n", _put(("answers", _answer()))),
    ),
    DataCase(
        "journal-wrong-shapes",
        "damaged",
        _with_journal(
            _header(),
            b'{"put": 5}\n',
            b'{"put": [[1]]}\n',
            b'{"put": [["answers", 5]]}\n',
            b'{"put": [[["x"], {}]]}\n',
            b"[1, 2]\n",
            b'"text"\n',
            b'{"put": [["answers", {"answer_id": {"a": 1}}]]}\n',
            b'{"put": {"a": 1}}\n',
            b'{"put": [["answers", {"answer_id": null}]]}\n',
            b'{"put": [[null, null, null]]}\n',
        ),
    ),
    DataCase(
        "journal-of-another-file",
        "damaged",
        _with_journal(
            _header(OTHER_FILE),
            _put(
                ("meta", {"schema": 1, "file_id": OTHER_FILE, "device": "x", "created_at": "2026-01-01T00:00:00.000Z"})
            ),
            _put(("sessions", {"session_id": "other-session", "instrument_id": "fuzz", "status": "complete"})),
            _put(("answers", _answer(session_id="other-session"))),
        ),
    ),
    DataCase("journal-binary", "damaged", _with_journal(GARBAGE)),
    DataCase("value-object", "damaged", _edit(_set("answers", value={"a": {"b": [1, None]}}))),
    DataCase("cycles-string", "damaged", _edit(_set("answers", cycles="applied"))),
    DataCase("cycles-wrong-items", "damaged", _edit(_set("answers", cycles=[1, None, {"x": 1}, ["y"]]))),
    DataCase("revision-string", "damaged", _edit(_all(_set("answers", revision="3"), _set("codings", revision="x")))),
    DataCase(
        "session-id-null",
        "damaged",
        _edit(_all(_set_first("sessions", session_id=None), _set("answers", session_id=None))),
    ),
    DataCase("unhashable-keys", "damaged", _edit(_unhashable_keys)),
    DataCase("story-list", "damaged", _edit(_story_answers(story=[1, 2]))),
    DataCase(
        "story-wrong-fields",
        "damaged",
        _edit(_story_answers(story={"section": 5, "instance": "x", "step": None, "position": "first"})),
    ),
    DataCase("scale-string", "damaged", _edit(_set("answers", scale="1-5", type="scale"))),
    DataCase(
        "scale-wrong-bounds",
        "damaged",
        _edit(_set("answers", scale={"min": "a", "max": None}, type="scale", value="high")),
    ),
    DataCase(
        "status-unknown",
        "damaged",
        _edit(_all(_set_first("sessions", status="weird"), _set("sessions", mode=3, consent="yes"))),
    ),
    DataCase(
        "times-not-strings",
        "damaged",
        _edit(
            _all(
                _set("answers", answered_at=5, updated_at={"x": 1}),
                _set("sessions", started_at=[1], updated_at=7, completed_at=True),
                _set("codings", at=None, updated_at=3),
                _set("meta", created_at=7),
            )
        ),
    ),
    DataCase(
        "strings-of-wrong-type",
        "damaged",
        _edit(
            _all(
                _set("sessions", respondent=5, interviewer=["x"], wave={"x": 1}, instrument_id=7, framework=None),
                _set("answers", question_id=None, type=4, indicator=[1], capital={"c": 1}, personal="no", hidden="no"),
                _set("codings", coder=None, cycle=5, answer_id=None, removed="no"),
                _set("observations", value="many", period=5, indicator=None),
            )
        ),
    ),
    DataCase("records-with-only-keys", "damaged", _edit(_keys_only)),
    DataCase("tables-of-wrong-shape", "damaged", _edit(_tables_as_lists)),
    DataCase("records-not-objects", "damaged", _edit(_records_not_objects)),
    DataCase("two-meta-records", "damaged", _edit(_two_meta)),
    DataCase("huge-numbers", "damaged", _edit(_set("answers", value=1e308, revision=2**63 - 1))),
    DataCase("newer-schema", "unusable", _edit(_set("meta", schema=99))),
    DataCase("schema-string", "unusable", _edit(_set("meta", schema="1"))),
    DataCase("meta-empty", "unusable", _edit(lambda tables: tables.update(meta={}))),
    DataCase("meta-not-object", "unusable", _edit(lambda tables: tables.update(meta={"1": 5}))),
    DataCase("truncated-snapshot", "unusable", _truncated),
    DataCase("empty-file", "unusable", _raw(b"")),
    DataCase("binary-garbage", "unusable", _raw(GARBAGE)),
    DataCase("not-an-object", "unusable", _raw(b'[{"meta": {}}, 1]')),
    DataCase("not-utf8", "unusable", _not_utf8),
    DataCase("deeply-nested-json", "unusable", _raw(b'{"meta": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")),
    DataCase("a-directory", "unusable", _directory),
    DataCase("missing-file", "unusable", lambda folder, _base: folder / DATA_NAME),
    DataCase("dangling-symlink", "unusable", _dangling_symlink),
    DataCase("symlink-loop", "unusable", _symlink_loop),
    DataCase("fifo", "unusable", _fifo, in_process=False),
]
