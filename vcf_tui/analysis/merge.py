"""Merge the data files of several laptops into one new file (SPEC section 5), and ``union`` for readers.

Records are matched by UUID; equal copies count once; of two versions the
higher revision, then the later updated_at, wins and is reported as a
conflict. Inputs are only read; the output is written whole or not at all.
Every other table (``instruments``, ``observations``, ``story_reviews`` and
tables of a newer vcf-tui) is merged the same way and carried into the output,
as are fields this version does not know. The report counts read, new,
duplicate and conflicting records per input for sessions, answers and codings
always, and for every other table any input has records in.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vcf_tui.errors import VcfError
from vcf_tui.plural import counted
from vcf_tui.store.atomic import write_atomic
from vcf_tui.store.errors import StoreError
from vcf_tui.store.reading import Tables, empty_tables, load, serialise
from vcf_tui.store.records import SCHEMA, keep_newer, new_id, now
from vcf_tui.text import one_line

RECORD_TABLES = ("sessions", "answers", "codings")
"""The tables every merge report shows, at the top level of each input's entry (as since round 1)."""


def _zero() -> dict[str, int]:
    return {"read": 0, "new": 0, "duplicate": 0, "conflicting": 0}


class MergeError(VcfError):
    """An input or the output is refused; nothing was written."""


@dataclass
class InputReport:
    file: str
    file_id: str
    counts: dict[str, dict[str, int]] = field(default_factory=lambda: {t: _zero() for t in RECORD_TABLES})


@dataclass
class MergeResult:
    tables: Tables
    inputs: list[InputReport]
    conflicts: list[dict[str, Any]]
    version_drift: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)

    def reported_tables(self) -> list[str]:
        """Sessions, answers and codings, then every other table some input has records in, by name."""
        others = {t for r in self.inputs for t, c in r.counts.items() if c["read"] and t not in RECORD_TABLES}
        return [*RECORD_TABLES, *sorted(others)]

    def report(self, output: str | None, written: bool) -> dict[str, Any]:
        sessions = self.tables["sessions"].values()
        tables = self.reported_tables()
        return {
            "output": output,
            "written": written,
            "tables": tables,
            "inputs": [
                {
                    "file": r.file,
                    "file_id": r.file_id,
                    **{t: r.counts[t] for t in RECORD_TABLES},
                    "tables": {t: r.counts.get(t, _zero()) for t in tables},
                }
                for r in self.inputs
            ],
            "totals": {t: len(self.tables.get(t, {})) for t in tables},
            "conflicts": self.conflicts,
            "version_drift": self.version_drift,
            "in_progress": sorted(s["session_id"] for s in sessions if s.get("status") == "in_progress"),
            "warnings": self.warnings,
        }


def union(all_tables: Iterable[Tables]) -> Tables:
    """Records of several files as one set: matched by UUID, the newer version kept (no report)."""
    combined = empty_tables()
    for tables in all_tables:
        for table, records in tables.items():
            target = combined.setdefault(table, {})
            for key, record in records.items():
                keep_newer(target, key, record)
    return combined


def check_paths(inputs: list[str], output: str, force: bool = False) -> None:
    out = Path(os.path.realpath(output))  # realpath, unlike resolve(), does not raise on a symlink loop
    for name in inputs:
        if Path(os.path.realpath(name)) == out:
            raise MergeError(f"{output}: the output is also an input; write the merge to a new file")
    if out.exists() and not force:
        raise MergeError(f"{output}: exists already; choose a new name (or --force to replace it)")
    if not out.parent.is_dir():
        raise MergeError(f"{output}: folder {out.parent} does not exist")


def merge_tables(named: list[tuple[str, Tables]]) -> MergeResult:
    """Merge already-read files, in order; the result does not depend on the order."""
    merged = empty_tables()
    first_seen: dict[tuple[str, str], str] = {}
    inputs: list[InputReport] = []
    conflicted: dict[tuple[str, str], set[str]] = defaultdict(set)
    sources: list[str] = []
    for name, tables in named:
        meta = next(iter(tables["meta"].values()))
        report = InputReport(name, meta.get("file_id", ""))
        sources += [meta.get("file_id", ""), *meta.get("merged_from", [])]
        for table in [*RECORD_TABLES, *sorted(tables.keys() - {"meta", *RECORD_TABLES})]:
            counts = report.counts.setdefault(table, _zero())
            target = merged.setdefault(table, {})
            for key, record in tables.get(table, {}).items():
                counts["read"] += 1
                if key not in target:
                    target[key] = record
                    first_seen[(table, key)] = name
                    counts["new"] += 1
                elif target[key] == record:
                    counts["duplicate"] += 1
                else:
                    counts["conflicting"] += 1
                    conflicted[(table, key)].update({first_seen[(table, key)], name})
                    keep_newer(target, key, record)
        inputs.append(report)
    conflicts = [
        {
            "table": table,
            "id": key,
            "files": sorted(files),
            "kept": {
                "revision": merged[table][key].get("revision"),
                "updated_at": merged[table][key].get("updated_at"),
            },
        }
        for (table, key), files in sorted(conflicted.items())
    ]
    merged["meta"] = {}
    file_id = new_id()
    merged["meta"][file_id] = {
        "schema": SCHEMA,
        "file_id": file_id,
        "device": "merge",
        "created_at": now(),
        "merged_from": sorted(set(filter(None, sources))),
    }
    return MergeResult(merged, inputs, conflicts, version_drift(merged))


