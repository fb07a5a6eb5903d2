"""Opening a data file and starting or resuming a session: shared by `run` and `ask`."""

from __future__ import annotations

from vcf_tui.instrument import Instrument, InstrumentError, resolve_instrument
from vcf_tui.instrument.catalog import UnknownInstrument
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, StoreError


class SetupError(Exception):
    """Something the user gave is wrong; the message is one line (or FILE:LINE:COL lines)."""


def load(name: str) -> Instrument:
    try:
        return resolve_instrument(name)
    except (InstrumentError, UnknownInstrument) as error:
        raise SetupError(str(error)) from None


def open_store(path: str) -> DataFile:
    try:
        return DataFile.open(path)
    except StoreError as error:
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


def begin(store: DataFile, instrument: Instrument, mode: str, resume: str | None = None,
          **people: str | None) -> Recorder:
    """A Recorder for a new session, or for the unfinished session ``resume``."""
    if resume:
        session = find_session(store, instrument, resume)
        return Recorder.resume(store, instrument, session["session_id"])
    check_mode(instrument, mode)
    return Recorder.start(store, instrument, mode, **people)
