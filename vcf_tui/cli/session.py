"""``vcf-tui run``, ``vcf-tui ask`` and the home screen: one session, in the TUI or with plain prompts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from vcf_tui import session_setup as setup
from vcf_tui.cli.common import RunOptions, UserError, add_session_options
from vcf_tui.store import DataFile, StoreError
from vcf_tui.text import one_line, printable

if TYPE_CHECKING:
    from vcf_tui.instrument import Instrument
    from vcf_tui.project import Wave


def add_parsers(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser(
        "run",
        help="run one session in the full-screen TUI",
        description="Run one session in the TUI. Every answer is saved before the next "
        "question shows; ctrl+q leaves with every answer kept.",
    )
    add_session_options(run)
    run.add_argument(
        "--lock",
        action="store_true",
        help="self mode kiosk (implies --mode self): leaving needs a PIN that the interviewer types at the start",
    )
    add_project_option(run)
    run.set_defaults(func=run_tui, mode=None, usage_error=run.error)  # no --mode: interview, or self with --lock

    ask = commands.add_parser(
        "ask",
        help="run a session with plain prompts (screen readers, SSH, small terminals)",
        description="Run one session with plain prompts; every answer is saved as it is given. "
        "Ctrl-C stops with everything saved and prints how to resume.",
    )
    add_session_options(ask)
    add_project_option(ask)
    ask.set_defaults(lock=False)
    given = ask.add_mutually_exclusive_group()
    given.add_argument("--answers", metavar="A", help="replay a YAML/JSON answers file with no prompts")
    given.add_argument(
        "--template",
        action="store_true",
        help="print a blank answers file for INSTRUMENT (fill it in, then replay it with --answers)",
    )
    ask.set_defaults(func=run_ask)


def add_project_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--project",
        metavar="P",
        help="project file whose waves the session's wave must be one of (default: ./vcf-project.yaml if there is one)",
    )


def project_waves(project_path: str | None, wave: str | None, given_as: str = "--wave") -> tuple[Wave, ...]:
    """The waves of the project (``--project`` or ./vcf-project.yaml), checking that ``wave`` is one of them."""
    from vcf_tui.project import find_project

    project = find_project(project_path)
    if project is None or not project.waves:
        return ()
    if wave is not None and wave not in project.wave_ids:
        raise UserError(
            one_line(
                f"{given_as} {wave}: not a wave of project {project.id} ({project.path}); "
                f"its waves are: {', '.join(project.wave_ids)}"
            )
        )
    return project.waves


def run_app(options: RunOptions, instrument_name: str | None, project: str | None = None) -> int:
    """The full-screen app on one instrument, or the home screen when ``instrument_name`` is None."""
    from vcf_tui.tui.terminal import require_terminal

    waves = project_waves(project, options.wave)
    instrument = setup.load(instrument_name) if instrument_name else None
    require_terminal("run" if instrument_name else "vcf-tui")  # before the data file is opened (or made)
    store = DataFile.open(options.data)
    try:
        if instrument is not None:
            resumed = setup.check_start(store, instrument, options.mode, options.resume)
            if options.lock and resumed and (store.get("sessions", resumed) or {}).get("mode") != "self":
                raise UserError(f"session {options.resume} is an interview; --lock resumes only self mode sessions")
        from vcf_tui.tui.app import RunOptions as AppOptions
        from vcf_tui.tui.app import make_app

        app_options = AppOptions(
            instrument,
            options.mode,
            options.interviewer,
            options.respondent,
            options.wave,
            options.resume,
            options.lock,
            waves,
        )
        app = make_app(store, app_options)
        outcome = app.run()
    finally:
        store.close()
    recorder = app.recorder
    hint = setup.resume_hint("run", instrument_name, options.data, store, recorder.session) if recorder else None
    if recorder and hint:
        print(
            one_line(f"Session {recorder.session['session_id'][:8]} is saved in {options.data}; resume it with: {hint}")
        )
    if app.return_code:  # an unexpected error in the app (Textual has shown it)
        return app.return_code
    if outcome == "dashboard":  # asked for on the home screen; the file is now free for other writers
        from vcf_tui.cli.dashboard import run as run_dashboard

        return run_dashboard(argparse.Namespace(files=[options.data], project=project))
    return 0


def run_home(data: str, project: str | None = None) -> int:
    return run_app(RunOptions(data), None, project)


def run_tui(args: argparse.Namespace) -> int:
    if args.lock and args.mode == "interview":
        args.usage_error("--lock is for self mode: a kiosk never shows an interview's cycles and probes")
    args.mode = args.mode or ("self" if args.lock else "interview")
    return run_app(RunOptions.from_args(args), args.instrument, args.project)


def run_ask(args: argparse.Namespace) -> int:
    instrument = setup.load(args.instrument)
    if args.template:
        from vcf_tui.template import answers_template

        print(answers_template(instrument), end="")
        return 0
    if args.answers:
        return replay_answers(args, instrument)
    project_waves(args.project, args.wave)
    if not stdin_is_terminal():  # checked before the data file is opened: nothing is made for a session never asked
        raise UserError(
            "'ask' prompts on a terminal, and its input is not one; replay a file of answers with "
            "--answers A ('--template' prints a blank one)"
        )
    store = DataFile.open(args.data)
    try:
        recorder = setup.begin(
            store,
            instrument,
            args.mode,
            args.resume,
            interviewer=args.interviewer,
            respondent=args.respondent,
            wave=args.wave,
        )
        from vcf_tui.prompt_mode import PromptSession

        try:
            PromptSession(recorder).run()
        except (KeyboardInterrupt, EOFError):
            print("\nStopped.", file=sys.stderr)
            say_what_is_kept(args, store, recorder.session, "Every answer so far is saved")
            return 130
        except (StoreError, OSError) as error:  # a save is all or nothing: this answer is not in the file
            reason = error if isinstance(error, StoreError) else error.strerror or error
            print("\n" + one_line(f"vcf-tui: the answer just given was NOT saved: {reason}"), file=sys.stderr)
            say_what_is_kept(args, store, recorder.session, "Every answer before it is saved")
            return 1
    finally:
        store.close()
    status = recorder.session["status"]
    print(
        one_line(f"Session {recorder.session['session_id'][:8]} is {status.replace('_', ' ')}; saved in {args.data}.")
    )
    return 0


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def say_what_is_kept(args: argparse.Namespace, store: DataFile, session: dict, kept: str) -> None:
    """After a stop: what is saved (``kept``, when anything is), and the command that resumes the session."""
    hint = setup.resume_hint("ask", args.instrument, args.data, store, session)
    if hint:
        print(kept + one_line(f" in {args.data}.") + "\n" + one_line(f"Resume with: {hint}"), file=sys.stderr)
    else:
        print("This session had no answer saved yet, so nothing was saved.", file=sys.stderr)


def replay_answers(args: argparse.Namespace, instrument: Instrument) -> int:
    from vcf_tui.replay import ReplayError, read_answers_file, replay

    try:
        data = read_answers_file(Path(args.answers))
    except ReplayError as error:
        raise UserError(str(error)) from None
    mode = str(data.get("mode") or args.mode)
    try:
        setup.check_mode(instrument, mode)
    except setup.SetupError as error:  # the mode may come from the answers file: name it
        raise UserError(f"{args.answers}: {error}" if data.get("mode") else str(error)) from None
    try:  # every answer is checked before the data file is touched, so a bad file leaves nothing behind
        result = replay(instrument, data, args.answers, "", mode=mode)
    except ReplayError as error:
        print(printable(str(error)), file=sys.stderr)
        print(one_line(f"{args.answers}: nothing was saved"), file=sys.stderr)
        return 1
    project_waves(args.project, result.session["wave"], given_as=f"{args.answers}: wave")
    store = DataFile.open(args.data)
    try:
        origin = {"origin_file_id": store.meta["file_id"]}
        store.put_many(
            [(table, dict(record, **origin) if table == "sessions" else record) for table, record in result.puts]
        )
    finally:
        store.close()
    session = result.session
    answered = sum(1 for table, record in result.puts if table == "answers" and record.get("value") is not None)
    print(
        one_line(
            f"Saved session {session['session_id'][:8]} ({session['respondent'] or 'no respondent id'}): "
            f"{session['status'].replace('_', ' ')}, {answered} answers, in {args.data}"
        )
    )
    return 0
