"""Sessions with their answers in questionnaire order, each with its instrument, as every export format reads them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vcf_tui.analysis.tally import steps_by_story
from vcf_tui.export.privacy import Privacy, Redactor, is_personal
from vcf_tui.export.questions import Questionnaire
from vcf_tui.export.sources import Sources, session_instruments
from vcf_tui.instrument import Instrument
from vcf_tui.instrument.catalog import LOCAL_DIR
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


def questionnaires_of(instruments: dict[str, Instrument]) -> dict[str, Questionnaire]:
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
    sessions = exported_sessions(tables["sessions"].values(), sources.source_file, privacy)
    questionnaires = questionnaires_of(session_instruments(sessions, sources.stored, instruments_dir))
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
    looping = story_loops(a for session_answers in answers.values() for a in session_answers)
    for session_answers in answers.values():
        mark_loops(session_answers, looping)
    withheld_or_none = withheld if privacy.drop_personal else None
    return Flat(sessions, answers, codings, questionnaires, personal, withheld_or_none, looping, privacy.redactor)


def exported_sessions(
    sessions: Iterable[dict[str, Any]], source_file: dict[str, str], privacy: Privacy
) -> list[dict[str, Any]]:
    """Sessions by start time, each with the file it came from, pseudonymised as ``privacy`` says."""
    ordered = sorted(sessions, key=lambda s: (str(s.get("started_at") or ""), s["session_id"]))
    return [privacy.session(dict(s, source_file=source_file.get(s["session_id"]))) for s in ordered]


def story_loops(answers: Iterable[dict[str, Any]]) -> set[str]:
    """Answer ids of the story steps that loop back, found as the tally and the matrix find them."""
    return {
        step["answer_id"]
        for steps in steps_by_story(answers).values()
        for step, loop in zip(steps, loops(steps), strict=True)
        if loop
    }


def mark_loops(answers: list[dict[str, Any]], loops: set[str]) -> None:
    """Give each story step (a copy of it) ``loop``: whether it loops back to an earlier cycle (SPEC 8)."""
    for index, answer in enumerate(answers):
        if isinstance(answer.get("story"), dict):
            answers[index] = {**answer, "loop": answer["answer_id"] in loops}


def show_value(value: Any) -> str:
    """A value as text: choices of a multi joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
