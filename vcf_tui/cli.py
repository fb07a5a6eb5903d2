"""Command line: argument parsing only, one function per command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vcf_tui import __version__
from vcf_tui import session_setup as setup
from vcf_tui.session_setup import SetupError
from vcf_tui.store import DataFile, StoreError

if TYPE_CHECKING:
    from vcf_tui.instrument import Instrument
    from vcf_tui.store.datafile import Tables

DEFAULT_DATA = "vcf-responses.json"


class UserError(Exception):
    """Bad input from the user: printed as one line, exit code 1."""


def default_data() -> str:
    return os.environ.get("VCF_TUI_DATA") or DEFAULT_DATA


def cmd_validate(args: argparse.Namespace) -> int:
    from vcf_tui.instrument import InstrumentError, load_instrument

    failed = 0
    for name in args.paths:
        try:
            instrument = load_instrument(name)
        except InstrumentError as error:
            failed += 1
            print(str(error), file=sys.stderr)
            continue
        print(f"{name}: ok: {instrument.label}, {instrument.framework}, "
              f"{instrument.question_count()} questions in {len(instrument.sections)} sections")
    if len(args.paths) > 1:
        print(f"{len(args.paths)} files checked: " + (f"{failed} with problems" if failed else "all valid"),
              file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0


def cmd_instruments(args: argparse.Namespace) -> int:
    from vcf_tui.instrument import find_instruments

    rows = [("ID", "VERSION", "FRAMEWORK", "QUESTIONS", "TITLE", "PATH")]
    problems = []
    for entry in find_instruments():
        if entry.instrument is None:
            problems.append(f"{entry.path}: not loaded: {len(entry.error.problems) if entry.error else 0} "
                            f"problem(s); run 'vcf-tui validate {entry.path}'")
            continue
        i = entry.instrument
        rows.append((i.id, i.version, i.framework, str(i.question_count()), i.title, str(entry.path)))
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1])
    for line in problems:
        print(line, file=sys.stderr)
    return 0


def _run_app(args: argparse.Namespace, instrument_name: str | None) -> int:
    instrument = setup.load(instrument_name) if instrument_name else None
    store = DataFile.open(args.data)
    try:
        if instrument is not None:
            setup.check_start(store, instrument, args.mode, args.resume)
        from vcf_tui.tui.app import RunOptions, make_app

        options = RunOptions(instrument, args.mode, args.interviewer, args.respondent, args.wave, args.resume,
                             args.lock)
        app = make_app(store, options)
        outcome = app.run()
    finally:
        store.close()
    hint = setup.resume_hint("run", instrument_name, args.data, store, app.recorder.session) if app.recorder else None
    if hint:
        print(f"Session {app.recorder.session['session_id'][:8]} is saved in {args.data}; resume it with: {hint}")
    if outcome == "dashboard":  # asked for on the home screen; the file is now free for other writers
        return cmd_dashboard(argparse.Namespace(files=[args.data]))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    return _run_app(args, args.instrument)


def cmd_ask(args: argparse.Namespace) -> int:
    instrument = setup.load(args.instrument)
    if args.answers:
        return _replay(args, instrument)
    store = DataFile.open(args.data)
    try:
        recorder = setup.begin(store, instrument, args.mode, args.resume, interviewer=args.interviewer,
                               respondent=args.respondent, wave=args.wave)
        from vcf_tui.prompt_mode import PromptSession

        try:
            PromptSession(recorder).run()
        except (KeyboardInterrupt, EOFError):
            hint = setup.resume_hint("ask", args.instrument, args.data, store, recorder.session)
            if hint:
                print(f"\nStopped. Every answer so far is saved in {args.data}.\nResume with: {hint}", file=sys.stderr)
            else:
                print("\nStopped before the first answer; nothing was saved.", file=sys.stderr)
            return 130
    finally:
        store.close()
    status = recorder.session["status"]
    print(f"Session {recorder.session['session_id'][:8]} is {status.replace('_', ' ')}; saved in {args.data}.")
    return 0


def _replay(args: argparse.Namespace, instrument: Instrument) -> int:
    from vcf_tui.replay import ReplayError, read_answers_file, replay

    try:
        data = read_answers_file(Path(args.answers))
    except ReplayError as error:
        raise UserError(str(error)) from None
    mode = str(data.get("mode") or args.mode)
    setup.check_mode(instrument, mode)
    store = DataFile.open(args.data)
    try:
        try:
            result = replay(instrument, data, args.answers, store.meta["file_id"], mode=mode)
        except ReplayError as error:
            print(str(error), file=sys.stderr)
            print(f"{args.answers}: nothing was saved", file=sys.stderr)
            return 1
        store.put_many(result.puts)
    finally:
        store.close()
    session = result.session
    answered = sum(1 for table, record in result.puts if table == "answers" and record.get("value") is not None)
    print(f"Saved session {session['session_id'][:8]} ({session['respondent'] or 'no respondent id'}): "
          f"{session['status'].replace('_', ' ')}, {answered} answers, in {args.data}")
    return 0


def load_data(paths: list[str]) -> Tables:
    """Data files for analysis, as one set of records (read without the writer lock)."""
    import gc

    from vcf_tui.merge import union
    from vcf_tui.store import read_tables

    gc.disable()  # a short run over many small acyclic records: the cyclic GC only costs time here
    return union(read_tables(path) for path in paths)


def cmd_tally(args: argparse.Namespace) -> int:
    import json

    from vcf_tui.tally import tally
    from vcf_tui.tally_report import format_tally

    result = tally(load_data(args.files), instrument=args.instrument, by=args.by, status=args.status)
    if args.instrument and not result["sessions"]["total"]:
        which = f"{args.status} sessions" if args.status else "sessions"
        raise UserError(f"no {which} of instrument '{args.instrument}' in {', '.join(args.files)}")
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else format_tally(result))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    import gc
    import json

    from vcf_tui.merge import MergeError, format_report, merge_files

    gc.disable()  # as in load_data
    try:
        report = merge_files(args.files, args.output, dry_run=args.dry_run, force=args.force)
    except MergeError as error:
        raise UserError(str(error)) from None
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


def _pseudonym_key(args: argparse.Namespace, tables: Tables) -> str:
    """--key, else $VCF_TUI_PSEUDONYM_KEY, else the key kept in the first file's meta (made there if none)."""
    from vcf_tui.export.pseudonyms import new_key

    key = args.key or os.environ.get("VCF_TUI_PSEUDONYM_KEY")
    if key:
        return key
    for meta in tables["meta"].values():  # one meta record per file, in the order the files were given
        if meta.get("pseudonym_key"):
            return meta["pseudonym_key"]
    try:
        with DataFile.open(args.files[0]) as store:
            key = new_key()
            store.put("meta", dict(store.meta, pseudonym_key=key))
    except StoreError as error:
        raise UserError(f"{error}; give a key with --key to pseudonymise") from None
    print(f"vcf-tui: a new pseudonym key was kept in the meta of {args.files[0]}", file=sys.stderr)
    return key


