"""``vcf-tui compare``: change between two waves."""

from __future__ import annotations

import argparse

from vcf_tui.cli.common import UserError, add_files, load_data
from vcf_tui.cli.project_option import add_project_option, project_of
from vcf_tui.text import json_text, printable


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "compare",
        help="change between two waves",
        description="Per cycle, sessions and answers in each wave; for respondents present in both (matched by "
        "respondent id or pseudonym), the scale means of each wave over those respondents and their change "
        "(the cycle's own scale, effect and contribution apart); and the cycles each of them reports in the "
        "second wave but not the first.",
    )
    add_files(parser)
    parser.add_argument("--waves", nargs=2, required=True, metavar=("A", "B"), help="the two waves, earlier first")
    parser.add_argument("--instrument", metavar="ID", help="only sessions of this instrument id")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    add_project_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vcf_tui.analysis.compare import compare, format_compare
    from vcf_tui.analysis.tally import wave_sequence

    if args.waves[0] == args.waves[1]:
        raise UserError(f"give two different waves, not '{args.waves[0]}' twice")
    project = project_of(args)
    tables = load_data(args.files)
    waves = [w for w in wave_sequence(tables["sessions"].values(), project.wave_ids if project else None) if w]
    for wave in args.waves:
        if project is not None and wave not in project.wave_ids:
            raise UserError(f"wave '{wave}' is not in project {project.path} ({', '.join(project.wave_ids)})")
        if wave not in waves:
            raise UserError(
                f"no sessions in wave '{wave}' in {', '.join(args.files)} (waves there: {', '.join(waves) or 'none'})"
            )
    report = compare(tables, args.waves[0], args.waves[1], instrument=args.instrument)
    print(json_text(report) if args.json else printable(format_compare(report)))
    return 0
