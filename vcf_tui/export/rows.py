"""Flatten merged tables into sessions with their answers, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vcf_tui.instrument import Instrument, InstrumentError, resolve_instrument
from vcf_tui.instrument.catalog import LOCAL_DIR, UnknownInstrument
from vcf_tui.store.datafile import Tables

SESSION_FIELDS = ("session_id", "respondent", "interviewer", "wave", "instrument_id", "instrument_version", "mode",
                  "status", "started_at", "completed_at")


@dataclass
class Flat:
    """Sessions (by start time) and, per session, answers in question order."""

    sessions: list[dict[str, Any]]
    answers: dict[str, list[dict[str, Any]]]
    codings: dict[str, list[dict[str, Any]]]
    instruments: dict[str, Instrument]

    def question_text(self, session: dict[str, Any], answer: dict[str, Any]) -> str:
        return answer_text(self._texts.get(session.get("instrument_id", ""), {}), answer)

    def __post_init__(self) -> None:
        self._texts = {instrument_id: i.texts() for instrument_id, i in self.instruments.items()}


def answer_text(texts: dict[str, str], answer: dict[str, Any]) -> str:
    """The question (or story step) an answer replies to, from ``Instrument.texts()``."""
    story = answer.get("story")
    if story:
        return texts.get(f"{story['section']}.{story['step']}", "")
    return texts.get(answer["question_id"], "")


def load_instruments(ids: set[str], folder: Path = LOCAL_DIR) -> dict[str, Instrument]:
    """The instruments we can find by id (in ``folder`` or bundled), for question texts and order."""
    found = {}
    for instrument_id in ids:
        try:
            found[instrument_id] = resolve_instrument(instrument_id, folder)
        except (InstrumentError, UnknownInstrument):
            continue
    return found


def flatten(tables: Tables, pseudonymise: Any = None, instruments_dir: Path = LOCAL_DIR) -> Flat:
    """``pseudonymise(role, name)`` replaces respondent and interviewer when given."""
    sessions = sorted(tables["sessions"].values(), key=lambda s: (s.get("started_at") or "", s["session_id"]))
    if pseudonymise is not None:
        sessions = [dict(s, respondent=pseudonymise("respondent", s.get("respondent")),
                         interviewer=pseudonymise("interviewer", s.get("interviewer"))) for s in sessions]
    instruments = load_instruments({s.get("instrument_id", "") for s in sessions}, instruments_dir)
    answers: dict[str, list[dict[str, Any]]] = {s["session_id"]: [] for s in sessions}
    for answer in tables["answers"].values():
        if answer.get("session_id") in answers and not answer.get("hidden"):
            answers[answer["session_id"]].append(answer)
    for session in sessions:
        order = _question_order(instruments.get(session.get("instrument_id", "")))
        answers[session["session_id"]].sort(key=lambda a: (order.get(_base(a), len(order)), a["question_id"]))
    codings: dict[str, list[dict[str, Any]]] = {}
    for coding in tables["codings"].values():
        if not coding.get("removed"):
            codings.setdefault(coding.get("answer_id", ""), []).append(coding)
    return Flat(sessions, answers, codings, instruments)


def _base(answer: dict[str, Any]) -> str:
    story = answer.get("story")
    return f"story:{story['section']}" if story else answer["question_id"]


def _question_order(instrument: Instrument | None) -> dict[str, int]:
    if instrument is None:
        return {}
    order: dict[str, int] = {}
    for section in instrument.sections:
        if section.is_story:
            order[f"story:{section.id}"] = len(order)
        for question in section.questions:
            order[question.id] = len(order)
    return order


def show_value(value: Any) -> str:
    """A value as a spreadsheet cell: choices of a multi joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
