"""Replay an answers file (YAML or JSON) through the engine, with no prompts.

Every problem is collected and reported by id; the session is written in
one save only when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vcf_tui.answers import InvalidAnswer, check_answer, is_blank
from vcf_tui.engine import Engine, SessionState, Step, story_key
from vcf_tui.errors import VcfError
from vcf_tui.instrument.model import Instrument
from vcf_tui.recorder import Record, Recorder, new_session
from vcf_tui.store import now

TOP_KEYS = {"respondent", "interviewer", "wave", "consent", "answers", "stories", "mode", "notes"}
TRUE_WORDS = {"true", "yes", "on", "1", "y"}
FALSE_WORDS = {"false", "no", "off", "0", "n"}


class ReplayError(VcfError):
    """The answers file is wrong; ``problems`` lists every problem."""

    def __init__(self, filename: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{filename}: {p}" for p in problems))


@dataclass
class Replayed:
    """The records of one replayed session, ready to save together."""

    session: Record
    puts: list[tuple[str, Record]]  # the session first, then its answers


def read_answers_file(path: Path) -> dict[str, Any]:
    """Read the file with every scalar as the text written (so ``Yes`` stays ``"Yes"``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ReplayError(str(path), [f"cannot read: {error.strerror}"]) from None
    except UnicodeDecodeError:
        raise ReplayError(str(path), ["not UTF-8 text"]) from None
    try:
        data = yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise ReplayError(str(path), [f"{where}not valid YAML or JSON ({getattr(error, 'problem', error)})"]) from None
    if not isinstance(data, dict):
        raise ReplayError(str(path), ["must be a mapping with 'respondent' and 'answers'"])
    return data


def _flag(raw: Any) -> bool | None:
    word = str(raw).strip().lower()
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


def replay(instrument: Instrument, data: dict[str, Any], filename: str, file_id: str,
           mode: str = "interview") -> Replayed:
    """Run the answers in ``data`` through a session; raise ReplayError listing every problem."""
    problems: list[str] = [f"unknown key '{k}' (use {', '.join(sorted(TOP_KEYS))})"
                           for k in data if k not in TOP_KEYS]
    answers = data.get("answers") or {}
    stories = data.get("stories") or {}
    notes = data.get("notes") or {}
    if not isinstance(answers, dict):
        problems.append("'answers' must map question ids to answers")
        answers = {}
    if not isinstance(stories, dict):
        problems.append("'stories' must map story section ids to lists of stories")
        stories = {}
    people = {key: str(data[key]) if data.get(key) not in (None, "") else None
              for key in ("interviewer", "respondent", "wave")}
    session = new_session(instrument, file_id, mode, **people)
    state, invalid = _told(instrument, data, answers, stories, problems)
    engine = Engine(instrument, session["mode"], state)
    recorder = Recorder(engine, session, [], write=_unused)  # makes each record as a live session would
    stamp = now()
    records: list[Record] = []
    used: set[str] = set()
    for step in engine.steps():  # one walk: every answer was told before it, so these are the steps shown
        if step.kind == "question":
            used.add(step.key)
        if step.kind in ("consent", "more") or not step.asks:
            continue
        note = notes.get(step.key) if isinstance(notes, dict) else None
        if step.key in invalid:
            problems.append(invalid[step.key])
        elif note is not None and not isinstance(note, str):
            problems.append(f"notes '{step.key}': give the note as text")
        else:
            value = engine.check(step, _raw_for(step, answers, stories))
            records.append(recorder._answer_record(step, value, note, stamp))

    known = {q.id for q in instrument.questions()}
    for key, raw in answers.items():
        if key not in known:
            problems.append(f"unknown question id '{key}'")
        elif key not in used and not is_blank(raw):
            problems.append(f"answer to '{key}', which the conditions skip for this respondent")
    _check_stories(instrument, stories, engine, problems)
    if problems:
        raise ReplayError(filename, problems)
    more = {step.key: state.more[step.key] for step in engine.steps() if step.kind == "more"}
    session.update(updated_at=stamp, another_story=more)
    if instrument.consent:
        session["consent"] = {"given": True, "at": stamp}
    if engine.is_complete():
        session.update(status="complete", completed_at=stamp)
    return Replayed(session, [("sessions", session), *(("answers", record) for record in records)])


def _told(instrument: Instrument, data: dict, answers: dict, stories: dict,
          problems: list[str]) -> tuple[SessionState, dict[str, str]]:
    """Everything the file tells, before any step is walked; and the problem of each invalid answer, by id.

    Conditions refer only to earlier questions, so with every answer known up front one walk of the
    engine finds exactly the steps a live session would show: replay takes time linear in the instrument.
    An invalid answer counts as none.
    """
    state = SessionState()
    if instrument.consent:
        state.consent = _flag(data.get("consent", ""))
        if state.consent is None:
            problems.append("consent: the instrument asks for consent; give 'consent: true'")
            state.consent = True  # to go on checking the answers; nothing is saved
        elif state.consent is False:
            problems.append("consent: the respondent declined, so no answers can be recorded")
    invalid: dict[str, str] = {}
    for section in instrument.sections:
        for question in section.questions:
            raw = answers.get(question.id)
            try:
                state.answers[question.id] = check_answer(question, raw)
            except InvalidAnswer as error:
                missing = raw in (None, "")
                invalid[question.id] = (f"missing required answer '{question.id}'" if missing
                                        else f"'{question.id}': {error}")
        told = stories.get(section.id) if section.is_story else None
        for instance in range(1, section.repeat.max):
            state.more[Step("more", section, instance=instance).key] = isinstance(told, list) and len(told) > instance
    return state, invalid


def _unused(puts: list[tuple[str, Record]]) -> None:
    raise AssertionError("a replay saves its records in one go, after checking them all")


def _raw_for(step: Step, answers: dict, stories: dict) -> Any:
    if step.kind == "question":
        return answers.get(step.question.id)
    told = stories.get(step.section.id) or []
    told = told if isinstance(told, list) else []
    story = told[step.instance - 1] if step.instance <= len(told) else {}
    return story.get(step.story_step.id) if isinstance(story, dict) else None


def _check_stories(instrument: Instrument, stories: dict, engine: Engine, problems: list[str]) -> None:
    sections = {s.id: s for s in instrument.sections if s.is_story}
    visible = {step.key for step in engine.steps()}
    for section_id, told in stories.items():
        section = sections.get(section_id)
        if section is None:
            problems.append(f"unknown story section '{section_id}'")
            continue
        if not isinstance(told, list):
            problems.append(f"stories '{section_id}': give a list of stories")
            continue
        if len(told) > section.repeat.max:
            problems.append(f"stories '{section_id}': {len(told)} stories, but at most {section.repeat.max}")
        step_ids = {s.id for s in section.steps}
        for number, story in enumerate(told, 1):
            if not isinstance(story, dict):
                problems.append(f"stories '{section_id}' story {number}: give a mapping of step ids to text")
                continue
            for step_id in story:
                if step_id not in step_ids:
                    problems.append(f"stories '{section_id}' story {number}: unknown step '{step_id}' "
                                    f"(steps: {', '.join(sorted(step_ids))})")
            if story_key(section_id, number, section.steps[0].id) not in visible:
                problems.append(f"stories '{section_id}': the conditions skip this story section")
                break
