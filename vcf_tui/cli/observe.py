"""``vcf-tui observe import``: indicator observations (registers, logs, KPIs) from CSV."""

from __future__ import annotations

import argparse

from vcf_tui.cli.common import UserError, default_data
from vcf_tui.cli.project_option import add_project_option, project_of
from vcf_tui.text import one_line


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "observe",
        help="import indicator observations",
        description="Observations: the effect data that no interview collects.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import",
        help="import observations from CSV",
        description="Import a CSV file with the columns indicator, value, period, scope, source, note "
        "(period: a wave id or an ISO date) into the data file's observations. Indicators come from the "
        "project file. A bad row is reported with its line number and nothing is imported; rows already "
        "imported are not added again.",
    )
    importing.add_argument("csv", metavar="FILE.csv", help="CSV file of observations")
    importing.add_argument(
        "--data",
        default=default_data(),
        metavar="F",
        help="data file to add them to (default: $VCF_TUI_DATA or ./vcf-responses.json)",
    )
    add_project_option(importing)
    importing.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from vcf_tui.analysis.observations import add_observations, load_observations
    from vcf_tui.store import DataFile

    project = project_of(args)
    if project is None:
        raise UserError(
            "observe import needs the project's indicators: give --project P or put a vcf-project.yaml in this folder"
        )
    records = load_observations(args.csv, project)
    with DataFile.open(args.data) as store:
        result = add_observations(store, records, Path(args.csv).name)
    already = f" ({result.already} already there)" if result.already else ""
    print(one_line(f"{args.data}: imported {len(result.new)} observations from {args.csv}{already}"))
    return 0
