"""``vcf-tui validate``: check instrument files."""

from __future__ import annotations

import argparse
import sys

from vcf_tui.text import one_line, printable


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("validate", help="check instrument and project YAML files",
                                 description="Check instruments and project files (format: vcf-project/1); every "
                                 "problem is printed as FILE:LINE:COL: message.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="instrument or project YAML file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vcf_tui.instrument import InstrumentError, load_instrument
    from vcf_tui.project import ProjectError, is_project_file, load_project

    failed = 0
    for name in args.paths:
        if is_project_file(name):
            try:
                project = load_project(name)
            except ProjectError as error:
                failed += 1
                print(printable(str(error)), file=sys.stderr)
                continue
            print(one_line(f"{name}: ok: project {project.id}, {project.framework}, {len(project.waves)} waves, "
                           f"{len(project.indicators)} indicators"))
            continue
        try:
            instrument = load_instrument(name)
        except InstrumentError as error:
            failed += 1
            print(printable(str(error)), file=sys.stderr)
            continue
        print(one_line(f"{name}: ok: {instrument.label}, {instrument.framework}, "
                       f"{instrument.question_count()} questions in {len(instrument.sections)} sections"))
    if len(args.paths) > 1:
        print(f"{len(args.paths)} files checked: " + (f"{failed} with problems" if failed else "all valid"),
              file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0
