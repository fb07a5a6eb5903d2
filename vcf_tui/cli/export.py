"""``vcf-tui export``: data files as csv, wide-csv, json or a markdown reading pack."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from vcf_tui.cli.common import UserError, add_files, load_data
from vcf_tui.store import DataFile, StoreError

if TYPE_CHECKING:
    from vcf_tui.export.rows import Flat
    from vcf_tui.store.datafile import Tables


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("export", help="export data files as csv, wide-csv, json or markdown",
                                 description="Export for analysis. csv: one row per answer; wide-csv: one row "
                                 "per session; json: sessions with answers and codings nested; markdown: a "
                                 "reading pack of tallies, text answers by cycle and every story.")
    add_files(parser)
    parser.add_argument("--format", required=True, choices=("csv", "wide-csv", "json", "markdown", "parquet"))
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write, or - for stdout")
    parser.add_argument("--pseudonymise", action="store_true",
                        help="replace respondent and interviewer with stable pseudonyms (a keyed hash)")
    parser.add_argument("--key", help="the pseudonym key (default: $VCF_TUI_PSEUDONYM_KEY, else kept in the "
                        "data file's meta)")
    parser.add_argument("--instruments", default="instruments", metavar="DIR",
                        help="folder of instrument YAML for question texts and order (default: ./instruments; "
                        "bundled instruments are always found)")
    parser.set_defaults(func=run)


def pseudonym_key(args: argparse.Namespace, tables: Tables) -> str:
    """--key, else $VCF_TUI_PSEUDONYM_KEY, else the key kept in the first file's meta (made there if none)."""
    from vcf_tui.export.pseudonyms import new_key

    key = args.key or os.environ.get("VCF_TUI_PSEUDONYM_KEY")
    if key:
        return str(key)
    for meta in tables["meta"].values():  # one meta record per file, in the order the files were given
        if meta.get("pseudonym_key"):
            return str(meta["pseudonym_key"])
    try:
        with DataFile.open(args.files[0]) as store:
            key = new_key()
            store.put("meta", dict(store.meta, pseudonym_key=key))
    except StoreError as error:
        raise UserError(f"{error}; give a key with --key to pseudonymise") from None
    print(f"vcf-tui: a new pseudonym key was kept in the meta of {args.files[0]}", file=sys.stderr)
    return key


def run(args: argparse.Namespace) -> int:
    from vcf_tui.export import export
    from vcf_tui.export.pseudonyms import pseudonym
    from vcf_tui.export.rows import flatten
    from vcf_tui.store.atomic import write_atomic

    tables = load_data(args.files)
    rename = None
    if args.pseudonymise:
        key = pseudonym_key(args, tables)

        def rename(role: str, name: str | None) -> str | None:
            return pseudonym(key, role, name)

    if args.format == "parquet":
        return _parquet(flatten(tables, rename, Path(args.instruments)), args.output, len(tables["sessions"]))
    text = export(flatten(tables, rename, Path(args.instruments)), tables, args.format)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(Path(args.output), text.encode("utf-8"))
    except OSError as error:
        raise UserError(f"{args.output}: cannot write: {error.strerror}") from None
    print(f"{args.format} export of {len(tables['sessions'])} sessions written to {args.output}")
    return 0


def _parquet(flat: Flat, output: str, sessions: int) -> int:
    from vcf_tui.export.parquet import write_parquet

    if output == "-":
        raise UserError("--format parquet writes a file: give -o OUT.parquet, not -")
    try:
        rows = write_parquet(flat, Path(output))
    except OSError as error:
        raise UserError(f"{output}: cannot write: {error.strerror or error}") from None
    print(f"parquet export of {sessions} sessions ({rows} answers) written to {output}")
    return 0
