"""Options and helpers that several commands share."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vcf_tui.errors import VcfError
from vcf_tui.text import one_line

if TYPE_CHECKING:
    from vcf_tui.store.reading import Tables

DEFAULT_DATA = "vcf-responses.json"


class UserError(VcfError):
    """Bad input from the user: printed as one line, exit code 1."""


def default_data() -> str:
    return os.environ.get("VCF_TUI_DATA") or DEFAULT_DATA


@dataclass(frozen=True)
class RunOptions:
    """What a session command (run, ask, the home screen) was asked for."""

    data: str
    mode: str = "interview"
    interviewer: str | None = None
    respondent: str | None = None
    wave: str | None = None
    resume: str | None = None
    lock: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> RunOptions:
        return cls(
            args.data,
            args.mode,
            args.interviewer,
            args.respondent,
            args.wave,
            args.resume,
            getattr(args, "lock", False),
        )


def add_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="F", help="data file (read only, never locked)")


def add_session_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "instrument", metavar="INSTRUMENT", help="instrument id (see 'vcf-tui instruments') or YAML path"
    )
    parser.add_argument(
        "--data", default=default_data(), metavar="F", help=f"data file (default: $VCF_TUI_DATA or ./{DEFAULT_DATA})"
    )
    parser.add_argument(
        "--mode",
        choices=("interview", "self"),
        default="interview",
        help="interview (an interviewer asks, with probes) or self (the respondent answers alone)",
    )
    parser.add_argument("--interviewer", metavar="N", help="interviewer's name")
    parser.add_argument("--respondent", metavar="R", help="respondent id (a pseudonym, not a name)")
    parser.add_argument("--wave", metavar="W", help="time point, e.g. baseline or 12-months")
    parser.add_argument("--resume", metavar="SESSION", help="resume the unfinished session with this id (or id prefix)")


def warn(warnings: list[str]) -> None:
    """Print each warning as one line on stderr (what a reader left out, and why)."""
    for warning in warnings:
        print(f"vcf-tui: warning: {one_line(warning)}", file=sys.stderr)


def load_data(paths: list[str]) -> Tables:
    """Data files for analysis, as one set of records (read without the writer lock); warnings go to stderr."""
    from vcf_tui.analysis.merge import union
    from vcf_tui.store import load
    from vcf_tui.store.reading import paused_gc

    with paused_gc():  # a short run over many small acyclic records: the cyclic GC only costs time here
        loaded = [load(path) for path in paths]
        tables = union(item.tables for item in loaded)
    for item in loaded:
        warn(item.warnings)
    return tables
