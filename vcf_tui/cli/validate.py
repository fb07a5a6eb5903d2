"""``vcf-tui validate``: check instrument and project files, each by the ``format`` it declares."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from vcf_tui.errors import VcfError
from vcf_tui.text import one_line, printable

Checker = Callable[[str], str]
"""Checks one file: returns its one-line summary, or raises VcfError listing every problem."""


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "validate",
        help="check instrument and project YAML files",
        description="Check instruments and project files (format: vcf-project/1); every "
        "problem is printed as FILE:LINE:COL: message.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="instrument or project YAML file")
    parser.set_defaults(func=run)


def check_instrument(name: str) -> str:
    from vcf_tui.instrument import load_instrument

    instrument = load_instrument(name)
    return (
        f"ok: {instrument.label}, {instrument.framework}, "
        f"{instrument.question_count()} questions in {len(instrument.sections)} sections"
    )


def check_project(name: str) -> str:
    from vcf_tui.project import load_project

    project = load_project(name)
    return (
        f"ok: project {project.id}, {project.framework}, {len(project.waves)} waves, "
        f"{len(project.indicators)} indicators"
    )


CHECKERS: dict[str, Checker] = {"vcf-instrument/1": check_instrument, "vcf-project/1": check_project}
"""Checkers by the ``format`` a file declares; other file formats register theirs here."""


def checker_for(name: str) -> Checker:
    """The checker for the ``format`` a file declares; the instrument checker when it declares none we know."""
    from vcf_tui.instrument.nodes import declared_format

    return CHECKERS.get(declared_format(name) or "", check_instrument)


def run(args: argparse.Namespace) -> int:
    failed = 0
    for name in args.paths:
        try:
            summary = checker_for(name)(name)
        except VcfError as error:
            failed += 1
            print(printable(str(error)), file=sys.stderr)
            continue
        print(one_line(f"{name}: {summary}"))
    if len(args.paths) > 1:
        print(
            f"{len(args.paths)} files checked: " + (f"{failed} with problems" if failed else "all valid"),
            file=sys.stderr if failed else sys.stdout,
        )
    return 1 if failed else 0
