"""Replay an answers file (YAML or JSON) through the engine, with no prompts.

Every problem is collected and reported by id; the session is written in
one save only when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vcf_tui.answers import InvalidAnswer, is_blank
from vcf_tui.engine import Engine
from vcf_tui.errors import VcfError
from vcf_tui.instrument.model import Instrument
from vcf_tui.paths import is_special
from vcf_tui.recorder import Record, Recorder, new_session
from vcf_tui.replay_stories import check_stories
from vcf_tui.steps import (
    AnotherStoryStep,
    ConsentStep,
    EvidenceStep,
    FixedStoryStep,
    QuestionStep,
    Step,
    StoryQuestionStep,
    TagStep,
    ToldStep,
)
from vcf_tui.store import KEYS
from vcf_tui.store.records import instrument_puts

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
    puts: list[tuple[str, Record]]


def read_answers_file(path: Path) -> dict[str, Any]:
    """Read the file with every scalar as the text written (so ``Yes`` stays ``"Yes"``)."""
    if is_special(path):
        raise ReplayError(str(path), ["not a regular file (a FIFO or device?)"])  # reading it could wait forever
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
    except RecursionError:
        raise ReplayError(str(path), ["nested too deeply to be an answers file"]) from None
    if not isinstance(data, dict):
        raise ReplayError(str(path), ["must be a mapping with 'respondent' and 'answers'"])
    return data


def _flag(raw: Any) -> bool | None:
    word = str(raw).strip().lower()
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


def replay(
    instrument: Instrument, data: dict[str, Any], filename: str, file_id: str, mode: str = "interview"
) -> Replayed:
    """Run the answers in ``data`` through a session; raise ReplayError listing every problem."""
    problems: list[str] = [f"unknown key '{k}' (use {', '.join(sorted(TOP_KEYS))})" for k in data if k not in TOP_KEYS]
    answers = data.get("answers") or {}
    stories = data.get("stories") or {}
    notes = data.get("notes") or {}
    if not isinstance(answers, dict):
        problems.append("'answers' must map question ids to answers")
        answers = {}
    if not isinstance(stories, dict):
        problems.append("'stories' must map story section ids to lists of stories")
        stories = {}
    people: dict[str, str | None] = {}
    for key in ("interviewer", "respondent", "wave"):
        given = data.get(key)
        if isinstance(given, bool) or not isinstance(given, str | int | float | None):
            problems.append(f"{key}: give it as text, not {type(given).__name__}")
            given = None
        people[key] = str(given) if given not in (None, "") else None
    session = new_session(instrument, file_id, mode, **people)
    puts: list[tuple[str, Record]] = []
    recorder = _ForwardRecorder(_ForwardEngine(instrument, session["mode"]), session, [], puts.extend)
    recorder.first_puts = instrument_puts(instrument)  # the data file keeps the wording of what was asked

    used: set[str] = set()  # keys of the steps whose answer came from the file
    while (step := recorder.current) is not None:
        raw = _raw_for(step, data, answers, stories)
        if raw is not None and not isinstance(step, AnotherStoryStep):
            used.add(step.key)
        note = notes.get(step.key) if isinstance(notes, dict) else None
        if note is not None and not isinstance(note, str):
            problems.append(f"notes '{step.key}': give the note as text")
            note = None
        try:
            recorder.submit(raw, note=note)
        except InvalidAnswer as error:
            if isinstance(step, ConsentStep):
                problems.append("consent: the instrument asks for consent; give 'consent: true'")
                recorder.engine.record(step, True)  # to go on checking the answers; nothing is saved
                recorder.engine.advance_from(step)
                continue
            if raw in (None, ""):
                problems.append(f"missing required answer {_name(step)}")
            else:
                problems.append(f"{_name(step)}: {error}")
            recorder.engine.record(step, None)
            recorder.engine.advance_from(step)
        if recorder.engine.declined:
            problems.append("consent: the respondent declined, so no answers can be recorded")
            break

    known = {q.id for q in instrument.questions()}
    for key, raw in answers.items():
        if key not in known:
            problems.append(f"unknown question id '{key}'")
        elif key not in used and not is_blank(raw):  # a blank answer is none (a filled-in template has them)
            problems.append(f"answer to '{key}', which the conditions skip for this respondent")
    check_stories(instrument, stories, recorder.engine, used, problems)
    if problems:
        raise ReplayError(filename, problems)
    latest = {(table, record[KEYS[table]]): (table, record) for table, record in puts}
    return Replayed(recorder.session, list(latest.values()))


class _ForwardEngine(Engine):
    """A replay's engine: one lazy walk of the instrument, each answer told before the walk goes on.

    Conditions look only backwards and the walk reads each answer after yielding its step, so one
    walk finds the steps a live session shows, and a replay takes time linear in the instrument
    (the plain engine walks every visible step again after each answer). A replay never goes back.
    """

    def __init__(self, instrument: Instrument, mode: str) -> None:
        super().__init__(instrument, mode)
        self._walker = self._walk()
        self._at: Step | None = next(self._walker, None)

    @property
    def current(self) -> Step | None:
        return self._at

    def advance_from(self, step: Step) -> None:
        self.drafts.pop(step.key, None)
        self._at = None if self.declined else next(self._walker, None)


class _ForwardRecorder(Recorder):
    """A replay's recorder: walking forward once, an answer never hides one recorded before it."""

    def _hidden_changes(self, stamp: str, answered: str | None) -> list[Record]:
        return []


def _name(step: Step) -> str:
    """How a problem names a step: ``'story[1].step-2' cycle``, ``'meetings'``."""
    if isinstance(step, TagStep):
        return f"'{step.record_key}' cycle"
    if isinstance(step, EvidenceStep):
        return f"'{step.record_key}' evidence"
    return f"'{step.key}'"


def _raw_for(step: Step, data: dict, answers: dict, stories: dict) -> Any:
    """What the file gives for ``step`` (None: nothing)."""
    if isinstance(step, ConsentStep):
        return _flag(data.get("consent", ""))
    if isinstance(step, QuestionStep):
        return answers.get(step.question.id)
    told = stories.get(step.section.id)
    told = told if isinstance(told, list) else []
    if isinstance(step, AnotherStoryStep):
        return len(told) > step.instance
    story = told[step.instance - 1] if step.instance <= len(told) else {}
    story = story if isinstance(story, dict) else {}
    if isinstance(step, StoryQuestionStep):
        return _mapping(story.get("answers")).get(step.question.id)
    if isinstance(step, FixedStoryStep):
        return story.get(step.story_step.id)
    if isinstance(step, EvidenceStep) and not step.section.is_told:
        return _mapping(story.get("evidence")).get(step.of)
    position = step.position if isinstance(step, ToldStep | TagStep) else int(step.of.removeprefix("step-"))
    steps = story.get("steps")
    told_step = _mapping(steps[position - 1]) if isinstance(steps, list) and position <= len(steps) else {}
    field = "text" if isinstance(step, ToldStep) else "cycle" if isinstance(step, TagStep) else "evidence"
    return told_step.get(field)


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}