def cmd_export(args: argparse.Namespace) -> int:
    from vcf_tui.export import export
    from vcf_tui.export.pseudonyms import pseudonym
    from vcf_tui.export.rows import flatten
    from vcf_tui.store.atomic import write_atomic

    tables = load_data(args.files)
    rename = None
    if args.pseudonymise:
        key = _pseudonym_key(args, tables)

        def rename(role: str, name: str | None) -> str | None:
            return pseudonym(key, role, name)

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


def cmd_dashboard(args: argparse.Namespace) -> int:
    from vcf_tui.tui.dashboard import DashboardApp

    DashboardApp(args.files).run()
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    from vcf_tui import coding
    coder = (args.coder or os.environ.get("USER") or "").strip()
    if not coder:
        raise UserError("give your name with --coder")
    store = DataFile.open(args.file)
    try:
        found = coding.passages(store.tables, coder, uncoded_only=args.uncoded, instrument=args.instrument,
                                question=args.question, cycle=args.cycle)
        if not found:
            print(f"{args.file}: no text answers or story steps to code with these filters")
            return 0
        from vcf_tui.tui.coding_app import CodingApp

        CodingApp(store, coder, found).run()
    finally:
        store.close()
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    import json

    from vcf_tui.agreement import agreement, format_agreement

    report = agreement(load_data([args.file]), args.coders)
    if not report["passages"]:
        raise UserError(f"{args.file}: no passage was coded by all of {', '.join(args.coders)}")
    print(json.dumps(report, indent=2) if args.json else format_agreement(report))
    return 0


def add_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="F", help="data file (read only, never locked)")


