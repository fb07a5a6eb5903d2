"""Read the files of an export: their records as one set, each session's file, and each session's instrument."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vcf_tui.analysis.merge import union
from vcf_tui.instrument import Instrument, InstrumentError, parse_instrument, resolve_instrument
from vcf_tui.instrument.catalog import LOCAL_DIR, UnknownInstrument
from vcf_tui.instrument.nodes import ID_PATTERN
from vcf_tui.store import load
from vcf_tui.store.datafile import Tables


@dataclass
class Sources:
    """Records of all files (matched by id), the file each session came from, and the stored instruments."""

    tables: Tables
    source_file: dict[str, str]
    stored: list[dict[str, Any]]
    legacy_key_files: list[str]  # files whose meta still holds a round-1 pseudonym key (never used nor exported)
    warnings: list[str]  # records left out because they are damaged, one line each naming the file


def read_sources(paths: list[str]) -> Sources:
    """Read each file (only read: nothing is ever written to an input), with a warning per record left out."""
    every = []
    source_file: dict[str, str] = {}
    legacy = []
    warnings = []
    for path in paths:
        loaded = load(path)
        tables = loaded.tables
        warnings += loaded.warnings
        every.append(tables)
        for session_id in tables["sessions"]:
            source_file.setdefault(session_id, path)
        if any(meta.get("pseudonym_key") for meta in tables["meta"].values()):
            legacy.append(path)
    tables = union(every)
    return Sources(tables, source_file, list(tables.get("instruments", {}).values()), legacy, warnings)


def instrument_from_text(record: dict[str, Any]) -> Instrument | None:
    """An instrument from a stored record's ``yaml`` text; None if it is missing or does not load."""
    text = record.get("yaml")
    if not isinstance(text, str):
        return None
    try:
        return parse_instrument(text.encode("utf-8"), f"instruments table: {record.get('instrument_id')}")
    except InstrumentError:
        return None


def session_instruments(
    sessions: list[dict[str, Any]], stored: list[dict[str, Any]], folder: Path = LOCAL_DIR
) -> dict[str, Instrument]:
    """Each session's instrument: the stored one with its sha256, else the one with its id in ``folder`` or bundled."""
    by_sha: dict[str, Instrument] = {}
    for record in stored:
        instrument = instrument_from_text(record)
        if instrument is not None:
            by_sha[instrument.sha256] = instrument
            by_sha.setdefault(str(record.get("instrument_sha256")), instrument)
    by_id: dict[str, Instrument | None] = {}
    found = {}
    for session in sessions:
        instrument = by_sha.get(str(session.get("instrument_sha256")))
        if instrument is None:
            instrument_id = str(session.get("instrument_id") or "")
            if instrument_id not in by_id:
                by_id[instrument_id] = _from_catalog(instrument_id, folder)
            instrument = by_id[instrument_id]
        if instrument is not None:
            found[session["session_id"]] = instrument
    return found


def _from_catalog(instrument_id: str, folder: Path) -> Instrument | None:
    if not ID_PATTERN.match(instrument_id):  # an id from a data file, never a path to follow
        return None
    try:
        return resolve_instrument(instrument_id, folder)
    except (InstrumentError, UnknownInstrument):
        return None
