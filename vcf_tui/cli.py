"""Command line: argument parsing only, one function per command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from vcf_tui import __version__

DEFAULT_DATA = "vcf-responses.json"


class UserError(Exception):
    """Bad input from the user: printed as one line, exit code 1."""


def default_data() -> str:
    return os.environ.get("VCF_TUI_DATA") or DEFAULT_DATA


def cmd_validate(args: argparse.Namespace) -> int:
    from vcf_tui.instrument import InstrumentError, load_instrument

    failed = 0
    for name in args.paths:
        try:
            instrument = load_instrument(name)
        except InstrumentError as error:
            failed += 1
            print(str(error), file=sys.stderr)
            continue
        print(f"{name}: ok: {instrument.label}, {instrument.framework}, "
              f"{instrument.question_count()} questions in {len(instrument.sections)} sections")
    return 1 if failed else 0


def cmd_instruments(args: argparse.Namespace) -> int:
    from vcf_tui.instrument import find_instruments

    rows = [("ID", "VERSION", "FRAMEWORK", "QUESTIONS", "TITLE", "PATH")]
    problems = []
    for entry in find_instruments():
        if entry.instrument is None:
            problems.append(f"{entry.path}: not loaded: {len(entry.error.problems) if entry.error else 0} "
                            f"problem(s); run 'vcf-tui validate {entry.path}'")
            continue
        i = entry.instrument
        rows.append((i.id, i.version, i.framework, str(i.question_count()), i.title, str(entry.path)))
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1])
    for line in problems:
        print(line, file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vcf-tui",
        description="Surveys, interviews and value-creation stories for the Value-Creation Framework. "
        "With no command, opens the home screen.",
    )
    parser.add_argument("--version", action="version", version=f"vcf-tui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check instrument YAML files",
                                   description="Check instruments; every problem is printed as FILE:LINE:COL: message.")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="instrument YAML file")
    validate.set_defaults(func=cmd_validate)

    listing = commands.add_parser("instruments", help="list bundled and ./instruments/ instruments",
                                  description="List bundled instruments and those in ./instruments/.")
    listing.set_defaults(func=cmd_instruments)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return int(args.func(args))
    except UserError as error:
        print(f"vcf-tui: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("vcf-tui: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()

