"""Opening a data file and starting or resuming a session: shared by `run` and `ask`."""

from __future__ import annotations

from vcf_tui.errors import VcfError
from vcf_tui.instrument import Instrument, InstrumentError, resolve_instrument
from vcf_tui.instrument.catalog import UnknownInstrument
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile


class SetupError(VcfError):
    """Something the user gave is wrong; the message is one line (or FILE:LINE:COL lines)."""


def load(name: str) -> Instrument:
    try:
        return resolve_instrument(name)
    except (InstrumentError, UnknownInstrument) as error:
        raise SetupError(str(error)) from None


def check_mode(instrument: Instrument, mode: str) -> None:
    if mode not in instrument.modes:
        raise SetupError(f"{instrument.id} cannot be run in {mode} mode (it allows: {', '.join(instrument.modes)})")


def find_session(store: DataFile, instrument: Instrument, prefix: str) -> dict:
    """The unfinished session of ``instrument`` whose id starts with ``prefix``."""
    matches = [s for s in store.records("sessions") if s["session_id"].startswith(prefix)]
    if len(matches) != 1:
        what = "no session" if not matches else f"{len(matches)} sessions"
        raise SetupError(f"{store.path}: {what} with an id starting '{prefix}'")
    session = matches[0]
    if session["instrument_id"] != instrument.id:
        raise SetupError(f"session {prefix} is of instrument {session['instrument_id']}, not {instrument.id}")
    if session["status"] != "in_progress":
        raise SetupError(f"session {prefix} is {session['status']}, so it cannot be resumed")
    return session


def unfinished_sessions(store: DataFile) -> list[dict]:
    return [s for s in store.records("sessions") if s.get("status") == "in_progress"]


def check_start(store: DataFile, instrument: Instrument, mode: str, resume: str | None = None) -> str | None:
    """Raise SetupError if the session cannot start; returns the id of the session to resume, if any."""
    if resume:
        return find_session(store, instrument, resume)["session_id"]
    check_mode(instrument, mode)
    return None


def begin(
    store: DataFile, instrument: Instrument, mode: str, resume: str | None = None, **people: str | None
) -> Recorder:
    """A Recorder for a new session, or for the unfinished session ``resume``."""
    session_id = check_start(store, instrument, mode, resume)
    if session_id:
        return Recorder.resume(store, began_with(store, instrument, store.tables["sessions"][session_id]), session_id)
    return Recorder.start(store, instrument, mode, **people)


def began_with(store: DataFile, instrument: Instrument, session: dict) -> Instrument:
    """The instrument a session began with: ``instrument`` if unchanged, else its stored YAML, else refused.

    A session is never continued under an edited instrument: its answers would be tagged by another one.
    """
    sha = session.get("instrument_sha256")
    if not sha or sha == instrument.sha256:
        return instrument
    from vcf_tui.export.sources import instrument_from_text

    stored = store.get("instruments", sha)
    began = instrument_from_text(stored) if stored else None
    if began is None:
        raise SetupError(
            f"session {session['session_id'][:8]} began with another version of {instrument.id} "
            f"(sha256 {sha[:12]}), which is not stored in {store.path}; resume it with the file it began with"
        )
    return began


def resume_hint(command: str, instrument: str | None, data: str, store: DataFile, session: dict) -> str | None:
    """How to resume ``session`` if it is saved and unfinished (a session with no answer is not saved).

    ``instrument`` is the name the user gave (an id or a path), else the session's instrument id.
    """
    # a session resumed was read from the file; a new one is there only if saved since opening
    if session["status"] != "in_progress" or not store.known("sessions", session["session_id"]):
        return None
    short = session["session_id"][:8]
    return f"vcf-tui {command} {instrument or session['instrument_id']} --data {data} --resume {short}"