def add_session_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("instrument", metavar="INSTRUMENT",
                        help="instrument id (see 'vcf-tui instruments') or YAML path")
    parser.add_argument("--data", default=default_data(), metavar="F",
                        help=f"data file (default: $VCF_TUI_DATA or ./{DEFAULT_DATA})")
    parser.add_argument("--mode", choices=("interview", "self"), default="interview",
                        help="interview (an interviewer asks, with probes) or self (the respondent answers alone)")
    parser.add_argument("--interviewer", metavar="N", help="interviewer's name")
    parser.add_argument("--respondent", metavar="R", help="respondent id (a pseudonym, not a name)")
    parser.add_argument("--wave", metavar="W", help="time point, e.g. baseline or 12-months")
    parser.add_argument("--resume", metavar="SESSION", help="resume the unfinished session with this id (or id prefix)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vcf-tui",
        description="Surveys, interviews and value-creation stories for the Value-Creation Framework. "
        "With no command, opens the home screen.",
        epilog="The data file is ./vcf-responses.json unless --data or $VCF_TUI_DATA says otherwise. "
        "'vcf-tui COMMAND --help' explains each command.",
    )
    parser.add_argument("--version", action="version", version=f"vcf-tui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="run one session in the full-screen TUI",
                              description="Run one session in the TUI. Every answer is saved before the next "
                              "question shows; ctrl+q leaves with every answer kept.")
    add_session_options(run)
    run.add_argument("--lock", action="store_true",
                     help="self mode kiosk: leaving needs a PIN that the interviewer types at the start")
    run.set_defaults(func=cmd_run)

    ask = commands.add_parser("ask", help="run a session with plain prompts (screen readers, SSH, small terminals)",
                              description="Run one session with plain prompts; every answer is saved as it is given. "
                              "Ctrl-C stops with everything saved and prints how to resume.")
    add_session_options(ask)
    ask.set_defaults(lock=False)
    ask.add_argument("--answers", metavar="A", help="replay a YAML/JSON answers file with no prompts")
    ask.set_defaults(func=cmd_ask)

    validate = commands.add_parser("validate", help="check instrument YAML files",
                                   description="Check instruments; every problem is printed as FILE:LINE:COL: message.")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="instrument YAML file")
    validate.set_defaults(func=cmd_validate)

    listing = commands.add_parser("instruments", help="list bundled and ./instruments/ instruments",
                                  description="List bundled instruments and those in ./instruments/.")
    listing.set_defaults(func=cmd_instruments)

    tally = commands.add_parser("tally", help="per-cycle tallies of data files",
                                description="Per-cycle figures: sessions, answers, scale mean (percent of each "
                                "scale's range), stories and codings. Files are matched by record id, so copies "
                                "of one file count once.")
    add_files(tally)
    tally.add_argument("--instrument", metavar="ID", help="only sessions of this instrument id")
    tally.add_argument("--status", choices=("complete", "in_progress", "abandoned"),
                       help="only sessions with this status")
    tally.add_argument("--by", choices=("wave", "interviewer", "instrument"), help="compare groups side by side")
    tally.add_argument("--json", action="store_true", help="print the tally JSON (SPEC section 6)")
    tally.set_defaults(func=cmd_tally)

    dashboard = commands.add_parser("dashboard", help="live per-cycle tallies of files being written",
                                    description="A live view of data files that interviews are writing: it "
                                    "only reads them, and refreshes within a second of each save.")
    add_files(dashboard)
    dashboard.set_defaults(func=cmd_dashboard)

    code = commands.add_parser("code", help="code text answers and story steps to cycles",
                               description="Walk text answers and story steps and tag each to the cycles it "
                               "shows (digits toggle; every change is saved at once).")
    code.add_argument("file", metavar="F", help="data file (a laptop's or a merged one)")
    code.add_argument("--coder", help="your name (default: $USER)")
    code.add_argument("--uncoded", action="store_true", help="only passages you have not coded yet")
    code.add_argument("--instrument", metavar="ID", help="only this instrument")
    code.add_argument("--question", metavar="ID", help="only this question (or story section or step)")
    code.add_argument("--cycle", help="only passages designed for this cycle")
    code.set_defaults(func=cmd_code)

    agree = commands.add_parser("agreement", help="agreement between coders, per cycle",
                                description="Cohen's kappa (two coders), Krippendorff's alpha (nominal) and "
                                "percent agreement per cycle, over the passages all named coders coded; the "
                                "passages where they differ; and designed against coded cycle per question.")
    agree.add_argument("file", metavar="F", help="data file with the codings (merge the coders' copies first)")
    agree.add_argument("--coders", nargs="+", required=True, metavar="NAME", help="two or more coders")
    agree.add_argument("--json", action="store_true", help="print the report as JSON")
    agree.set_defaults(func=cmd_agreement)

    merge = commands.add_parser("merge", help="merge the data files of several laptops into a new file",
                                description="Merge data files: records are matched by id, equal copies count "
                                "once, and of two versions of a record the higher revision (then the later "
                                "update) wins and is reported. Inputs are never changed.")
    add_files(merge)
    merge.add_argument("-o", "--output", required=True, metavar="OUT", help="the merged file to write (new)")
    merge.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    merge.add_argument("--force", action="store_true", help="replace OUT if it exists (never an input)")
    merge.add_argument("--json", action="store_true", help="print the report as JSON")
    merge.set_defaults(func=cmd_merge)

    export = commands.add_parser("export", help="export data files as csv, wide-csv, json or markdown",
                                 description="Export for analysis. csv: one row per answer; wide-csv: one row "
                                 "per session; json: sessions with answers and codings nested; markdown: a "
                                 "reading pack of tallies, text answers by cycle and every story.")
    add_files(export)
    export.add_argument("--format", required=True, choices=("csv", "wide-csv", "json", "markdown"))
    export.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write, or - for stdout")
    export.add_argument("--pseudonymise", action="store_true",
                        help="replace respondent and interviewer with stable pseudonyms (a keyed hash)")
    export.add_argument("--key", help="the pseudonym key (default: $VCF_TUI_PSEUDONYM_KEY, else kept in the "
                        "data file's meta)")
    export.add_argument("--instruments", default="instruments", metavar="DIR",
                        help="folder of instrument YAML for question texts and order (default: ./instruments; "
                        "bundled instruments are always found)")
    export.set_defaults(func=cmd_export)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            home = argparse.Namespace(data=default_data(), mode="interview", interviewer=None, respondent=None,
                                      wave=None, resume=None, lock=False)
            return _run_app(home, None)
        return int(args.func(args))
    except (UserError, SetupError, StoreError) as error:
        print(f"vcf-tui: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("vcf-tui: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()

