"""The ``vcf-tui`` parser and the one handler that turns every user-facing error into one line."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from vcf_tui import __version__
from vcf_tui.cli import (
    agreement,
    code,
    compare,
    dashboard,
    export,
    instruments,
    merge,
    observe,
    session,
    tally,
    validate,
)
from vcf_tui.cli.common import default_data
from vcf_tui.errors import VcfError
from vcf_tui.text import printable

PIPE_CLOSED = 141  # as a shell reports a command ended by SIGPIPE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vcf-tui",
        description="Surveys, interviews and value-creation stories for the Value-Creation Framework. "
        "With no command, opens the home screen.",
        epilog="The data file is ./vcf-responses.json unless --data or $VCF_TUI_DATA says otherwise. "
        "'vcf-tui COMMAND --help' explains each command.",
    )
    parser.add_argument("--version", action="version", version=f"vcf-tui {__version__}")
    parser.add_argument("--data", dest="home_data", metavar="F",
                        help="with no command: open the home screen on data file F")
    parser.add_argument("--project", dest="home_project", metavar="P",
                        help="with no command: offer project P's waves (default: ./vcf-project.yaml if there is one)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    session.add_parsers(commands)
    for command in (validate, instruments, tally, compare, dashboard, code, agreement, merge, export, observe):
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return session.run_home(args.home_data or default_data(), args.home_project)
        return int(args.func(args))
    except VcfError as error:
        print(f"vcf-tui: {printable(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("vcf-tui: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """Console-script entry point; a reader that leaves early (``| head``) ends the output quietly.

    Once the command is done (its data file closed) and the output flushed, the
    process ends with ``os._exit``: the interpreter would otherwise free every
    record it loaded one by one (seconds after a big file) for nothing.
    """
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        code = PIPE_CLOSED
    with contextlib.suppress(OSError):  # stderr gone too: nothing more can be said
        sys.stderr.flush()
    os._exit(code)


def _silence_stdout() -> None:
    """Point stdout at the null device, so that no later flush can fail on the closed pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
