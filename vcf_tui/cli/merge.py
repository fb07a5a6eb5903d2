"""``vcf-tui merge``: the data files of several laptops into one new file."""

from __future__ import annotations

import argparse
import json

from vcf_tui.cli.common import UserError, add_files, warn
from vcf_tui.text import printable


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "merge",
        help="merge the data files of several laptops into a new file",
        description="Merge data files: records are matched by id, equal copies count "
        "once, and of two versions of a record the higher revision (then the later "
        "update) wins and is reported. Inputs are never changed.",
    )
    add_files(parser)
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="the merged file to write (new)")
    parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists (never an input)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vcf_tui.analysis.merge import MergeError, format_report, merge_files
    from vcf_tui.store.reading import paused_gc

    try:
        with paused_gc():  # as in load_data
            report = merge_files(args.files, args.output, dry_run=args.dry_run, force=args.force)
    except MergeError as error:
        raise UserError(str(error)) from None
    warn(report["warnings"])
    print(json.dumps(report, indent=2) if args.json else printable(format_report(report)))
    return 0
