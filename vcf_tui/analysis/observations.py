"""Indicator observations from CSV (SPEC section 9): checked whole, imported all or nothing, never twice.

An observation's id is derived from its content (indicator, value, period, scope, source, note), so
importing the same file again, or a renamed copy, adds nothing.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vcf_tui.errors import VcfError
from vcf_tui.paths import is_special
from vcf_tui.project.model import SCOPES, Project, is_iso_date
from vcf_tui.store.records import now

COLUMNS = ("indicator", "value", "period", "scope", "source", "note")
REQUIRED = ("indicator", "value")
NAMESPACE = uuid.UUID("0b7f4a1e-52c3-4f57-9d0e-6a1c2f3e4d5b")


class ObservationError(VcfError):
    """A CSV file of observations has problems; nothing was imported."""


@dataclass(frozen=True)
class ImportResult:
    new: list[dict[str, Any]]
    already: int


def _number(text: str) -> int | float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value) if value.is_integer() else value


def observation_id(fields: dict[str, Any]) -> str:
    return str(uuid.uuid5(NAMESPACE, "\0".join(str(fields[c] if fields[c] is not None else "") for c in COLUMNS)))


def read_observations(data: bytes, filename: str, project: Project) -> list[dict[str, Any]]:
    """The CSV rows as observation records; ObservationError listing every bad row (FILE:LINE: ...)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ObservationError(f"{filename}: not UTF-8 text ({error.reason}); nothing was imported") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # strict: an unclosed quote is an error
    problems: list[str] = []
    records: list[dict[str, Any]] = []
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        columns = _check_header(header, filename)
        while True:
            line = reader.line_num + 1  # where the row starts (a quoted cell may span lines)
            row = next(reader, None)
            if row is None:
                break
            if not any(cell.strip() for cell in row):
                continue
            cells = {name: (row[n].strip() if n < len(row) else "") for name, n in columns.items()}
            record, row_problems = _record(cells, project)
            problems += [f"{filename}:{line}: {p}" for p in row_problems]
            if record is not None:
                records.append(record)
    except csv.Error as error:
        problems.append(f"{filename}:{reader.line_num}: not valid CSV ({error})")
    if problems:
        raise ObservationError("\n".join([*problems, f"{filename}: nothing was imported"]))
    return records


def _check_header(header: list[str], filename: str) -> dict[str, int]:
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if unknown or missing:
        parts = [f"unknown column '{h}'" for h in unknown] + [f"missing column '{c}'" for c in missing]
        raise ObservationError(
            f"{filename}:1: {'; '.join(parts)} (the columns are {', '.join(COLUMNS)}); nothing was imported"
        )
    return {name: header.index(name) for name in COLUMNS if name in header}


def _record(cells: dict[str, str], project: Project) -> tuple[dict[str, Any] | None, list[str]]:
    problems = []
    indicator = project.indicator(cells.get("indicator", ""))
    if indicator is None:
        known = ", ".join(i.id for i in project.indicators) or "none"
        problems.append(f"unknown indicator '{cells.get('indicator', '')}' (the project's: {known})")
    value = _number(cells.get("value", ""))
    if value is None:
        problems.append(f"value '{cells.get('value', '')}' is not a number")
    period = cells.get("period") or None
    if period is not None and period not in project.wave_ids and not is_iso_date(period):
        problems.append(
            f"period '{period}' is neither a wave of the project ({', '.join(project.wave_ids)}) "
            "nor an ISO date (YYYY-MM-DD)"
        )
    scope = cells.get("scope") or (indicator.scope if indicator else None)
    if scope is not None and scope not in SCOPES:
        problems.append(f"scope '{scope}' must be one of {', '.join(SCOPES)}")
    if problems or indicator is None:
        return None, problems
    fields = {
        "indicator": indicator.id,
        "value": value,
        "period": period,
        "scope": scope,
        "source": cells.get("source") or indicator.source,
        "note": cells.get("note") or None,
    }
    return {"observation_id": observation_id(fields), "cycle": indicator.cycle, **fields}, []


def load_observations(csv_path: str | Path, project: Project) -> list[dict[str, Any]]:
    """Read and check a CSV file of observations (before any data file is opened)."""
    path = Path(csv_path)
    if is_special(path):  # reading a FIFO would wait for a writer
        raise ObservationError(f"{path}: not a regular file (a FIFO or device?); nothing was imported")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ObservationError(f"{path}: cannot read: {error.strerror}") from None
    return read_observations(data, str(path), project)


def add_observations(store: Any, records: list[dict[str, Any]], source_file: str) -> ImportResult:
    """Add the observations that ``store`` (an open DataFile) lacks, in one save."""
    stamp = now()
    new: dict[str, dict[str, Any]] = {}
    for record in records:
        key = record["observation_id"]
        if key not in new and store.get("observations", key) is None:
            new[key] = {**record, "imported_at": stamp, "source_file": source_file}
    if new:
        store.put_many([("observations", record) for record in new.values()])
    return ImportResult(list(new.values()), len(records) - len(new))
