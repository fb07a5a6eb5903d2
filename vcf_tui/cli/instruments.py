"""``vcf-tui instruments``: list the instruments that can be run."""

from __future__ import annotations

import argparse
import sys

from vcf_tui.text import one_line


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "instruments",
        help="list bundled and ./instruments/ instruments",
        description="List bundled instruments and those in ./instruments/.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vcf_tui.instrument import find_instruments

    rows: list[tuple[str, ...]] = [("ID", "VERSION", "FRAMEWORK", "QUESTIONS", "TITLE", "PATH")]
    entries = find_instruments()
    warnings = [warning for entry in entries if (warning := entry.warning())]
    for entry in entries:
        if entry.instrument is None:
            continue
        i = entry.instrument
        rows.append((i.id, i.version, i.framework, str(i.question_count()), i.title, str(entry.path)))
    rows = [tuple(one_line(cell) for cell in row) for row in rows]
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1])
    for line in warnings:
        print(one_line(line), file=sys.stderr)
    if any(entry.error for entry in entries):
        print("run 'vcf-tui validate FILE' to see every problem of a broken file", file=sys.stderr)
    return 0
