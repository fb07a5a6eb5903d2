"""A live session: the engine's accepted answers, saved as data-file records.

The TUI, the plain prompts and the answers-file replay all go through a
Recorder: ``submit`` checks the answer with the engine, writes it (durably,
before returning) and moves on. Replay collects the records instead and
writes them in one save only when the whole file is good.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vcf_tui.engine import Engine, SessionState
from vcf_tui.instrument.model import Instrument
from vcf_tui.steps import (
    ASKED_QUESTIONS,
    AnotherStoryStep,
    ConsentStep,
    EvidenceStep,
    FixedStoryStep,
    Step,
    StoryQuestionStep,
    TagStep,
    ToldStep,
    told_step_id,
)
from vcf_tui.store import DataFile, now
from vcf_tui.store.records import instrument_puts, new_id

Record = dict[str, Any]
Writer = Callable[[list[tuple[str, Record]]], None]
_ABSENT = object()


def new_session(
    instrument: Instrument,
    file_id: str,
    mode: str,
    interviewer: str | None = None,
    respondent: str | None = None,
    wave: str | None = None,
) -> Record:
    stamp = now()
    return {
        "session_id": new_id(),
        "instrument_id": instrument.id,
        "instrument_version": instrument.version,
        "instrument_sha256": instrument.sha256,
        "framework": instrument.framework,
        "mode": mode,
        "interviewer": interviewer or None,
        "respondent": respondent or None,
        "wave": wave or None,
        "consent": None,
        "status": "in_progress",
        "started_at": stamp,
        "updated_at": stamp,
        "completed_at": None,
        "origin_file_id": file_id,
        "another_story": {},
    }


def state_from_records(session: Record, answers: list[Record]) -> SessionState:
    """Rebuild what the engine was told from a session's stored records (any file since round 1)."""
    consent = session.get("consent")
    return SessionState(
        consent=consent.get("given") if isinstance(consent, dict) else None,
        answers={a["question_id"]: a.get("value") for a in answers},
        more=dict(session.get("another_story") or {}),
        cycles={a["question_id"]: a["cycles"][0] for a in answers if a.get("story") and a.get("cycles")},
        evidence={a["question_id"]: a["evidence_text"] for a in answers if "evidence_text" in a},
        ends=dict(session.get("story_ends") or {}),
    )


