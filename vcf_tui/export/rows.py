"""Sessions with their answers in questionnaire order, each with its instrument, as every export format reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vcf_tui.export.privacy import Privacy, is_personal
from vcf_tui.export.sources import Sources, session_instruments
from vcf_tui.instrument import Instrument, InstrumentError, resolve_instrument
from vcf_tui.instrument.catalog import LOCAL_DIR, UnknownInstrument

SESSION_FIELDS = ("session_id", "respondent", "interviewer", "wave", "instrument_id", "instrument_version", "mode",
                  "status", "started_at", "completed_at", "source_file")
UNKNOWN = 1 << 30  # answers to questions the instrument does not have go last


@dataclass
class Flat:
    """Sessions (by start time) and, per session, its shown answers in the order the questionnaire asks them."""

    sessions: list[dict[str, Any]]
    answers: dict[str, list[dict[str, Any]]]
    codings: dict[str, list[dict[str, Any]]]
    instruments: dict[str, Instrument]  # by session id
    personal: set[str] = field(default_factory=set)  # answer ids of the personal answers kept (not pseudonymised)
    withheld: set[str] | None = None  # personal answers left out: their question ids; None when none are left out

    def instrument(self, session: dict[str, Any]) -> Instrument | None:
        return self.instruments.get(session["session_id"])

    def question_text(self, session: dict[str, Any], answer: dict[str, Any]) -> str:
        instrument = self.instrument(session)
        return answer_text(instrument.texts(), answer) if instrument else ""


def answer_text(texts: dict[str, str], answer: dict[str, Any]) -> str:
    """The question (or story step) an answer replies to, from ``Instrument.texts()``."""
    story = answer.get("story")
    if isinstance(story, dict):
        return texts.get(f"{story.get('section')}.{story.get('step')}", "")
    return texts.get(str(answer.get("question_id")), "")


def load_instruments(ids: set[str], folder: Path = LOCAL_DIR) -> dict[str, Instrument]:
    """The instruments we can find by id (in ``folder`` or bundled), for question texts and order."""
    found = {}
    for instrument_id in ids:
        try:
            found[instrument_id] = resolve_instrument(instrument_id, folder)
        except (InstrumentError, UnknownInstrument):
            continue
    return found


def question_of(instrument: Instrument | None, answer: dict[str, Any]) -> Any:
    """The answer's question in its instrument, or None (story steps and unknown ids)."""
    if instrument is None or answer.get("story"):
        return None
    try:
        return instrument.question(str(answer.get("question_id")))
    except KeyError:
        return None


def flatten(sources: Sources, privacy: Privacy | None = None, instruments_dir: Path = LOCAL_DIR) -> Flat:
    """Sessions and answers as exported: pseudonyms, redacted names and personal answers as ``privacy`` says."""
    privacy = privacy or Privacy()
    tables = sources.tables
    sessions = sorted(tables["sessions"].values(), key=lambda s: (str(s.get("started_at") or ""), s["session_id"]))
    sessions = [privacy.session(dict(s, source_file=sources.source_file.get(s["session_id"]))) for s in sessions]
    instruments = session_instruments(sessions, sources.stored, instruments_dir)
    answers: dict[str, list[dict[str, Any]]] = {s["session_id"]: [] for s in sessions}
    personal: set[str] = set()
    withheld: set[str] = set()
    for answer in tables["answers"].values():
        session_id = answer.get("session_id")
        if session_id not in answers or answer.get("hidden") or "question_id" not in answer:
            continue
        if is_personal(answer, question_of(instruments.get(session_id), answer)):
            if privacy.drop_personal:
                withheld.add(answer["question_id"])
                continue
            personal.add(answer["answer_id"])
        answers[session_id].append(privacy.redactor.record(answer))
    for session in sessions:
        order = questionnaire_order(instruments.get(session["session_id"]))
        answers[session["session_id"]].sort(key=lambda a: answer_position(order, a))
    codings: dict[str, list[dict[str, Any]]] = {}
    for coding in tables["codings"].values():
        if not coding.get("removed"):
            codings.setdefault(coding.get("answer_id", ""), []).append(privacy.redactor.record(coding))
    return Flat(sessions, answers, codings, instruments, personal, withheld if privacy.drop_personal else None)


def questionnaire_order(instrument: Instrument | None) -> dict[str, tuple[int, int]]:
    """Position of each question id, and of each story step as ``section.step``: (section, item)."""
    order: dict[str, tuple[int, int]] = {}
    if instrument is None:
        return order
    for s, section in enumerate(instrument.sections):
        for q, question in enumerate(section.questions):
            order[question.id] = (s, q)
        for k, step in enumerate(section.steps):
            order[f"{section.id}.{step.id}"] = (s, k)
    return order


def answer_position(order: dict[str, tuple[int, int]], answer: dict[str, Any]) -> tuple[int, int, int, str]:
    """Sort key: section, story instance (0 for questions), question or step, then the id for unknown ones."""
    story = answer.get("story")
    question_id = str(answer.get("question_id"))
    if isinstance(story, dict):
        section, item = order.get(f"{story.get('section')}.{story.get('step')}", (UNKNOWN, 0))
        instance = story.get("instance")
        return section, instance if isinstance(instance, int) else 0, item, question_id
    section, item = order.get(question_id, (UNKNOWN, 0))
    return section, 0, item, question_id


def show_value(value: Any) -> str:
    """A value as text: choices of a multi joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
