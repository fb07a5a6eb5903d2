"""``vcf-tui dashboard``: live per-cycle figures of files that interviews are writing."""

from __future__ import annotations

import argparse

from vcf_tui.cli.common import add_files, load_data
from vcf_tui.cli.project_option import add_project_option, project_of


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "dashboard",
        help="live per-cycle tallies of files being written",
        description="A live view of data files that interviews are writing: it "
        "only reads them, and refreshes within a second of each save. Press m for "
        "the value-creation matrix and each story's coverage.",
    )
    add_files(parser)
    add_project_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vcf_tui.tui.terminal import require_terminal

    project = project_of(args)
    load_data(args.files)  # a file it cannot read is refused by name here, not as a traceback in the app
    require_terminal("dashboard")
    from vcf_tui.tui.dashboard import DashboardApp

    app = DashboardApp(args.files, project=project)
    app.run()
    return app.return_code or 0