def version_drift(tables: Tables) -> list[dict[str, Any]]:
    """Instruments whose sessions were run on different YAML (different sha256)."""
    seen: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for s in tables["sessions"].values():
        entry = seen[s.get("instrument_id", "")].setdefault(
            s.get("instrument_sha256") or "",
            {"version": s.get("instrument_version"), "sha256": s.get("instrument_sha256"), "sessions": 0},
        )
        entry["sessions"] += 1
    return [
        {
            "instrument_id": instrument,
            "versions": sorted(v.values(), key=lambda e: (str(e["version"]), str(e["sha256"]))),
        }
        for instrument, v in sorted(seen.items())
        if len(v) > 1
    ]


def merge_files(inputs: list[str], output: str, dry_run: bool = False, force: bool = False) -> dict[str, Any]:
    """Merge ``inputs`` into ``output``; returns the report. Raises MergeError naming a refused file."""
    check_paths(inputs, output, force)
    named, warnings = [], []
    for name in inputs:
        try:
            loaded = load(name)
        except StoreError as error:
            raise MergeError(f"{error}; nothing was merged") from None
        named.append((name, loaded.tables))
        warnings += loaded.warnings
    result = merge_tables(named)
    result.warnings = warnings
    if not dry_run:
        try:
            write_atomic(Path(output), serialise(result.tables))
        except TypeError as error:  # orjson: a record nested over 255 levels, say
            raise MergeError(f"{output}: a record cannot be written ({error}); nothing was written") from None
        except OSError as error:
            raise MergeError(f"{output}: cannot write: {error.strerror}; nothing was written") from None
    return result.report(output, written=not dry_run)


def format_report(report: dict[str, Any]) -> str:
    """The merge report as text: a table per input (its file column as wide as the longest name), then totals."""
    names = [one_line(entry["file"]) for entry in report["inputs"]]
    tables = [one_line(table) for table in report["tables"]]
    width = max(len("file"), *map(len, names)) + 2
    table_width = max(len("table"), *map(len, tables)) + 2
    biggest = max((c for entry in report["inputs"] for t in entry["tables"].values() for c in t.values()), default=0)
    n_width = max(7, len(str(biggest)) + 2)  # a million answers still leave two spaces between columns
    lines = [
        f"{'file':<{width}}{'table':<{table_width}}{'read':>{n_width}}{'new':>{n_width}}{'dup':>{n_width}}"
        f"{'conflict':>{n_width + 2}}"
    ]
    for entry, file_name in zip(report["inputs"], names, strict=True):
        for n, (table, shown) in enumerate(zip(report["tables"], tables, strict=True)):
            c = entry["tables"][table]
            name = file_name if n == 0 else ""
            lines.append(
                f"{name:<{width}}{shown:<{table_width}}{c['read']:>{n_width}}{c['new']:>{n_width}}"
                f"{c['duplicate']:>{n_width}}{c['conflicting']:>{n_width + 2}}"
            )
    totals = report["totals"]
    others = "".join(f", {one_line(t)} {totals[t]}" for t in report["tables"] if t not in RECORD_TABLES)
    lines.append(
        f"merged: {counted(totals['sessions'], 'session')}, {counted(totals['answers'], 'answer')}, "
        f"{counted(totals['codings'], 'coding')}{others}"
    )
    for conflict in report["conflicts"]:
        kept = conflict["kept"]
        lines.append(
            f"conflict: {one_line(conflict['table'])} {one_line(conflict['id'])} in "
            f"{', '.join(map(one_line, conflict['files']))}: "
            f"kept revision {kept['revision']} of {kept['updated_at']}"
        )
    for drift in report["version_drift"]:
        versions = "; ".join(
            f"v{v['version']} ({str(v['sha256'])[:12]}): {counted(v['sessions'], 'session')}" for v in drift["versions"]
        )
        lines.append(f"version drift: {drift['instrument_id']}: {versions}")
    if report["in_progress"]:
        lines.append(f"still in progress: {counted(len(report['in_progress']), 'session')}")
    lines.append(f"written to {report['output']}" if report["written"] else "dry run: nothing written")
    return "\n".join(lines)
