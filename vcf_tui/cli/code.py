"""``vcf-tui code``: code text answers and story steps to cycles, blind to the cycle each was written for."""

from __future__ import annotations

import argparse
import os

from vcf_tui.cli.common import UserError
from vcf_tui.cli.project_option import add_project_option, project_of
from vcf_tui.store import DataFile, read_tables
from vcf_tui.text import one_line


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "code",
        help="code text answers and story steps to cycles",
        description="Walk text answers and story steps and tag each to the cycles it "
        "shows (digits toggle; every change is saved at once). The cycle a question "
        "was written for stays hidden until you have coded the passage.",
    )
    parser.add_argument("file", metavar="F", help="data file (a laptop's or a merged one)")
    parser.add_argument("--coder", help="your name (default: $USER)")
    parser.add_argument("--uncoded", action="store_true", help="only passages you have not coded yet")
    parser.add_argument("--instrument", metavar="ID", help="only this instrument")
    parser.add_argument("--question", metavar="ID", help="only this question (or story section or step)")
    parser.add_argument("--cycle", help="only passages designed for this cycle")
    parser.add_argument(
        "--key-file",
        metavar="K",
        help="the pseudonym key file, as for export (default: "
        "$XDG_CONFIG_HOME/vcf-tui/pseudonym.key, else ~/.config/vcf-tui/pseudonym.key)",
    )
    add_project_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vcf_tui.analysis import coding
    from vcf_tui.export.keys import pseudonym_key
    from vcf_tui.tui.terminal import require_terminal

    coder = (args.coder or os.environ.get("USER") or "").strip()
    if not coder:
        raise UserError("give your name with --coder")
    project = project_of(args)
    filters = {
        "uncoded_only": args.uncoded,
        "instrument": args.instrument,
        "question": args.question,
        "cycle": args.cycle,
    }
    # Read first (a missing or unusable file is refused by name) and check the terminal, so that a
    # refusal never leaves the file written, a new one made or a key file made.
    if not coding.passages(read_tables(args.file), coder, **filters):
        print(one_line(f"{args.file}: no text answers or story steps to code with these filters"))
        return 0
    require_terminal("code")
    key = pseudonym_key(args.key_file)
    store = DataFile.open(args.file)
    try:
        from vcf_tui.tui.coding import CodingApp

        app = CodingApp(store, coder, coding.passages(store.tables, coder, **filters), key, project)
        app.run()
    finally:
        store.close()
    return app.return_code or 0
