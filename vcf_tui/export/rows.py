"""Sessions with their answers in questionnaire order, each with its instrument, as every export format reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vcf_tui.export.privacy import Privacy, Redactor, is_personal
from vcf_tui.export.questions import Questionnaire
from vcf_tui.export.sources import Sources, session_instruments
from vcf_tui.instrument import Instrument, InstrumentError, resolve_instrument
from vcf_tui.instrument.catalog import LOCAL_DIR, UnknownInstrument
from vcf_tui.stories import loops

SESSION_FIELDS = (
    "session_id",
    "respondent",
    "interviewer",
    "wave",
    "instrument_id",
    "instrument_version",
    "mode",
    "status",
    "started_at",
    "completed_at",
    "source_file",
)
NO_INSTRUMENT = Questionnaire(None)


@dataclass
class Flat:
    """Sessions (by start time) and, per session, its shown answers in the order the questionnaire asks them."""

    sessions: list[dict[str, Any]]
    answers: dict[str, list[dict[str, Any]]]
    codings: dict[str, list[dict[str, Any]]]
    questionnaires: dict[str, Questionnaire]  # by session id
    personal: set[str] = field(default_factory=set)  # answer ids of the personal answers kept (not pseudonymised)
    withheld: set[str] | None = None  # personal answers left out: their question ids; None when none are left out
    loops: set[str] = field(default_factory=set)  # answer ids of story steps whose cycle comes before the previous's
    # (each story step's answer also holds ``loop``: True or False)
    redactor: Redactor = field(default_factory=lambda: Redactor([]))  # for the free text of other tables

    def instrument(self, session: dict[str, Any]) -> Instrument | None:
        return self.questionnaires.get(session["session_id"], NO_INSTRUMENT).instrument

    def question_text(self, session: dict[str, Any], answer: dict[str, Any]) -> str:
        return self.questionnaires.get(session["session_id"], NO_INSTRUMENT).text(answer)


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


def _questionnaires(instruments: dict[str, Instrument]) -> dict[str, Questionnaire]:
    """Each session's instrument, indexed once per instrument."""
    indexed: dict[int, Questionnaire] = {}
    for instrument in instruments.values():
        if id(instrument) not in indexed:
            indexed[id(instrument)] = Questionnaire(instrument)
    return {session_id: indexed[id(instrument)] for session_id, instrument in instruments.items()}


def flatten(sources: Sources, privacy: Privacy | None = None, instruments_dir: Path = LOCAL_DIR) -> Flat:
    """Sessions and answers as exported: pseudonyms, redacted names and personal answers as ``privacy`` says."""
    privacy = privacy or Privacy()
    tables = sources.tables
    sessions = sorted(tables["sessions"].values(), key=lambda s: (str(s.get("started_at") or ""), s["session_id"]))
    sessions = [privacy.session(dict(s, source_file=sources.source_file.get(s["session_id"]))) for s in sessions]
    questionnaires = _questionnaires(session_instruments(sessions, sources.stored, instruments_dir))
    answers: dict[str, list[dict[str, Any]]] = {s["session_id"]: [] for s in sessions}
    personal: set[str] = set()
    withheld: set[str] = set()
    for answer in tables["answers"].values():
        session_id = answer.get("session_id")
        if session_id not in answers or answer.get("hidden") or "question_id" not in answer:
            continue
        if is_personal(answer, questionnaires.get(session_id, NO_INSTRUMENT).question(answer)):
            if privacy.drop_personal:
                withheld.add(answer["question_id"])
                continue
            personal.add(answer["answer_id"])
        answers[session_id].append(privacy.redactor.record(answer))
    for session_id, session_answers in answers.items():
        session_answers.sort(key=questionnaires.get(session_id, NO_INSTRUMENT).position)
    codings: dict[str, list[dict[str, Any]]] = {}
    for coding in tables["codings"].values():
        if not coding.get("removed"):
            codings.setdefault(coding.get("answer_id", ""), []).append(privacy.redactor.record(coding))
    loops = {a["answer_id"] for session_answers in answers.values() for a in story_loops(session_answers)}
    for session_answers in answers.values():
        mark_loops(session_answers, loops)
    withheld_or_none = withheld if privacy.drop_personal else None
    return Flat(sessions, answers, codings, questionnaires, personal, withheld_or_none, loops, privacy.redactor)


def mark_loops(answers: list[dict[str, Any]], loops: set[str]) -> None:
    """Give each story step (a copy of it) ``loop``: whether it loops back to an earlier cycle (SPEC 8)."""
    for index, answer in enumerate(answers):
        if isinstance(answer.get("story"), dict):
            answers[index] = {**answer, "loop": answer["answer_id"] in loops}


def story_loops(answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Story steps (answers already in told order) whose cycle comes before the previous step's: a loop back."""
    stories: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for answer in answers:
        story = answer.get("story")
        if isinstance(story, dict) and answer.get("value") is not None:
            stories.setdefault((story.get("section"), story.get("instance")), []).append(answer)
    return [step for steps in stories.values() for step, loop in zip(steps, loops(steps), strict=True) if loop]


def show_value(value: Any) -> str:
    """A value as text: choices of a multi joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
