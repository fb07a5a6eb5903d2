"""``vcf-tui export``: data files as csv, wide-csv (with a codebook), json, a markdown reading pack or the matrix."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from vcf_tui.cli.common import UserError, add_files, warn
from vcf_tui.cli.project_option import project_of
from vcf_tui.plural import counted
from vcf_tui.text import one_line

if TYPE_CHECKING:
    from vcf_tui.export.json_stream import StreamedExport
    from vcf_tui.export.privacy import Privacy
    from vcf_tui.export.rows import Flat
    from vcf_tui.export.streamed import Streamed
    from vcf_tui.store.datafile import Tables

DESCRIPTION = (
    "Export for analysis; the input files are only read, and a record too damaged to read is left out with a "
    "warning on stderr. csv: one row per answer, in questionnaire order (loop marks a story step that loops back); "
    "wide-csv: one row per session and one column per question (a told story step also has .cycle, .loop and "
    ".evidence columns), with a codebook beside it (OUT.csv -> OUT.codebook.csv) giving each column's question "
    "text, type, choices and cycles ([skipped] marks a question answered with nothing, [not asked] one never put "
    "to the respondent); json: sessions with answers and codings nested, text exactly as stored, each story step "
    "with loop true or false, then the observations and story reviews; markdown: a reading pack of counts and "
    "mean ratings per cycle, effect and "
    "contribution apart, story coverage, text answers by cycle and every story, never with personal answers; "
    "matrix: the value-creation matrix, one row per story and one per indicator (those of the project file first), "
    "one column per cycle, as Markdown when OUT ends in .md, as CSV when it ends in .csv or is - (any other "
    "name is refused); parquet: the csv's rows "
    "with typed columns, to a file (needs pip install 'vcf-tui[analysis]'). CSV cells that a spreadsheet would run "
    "as a formula start with ' and Markdown shows text, never HTML. The reading pack, the Markdown matrix and "
    "anything written to -o - show control characters as visible escapes (json: as \\u escapes, still valid "
    "JSON); files keep the exact data."
)


MARKDOWN_SUFFIXES = (".md", ".markdown")
MATRIX_SUFFIXES = (".csv", *MARKDOWN_SUFFIXES)


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export",
        help="export data files as csv, wide-csv, json, parquet, a markdown reading pack or the value-creation matrix",
        description=DESCRIPTION,
    )
    add_files(parser)
    parser.add_argument("--format", required=True, choices=("csv", "wide-csv", "json", "markdown", "matrix", "parquet"))
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="file to write (a new or regular file, not an input), or - for stdout (not wide-csv or parquet; "
        "control characters shown as escapes)",
    )
    parser.add_argument(
        "--pseudonymise",
        action="store_true",
        help="replace respondents and interviewers with stable pseudonyms (a keyed hash) and "
        "leave out personal answers",
    )
    parser.add_argument(
        "--key-file",
        metavar="K",
        help="with --pseudonymise: the pseudonym key file (default: the secret in $VCF_TUI_PSEUDONYM_KEY when set, "
        "else $XDG_CONFIG_HOME/vcf-tui/pseudonym.key or ~/.config/vcf-tui/pseudonym.key); a missing file is made",
    )
    parser.add_argument(
        "--redact-names",
        metavar="FILE",
        help="with --pseudonymise: names of people, one a line, replaced in free text by [person-N]",
    )
    parser.add_argument(
        "--instruments",
        default="instruments",
        metavar="DIR",
        help="folder of instrument YAML for question texts and order when a data file does not "
        "hold its instruments (default: ./instruments; bundled instruments are always found)",
    )
    parser.add_argument(
        "--project",
        metavar="P",
        help="for --format matrix: the evaluation project file whose indicators the matrix lists first, in its "
        "order (default: ./vcf-project.yaml when there is one)",
    )
    parser.set_defaults(func=run)


def privacy_for(args: argparse.Namespace) -> Privacy:
    """What the options ask for: key and names only with --pseudonymise; the reading views (markdown, matrix)
    never show personal answers."""
    from vcf_tui.export.keys import pseudonym_key
    from vcf_tui.export.privacy import Privacy, Redactor, read_names

    if not args.pseudonymise:
        if args.key_file or args.redact_names:
            raise UserError("--key-file and --redact-names go with --pseudonymise")
        return Privacy(drop_personal=args.format in ("markdown", "matrix"))
    names = read_names(Path(args.redact_names)) if args.redact_names else []
    return Privacy(pseudonym_key(args.key_file), Redactor(names))


def run(args: argparse.Namespace) -> int:
    from vcf_tui.export import export
    from vcf_tui.export.output import check_output, codebook_path, for_stdout, write_export
    from vcf_tui.export.wide import to_codebook

    output = None if args.output == "-" else Path(args.output)
    if output is None and args.format == "wide-csv":
        raise UserError("wide-csv writes its codebook beside the output: give a file name with -o")
    if output is None and args.format == "parquet":
        raise UserError("--format parquet writes a file: give -o OUT.parquet, not -")
    if args.format == "matrix" and output is not None and output.suffix.lower() not in MATRIX_SUFFIXES:
        raise UserError(
            f"{one_line(output)}: the matrix is written as CSV or Markdown: give a name ending in .csv or .md"
        )
    outputs = [] if output is None else [output] + ([codebook_path(output)] if args.format == "wide-csv" else [])
    for path in outputs:
        check_output(path, args.files)
    project = project_of(args) if args.format == "matrix" else None
    if args.format == "json":
        return _json(args, output)
    if output is not None and args.format == "parquet":
        return _parquet(args, output)
    flat, tables = _whole(args)
    if args.format == "matrix":
        from vcf_tui.export.matrix import export_matrix

        markdown = output is not None and output.suffix.lower() in MARKDOWN_SUFFIXES
        text = export_matrix(flat, tables, project, markdown)
    else:
        text = export(flat, tables, args.format)
    if output is None:
        sys.stdout.write(for_stdout(text, args.format))
        return 0
    write_export(output, text)
    if args.format == "wide-csv":
        write_export(codebook_path(output), to_codebook(flat, tables))
    written = " and ".join(one_line(p) for p in outputs)
    print(f"{args.format} export of {counted(len(flat.sessions), 'session')} written to {written}")
    return 0


def _legacy_keys(args: argparse.Namespace, files: list[str]) -> None:
    if args.pseudonymise and files:
        print(
            f"vcf-tui: {one_line(', '.join(files))}: holds a pseudonym key from an older "
            "vcf-tui in its meta; it is not used and never exported (see README, Privacy)",
            file=sys.stderr,
        )


def _streamed(args: argparse.Namespace, read: Callable[[list[str]], Streamed]) -> StreamedExport | None:
    """The files read in batches by ``read`` (bounded memory), their warnings shown; None where they must be read
    whole."""
    from vcf_tui.export.json_stream import streamed_export
    from vcf_tui.store.streaming import WholeLoadNeeded

    try:
        streamed = read(args.files)
    except WholeLoadNeeded:
        return None
    warn(streamed.warnings)
    privacy = privacy_for(args)
    _legacy_keys(args, streamed.legacy_key_files)
    return streamed_export(streamed, privacy, Path(args.instruments))


def _whole(args: argparse.Namespace) -> tuple[Flat, Tables]:
    """The files read whole, their warnings shown, flattened as the options ask."""
    from vcf_tui.export.rows import flatten
    from vcf_tui.export.sources import read_sources

    sources = read_sources(args.files)
    warn(sources.warnings)
    privacy = privacy_for(args)
    _legacy_keys(args, sources.legacy_key_files)
    return flatten(sources, privacy, Path(args.instruments)), sources.tables


def _json(args: argparse.Namespace, output: Path | None) -> int:
    """The json export, written as it is encoded; the files read in batches where they can be (bounded memory)."""
    from vcf_tui.export.json_export import document_parts, flat_sessions
    from vcf_tui.export.output import json_to_stdout, write_export_parts
    from vcf_tui.export.streamed import read_streamed

    export = _streamed(args, read_streamed)
    if export is not None:
        sessions = len(export.sessions)
        parts = document_parts(export.encoded_sessions(), export.streamed.tables, export.privacy.redactor)
    else:
        flat, tables = _whole(args)
        sessions = len(flat.sessions)
        parts = document_parts(flat_sessions(flat), tables, flat.redactor)
    if output is None:
        json_to_stdout(parts)
        return 0
    write_export_parts(output, parts)
    print(f"json export of {counted(sessions, 'session')} written to {one_line(output)}")
    return 0


def _parquet(args: argparse.Namespace, output: Path) -> int:
    """The parquet export, written in record batches; the files read in batches where they can be (bounded memory)."""
    from vcf_tui.export.parquet import flat_columns, write_parquet
    from vcf_tui.export.parquet_stream import streamed_columns
    from vcf_tui.export.streamed import read_streamed

    export = _streamed(args, functools.partial(read_streamed, with_codings=False))  # rows show no codings
    if export is not None:
        sessions, columns = len(export.sessions), streamed_columns(export)
    else:
        flat = _whole(args)[0]
        sessions, columns = len(flat.sessions), flat_columns(flat)
    try:
        written = write_parquet(columns, output)
    except OSError as error:
        raise UserError(f"{output}: cannot write: {error.strerror or error}") from None
    answers = counted(written, "answer")
    print(f"parquet export of {counted(sessions, 'session')} ({answers}) written to {one_line(output)}")
    return 0
