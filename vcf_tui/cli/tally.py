"""``vcf-tui tally``: per-cycle figures of data files."""

from __future__ import annotations

import argparse
from typing import Any

from vcf_tui.cli.common import UserError, add_files, load_data, warn
from vcf_tui.cli.project_option import add_project_option, project_of
from vcf_tui.text import json_text, printable


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "tally",
        help="per-cycle tallies of data files",
        description="Per-cycle figures: sessions, answers, scale mean (percent of each "
        "scale's range), effect and contribution apart, observations, stories (where they "
        "start, where they loop) and codings. Files are matched by record id, so copies "
        "of one file count once.",
    )
    add_files(parser)
    parser.add_argument("--instrument", metavar="ID", help="only sessions of this instrument id")
    parser.add_argument(
        "--status", choices=("complete", "in_progress", "abandoned"), help="only sessions with this status"
    )
    parser.add_argument("--by", choices=("wave", "interviewer", "instrument"), help="compare groups side by side")
    parser.add_argument("--json", action="store_true", help="print the tally as JSON")
    add_project_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vcf_tui.analysis.tally_report import format_tally

    project = project_of(args)
    result = tally_of(
        args.files,
        instrument=args.instrument,
        by=args.by,
        status=args.status,
        wave_order=project.wave_ids if project else None,
        indicator_cycles=project.indicator_cycles if project else None,
    )
    if args.instrument and not result["sessions"]["total"]:
        which = f"{args.status} sessions" if args.status else "sessions"
        raise UserError(f"no {which} of instrument '{args.instrument}' in {', '.join(args.files)}")
    print(json_text(result) if args.json else printable(format_tally(result)))
    return 0


def tally_of(files: list[str], **options: Any) -> dict[str, Any]:
    """The files' tally, read in batches where they can be (a big file in bounded memory), else read whole."""
    from vcf_tui.analysis.tally import tally
    from vcf_tui.analysis.tally_stream import streamed_tally
    from vcf_tui.store.streaming import WholeLoadNeeded

    warnings: list[str] = []
    try:
        result = streamed_tally(files, warnings, **options)
    except WholeLoadNeeded:  # what was folded is dropped; load_data prints its own warnings
        return tally(load_data(files), **options)
    warn(warnings)
    return result