class Recorder:
    """Drives an Engine and saves every accepted answer through ``write``."""

    def __init__(self, engine: Engine, session: Record, answers: list[Record], write: Writer) -> None:
        self.engine = engine
        self.session = session
        self.answers: dict[str, Record] = {a["question_id"]: a for a in answers}
        self._write = write
        self.first_puts: list[tuple[str, Record]] = []  # saved with the session's first save only
        self._first_puts_of: Callable[[], list[tuple[str, Record]]] | None = None  # what first_puts will be

    # -- construction ----------------------------------------------------
    @classmethod
    def start(cls, store: DataFile, instrument: Instrument, mode: str, **people: str | None) -> Recorder:
        """A new session; its record is saved with its first answer, so an untouched start leaves nothing."""
        session = new_session(instrument, store.meta["file_id"], mode, **people)
        recorder = cls(Engine(instrument, mode), session, [], store.put_many)
        # asked at the first save, without reading a big file's records for it: if they are not read yet, the
        # record is saved again (an instrument's record is keyed by its content: the stored one stays)
        recorder._first_puts_of = lambda: (
            [] if store.known("instruments", instrument.sha256) else instrument_puts(instrument)
        )
        return recorder

    @classmethod
    def resume(cls, store: DataFile, instrument: Instrument, session_id: str) -> Recorder:
        session = dict(store.get("sessions", session_id) or {})
        if not session:
            raise KeyError(session_id)
        answers = [a for a in store.records("answers") if a["session_id"] == session_id]
        state = state_from_records(session, answers)
        engine = Engine(instrument, session.get("mode") or "interview", state)
        return cls(engine, session, answers, store.put_many)

    # -- answering -------------------------------------------------------
    @property
    def current(self) -> Step | None:
        return self.engine.current

    def note(self, step: Step) -> str:
        """The interviewer's note on the answer record ``step`` writes to ("" if none)."""
        record = self.answers.get(step.record_key) if step.record_key else None
        return (record or {}).get("note") or ""

    def submit(self, raw: Any, note: str | None = None) -> Step:
        """Check, save, then move on; raises InvalidAnswer and saves nothing if ``raw`` is wrong."""
        step = self.engine.current
        if step is None:
            return self.engine.answer(raw)  # raises: nothing left to answer
        value = self.engine.check(step, raw)
        if self._first_puts_of is not None:
            self.first_puts, self._first_puts_of = self._first_puts_of(), None
        stamp = now()
        puts: list[tuple[str, Record]] = []
        session = dict(self.session, updated_at=stamp)
        self.engine.record(step, value)
        if isinstance(step, ConsentStep):
            session["consent"] = {"given": value, "at": stamp}
            if value is False:
                session["status"] = "abandoned"
        elif isinstance(step, AnotherStoryStep):
            session["another_story"] = dict(self.engine.state.more)
        elif isinstance(step, ToldStep):
            session["story_ends"] = dict(self.engine.state.ends)
        ends_story = isinstance(step, ToldStep) and value is None  # kept on the session, as story_ends
        record = None if ends_story or not step.record_key else self._changed_record(step, value, note, stamp)
        if record is not None:
            puts.append(("answers", record))
        puts.extend(("answers", r) for r in self._hidden_changes(stamp, answered=step.record_key if record else None))
        self.engine.advance_from(step)
        if self.engine.current is None and self.engine.is_complete() and session["status"] == "in_progress":
            session.update(status="complete", completed_at=stamp)
        puts.append(("sessions", session))
        puts.extend(self.first_puts)
        try:
            self._write(puts)
        except BaseException:
            self._undo(step)
            raise
        self.first_puts = []
        self.session = session
        for table, written in puts:
            if table == "answers":
                self.answers[written["question_id"]] = written
        return step

    def _changed_record(self, step: Step, value: Any, note: str | None, stamp: str) -> Record | None:
        """The answer record ``step`` writes to, changed by ``value``; None when nothing changes."""
        old = self.answers.get(step.record_key or "")
        fields: Record = {"value": value}
        if isinstance(step, TagStep):
            fields = {"cycles": [value]}
        elif isinstance(step, EvidenceStep):
            fields = {"evidence_text": value}
        fields["note"] = (old or {}).get("note") if note is None else note.strip() or None
        if old is None:
            return None if isinstance(step, TagStep | EvidenceStep) else {**self._new_record(step, stamp), **fields}
        if all(old.get(k, _ABSENT) == v for k, v in fields.items()) and not old.get("hidden"):
            return None
        return dict(old, **fields, hidden=False, updated_at=stamp, revision=old.get("revision", 1) + 1)

    def _new_record(self, step: Step, stamp: str) -> Record:
        question = step.question if isinstance(step, ASKED_QUESTIONS) else None
        cycles = list(step.cycles)
        story = of_story = None
        if isinstance(step, FixedStoryStep):
            story = {
                "section": step.section.id,
                "instance": step.instance,
                "step": step.story_step.id,
                "position": step.position,
            }
        elif isinstance(step, ToldStep):
            story = {
                "section": step.section.id,
                "instance": step.instance,
                "step": told_step_id(step.position),
                "position": step.position,
            }
            tagged = self.engine.state.cycles.get(step.key)
            cycles = [tagged] if tagged else []
        elif isinstance(step, StoryQuestionStep):
            of_story = {"section": step.section.id, "instance": step.instance}
        record: Record = {
            "answer_id": new_id(),
            "session_id": self.session["session_id"],
            "question_id": step.record_key,
            "section_id": step.section.id if step.section else None,
            "type": question.type if question else "story",
            "value": None,
            "cycles": cycles,
            "indicator": question.indicator if question else None,
            "capital": question.capital if question else None,
            "evidence": question.evidence if question else None,
            "self_text": question.self_text if question else None,
            "scale": {"min": question.minimum, "max": question.maximum}
            if question and question.type == "scale"
            else None,
            "story": story,
            "personal": bool(question and question.personal),
            "note": None,
            "hidden": False,
            "answered_at": stamp,
            "updated_at": stamp,
            "revision": 1,
        }
        if of_story is not None:
            record["of_story"] = of_story
        if isinstance(step, ToldStep) and not step.section.evidence_prompt:
            record["evidence_text"] = None
        return record

    def _hidden_changes(self, stamp: str, answered: str | None) -> list[Record]:
        """Answers whose hidden flag the latest answer changed (the one just answered is shown by definition)."""
        hidden = self.engine.hidden_keys()
        changed = []
        for key, record in self.answers.items():
            if key != answered and bool(record.get("hidden")) != (key in hidden):
                changed.append(
                    dict(record, hidden=key in hidden, updated_at=stamp, revision=record.get("revision", 1) + 1)
                )
        return changed

    def _undo(self, step: Step) -> None:
        """The save failed: put the engine back as it was before ``submit``."""
        self.engine.restore(state_from_records(self.session, list(self.answers.values())), at=step.key)

    def back(self) -> Step | None:
        return self.engine.back()
