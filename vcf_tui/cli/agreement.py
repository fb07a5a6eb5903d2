"""``vcf-tui agreement``: agreement between coders, per cycle."""

from __future__ import annotations

import argparse
import json

from vcf_tui.cli.common import UserError, load_data
from vcf_tui.text import printable


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "agreement",
        help="agreement between coders, per cycle",
        description="Cohen's kappa (two coders), Krippendorff's alpha (nominal) and "
        "percent agreement per cycle, over the passages all named coders coded; the "
        "passages where they differ; and designed against coded cycle per question.",
    )
    parser.add_argument("file", metavar="F", help="data file with the codings (merge the coders' copies first)")
    parser.add_argument("--coders", nargs="+", required=True, metavar="NAME", help="two or more coders")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vcf_tui.analysis.agreement import agreement, format_agreement

    report = agreement(load_data([args.file]), args.coders)
    if not report["passages"]:
        raise UserError(f"{args.file}: no passage was coded by all of {', '.join(args.coders)}")
    print(json.dumps(report, indent=2) if args.json else printable(format_agreement(report)))
    return 0
