"""Sessions with their answers in questionnaire order, each with its instrument, as every export format reads them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vcf_tui.cycles import CYCLES
from vcf_tui.export.privacy import Privacy, is_personal
from vcf_tui.export.sources import Sources, session_instruments
from vcf_tui.instrument import Instrument, InstrumentError, Question, Section, resolve_instrument
from vcf_tui.instrument.catalog import LOCAL_DIR, UnknownInstrument

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
UNKNOWN = 1 << 30  # answers to questions the instrument does not have go last
STORY_KEY = re.compile(r"(?P<section>[a-z0-9][a-z0-9-]*)\[(?P<instance>[0-9]+)\]\.(?P<name>.+)\Z")
STORY_QUESTIONS = 1 << 20  # questions about a story come after its steps


@dataclass
class Flat:
    """Sessions (by start time) and, per session, its shown answers in the order the questionnaire asks them."""

    sessions: list[dict[str, Any]]
    answers: dict[str, list[dict[str, Any]]]
    codings: dict[str, list[dict[str, Any]]]
    instruments: dict[str, Instrument]  # by session id
    personal: set[str] = field(default_factory=set)  # answer ids of the personal answers kept (not pseudonymised)
    withheld: set[str] | None = None  # personal answers left out: their question ids; None when none are left out
    loops: set[str] = field(default_factory=set)  # answer ids of story steps whose cycle comes before the previous's

    def instrument(self, session: dict[str, Any]) -> Instrument | None:
        return self.instruments.get(session["session_id"])

    def question_text(self, session: dict[str, Any], answer: dict[str, Any]) -> str:
        return question_text(self.instrument(session), answer)


def answer_text(texts: dict[str, str], answer: dict[str, Any]) -> str:
    """The question (or story step) an answer replies to, from ``Instrument.texts()``."""
    story = answer.get("story")
    if isinstance(story, dict):
        return texts.get(f"{story.get('section')}.{story.get('step')}", "")
    return texts.get(str(answer.get("question_id")), "")


def story_place(answer: dict[str, Any]) -> tuple[str, int, str, bool] | None:
    """(section, story number, step or question id, is a step) for an answer within a story, else None."""
    story = answer.get("story")
    if isinstance(story, dict):
        instance = story.get("instance")
        return str(story.get("section")), instance if isinstance(instance, int) else 0, str(story.get("step")), True
    match = STORY_KEY.match(str(answer.get("question_id")))
    if match is None:
        return None
    return match["section"], int(match["instance"]), match["name"], False


def question_text(instrument: Instrument | None, answer: dict[str, Any]) -> str:
    """What was asked: a question's or a step's text, a told story's prompt, or a question about a story."""
    if instrument is None:
        return ""
    section = _story_section(instrument, answer)
    if section is not None and section.is_told and isinstance(answer.get("story"), dict):
        return section.text or ""
    question = question_of(instrument, answer)
    return question.text if question is not None else answer_text(instrument.texts(), answer)


def _story_section(instrument: Instrument, answer: dict[str, Any]) -> Section | None:
    """The story section of a story step or of a question about a story."""
    place = story_place(answer)
    if place is None:
        return None
    return next((s for s in instrument.sections if s.id == place[0] and s.is_story), None)


def load_instruments(ids: set[str], folder: Path = LOCAL_DIR) -> dict[str, Instrument]:
    """The instruments we can find by id (in ``folder`` or bundled), for question texts and order."""
    found = {}
    for instrument_id in ids:
        try:
            found[instrument_id] = resolve_instrument(instrument_id, folder)
        except (InstrumentError, UnknownInstrument):
            continue
    return found


def question_of(instrument: Instrument | None, answer: dict[str, Any]) -> Question | None:
    """The answer's question in its instrument (a question about a story included), or None."""
    if instrument is None or isinstance(answer.get("story"), dict):
        return None
    question_id = str(answer.get("question_id"))
    section = _story_section(instrument, answer)
    if section is not None:
        return next((q for q in section.story_questions if question_id.endswith(f"].{q.id}")), None)
    try:
        return instrument.question(question_id)
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
    loops = {a["answer_id"] for session_answers in answers.values() for a in story_loops(session_answers)}
    return Flat(sessions, answers, codings, instruments, personal, withheld if privacy.drop_personal else None, loops)


def story_loops(answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Story steps (in the order told) whose cycle comes before the previous step's cycle: the story loops back."""
    previous: dict[tuple[str, int], int] = {}
    found = []
    for answer in answers:
        place = story_place(answer)
        cycles = answer.get("cycles") or []
        if place is None or not place[3] or answer.get("value") is None or not cycles or cycles[0] not in CYCLES:
            continue
        rank = list(CYCLES).index(cycles[0])
        if rank < previous.get(place[:2], -1):
            found.append(answer)
        previous[place[:2]] = rank
    return found


def questionnaire_order(instrument: Instrument | None) -> dict[str, tuple[int, int]]:
    """Position of each question, story step (``section.step``) and story question (``section.question``)."""
    order: dict[str, tuple[int, int]] = {}
    if instrument is None:
        return order
    for s, section in enumerate(instrument.sections):
        order[f"{section.id}."] = (s, 0)
        for q, question in enumerate(section.questions):
            order[question.id] = (s, q)
        for k, step in enumerate(section.steps, 1):
            order[f"{section.id}.{step.id}"] = (s, k)
        for q, question in enumerate(section.story_questions):
            order[f"{section.id}.{question.id}"] = (s, STORY_QUESTIONS + q)
    return order


def answer_position(order: dict[str, tuple[int, int]], answer: dict[str, Any]) -> tuple[int, int, int, str]:
    """Sort key: section, story number (0 for questions), place as asked or told, then the id of unknown ones."""
    question_id = str(answer.get("question_id"))
    place = story_place(answer)
    if place is None or f"{place[0]}." not in order:
        section, item = order.get(question_id, (UNKNOWN, 0))
        return section, 0, item, question_id
    name, instance, step, is_step = place[0], place[1], place[2], place[3]
    section, item = order.get(f"{name}.{step}", (order[f"{name}."][0], 0))
    position = answer["story"].get("position") if is_step else None
    if isinstance(position, int):  # a told story: the order it was told in
        item = position
    return section, instance, item, question_id


def show_value(value: Any) -> str:
    """A value as text: choices of a multi joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
