"""``vcf-tui validate``: check instrument files."""

from __future__ import annotations

import argparse
import sys

from vcf_tui.text import one_line, printable


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("validate", help="check instrument YAML files",
                                 description="Check instruments; every problem is printed as FILE:LINE:COL: message.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="instrument YAML file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vcf_tui.instrument import InstrumentError, load_instrument

    failed = 0
    for name in args.paths:
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
