"""The value-creation matrix (SPEC section 10) as plain data, for the matrix export and the dashboard.

One row per story: its steps in each cycle, numbered in the order told (``K. text``, with evidence, loops
marked). Then one row per indicator: in its cycle, the answers tagged with it (scale mean or choice counts)
and its observations.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vcf_tui.analysis.story_reviews import reviews_by_story
from vcf_tui.analysis.tally import counts, scale_pct, steps_by_story
from vcf_tui.cycles import CYCLES, FRAMEWORKS, canonical_cycle, cycle_order
from vcf_tui.project.model import Project
from vcf_tui.store.datafile import Tables
from vcf_tui.stories import StoryId, is_told_step, loops, step_cycle


@dataclass(frozen=True)
class Step:
    """One step of a story, numbered in the order told."""

    number: int
    text: str
    evidence: str | None
    loops_back: bool


@dataclass
class StoryRow:
    respondent: str | None
    session_id: str
    section: str
    number: int  # the story's instance in its section
    kind: str  # "told" (the narrator's order) or "fixed" (the instrument's)
    wave: str | None = None  # the session's wave (SPEC 9), None when it has none
    cells: dict[str, list[Step]] = field(default_factory=dict)  # cycle -> steps
    questions: dict[str, Any] = field(default_factory=dict)  # the story's questions: id -> answer
    review: dict[str, Any] | None = None


@dataclass
class Means:
    """Scale ratings (as % of each scale's range) and number answers of one kind, each averaged on its own."""

    scale_n: int = 0
    scale_sum: float = 0.0
    number_n: int = 0
    number_sum: float = 0.0

    def add(self, answer: Mapping[str, Any]) -> bool:
        """Count a scale or number answer; False for any other answer."""
        pct = scale_pct(answer)
        value = answer.get("value")
        if pct is not None:
            self.scale_n += 1
            self.scale_sum += pct
        elif answer.get("type") == "number" and isinstance(value, int | float) and not isinstance(value, bool):
            if not math.isfinite(value):
                return True  # a damaged file's infinite number: counted as an answer, never averaged
            self.number_n += 1
            self.number_sum += value
        else:
            return False
        return True

    @property
    def scale_mean_pct(self) -> float | None:
        return round(self.scale_sum / self.scale_n, 1) if self.scale_n else None

    @property
    def number_mean(self) -> float | None:
        return round(self.number_sum / self.number_n, 2) if self.number_n else None


@dataclass
class IndicatorRow:
    """An indicator's answers: means of the answers not marked contribution (``own``, as the tally's cycle
    means) and of those marked contribution apart, never averaged together; choice counts; observations."""

    indicator: str
    cycle: str | None
    text: str | None
    answers: int = 0
    own: Means = field(default_factory=Means)
    contribution: Means = field(default_factory=Means)
    choices: dict[str, int] = field(default_factory=dict)
    observations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def scale_n(self) -> int:
        return self.own.scale_n

    @property
    def scale_mean_pct(self) -> float | None:
        return self.own.scale_mean_pct


@dataclass
class Matrix:
    cycles: list[str]
    stories: list[StoryRow]
    indicators: list[IndicatorRow]


def cell_text(steps: list[Step]) -> str:
    """A cell as text: ``K. text`` per step, with its evidence and a mark where the story loops back."""
    lines = []
    for step in steps:
        line = f"{step.number}. {step.text}" + (" (loops back)" if step.loops_back else "")
        if step.evidence:
            line += f" [evidence: {step.evidence}]"
        lines.append(line)
    return "\n".join(lines)


def _live(tables: Tables) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    sessions = {k: s for k, s in tables["sessions"].items() if s.get("status") != "abandoned"}
    return sessions, [a for a in tables["answers"].values() if a.get("session_id") in sessions and counts(a)]


def _story_question(answer: Mapping[str, Any]) -> tuple[StoryId, str] | None:
    """A story question's story and question id (``SECTION[N].QUESTION_ID``), or None."""
    of_story = answer.get("of_story")
    if not isinstance(of_story, Mapping):
        return None
    instance = of_story.get("instance")
    if not isinstance(instance, int):  # a damaged record: left out, never a traceback
        return None
    question = str(answer.get("question_id") or "").rsplit(".", 1)[-1]
    return (answer.get("session_id", ""), str(of_story.get("section") or ""), instance), question


def session_wave(session: Mapping[str, Any]) -> str | None:
    """A session's wave (SPEC 9) as text, None when it names none."""
    wave = session.get("wave")
    return str(wave) if wave not in (None, "") else None


def _started(session: Mapping[str, Any]) -> str:
    started = session.get("started_at")
    return started if isinstance(started, str) else ""


def session_order(
    sessions: Mapping[str, Mapping[str, Any]], project: Project | None = None
) -> Callable[[str], tuple[Any, ...]]:
    """A sort key for session ids: by respondent, then wave in the project's order (else by the wave's first
    session start), then start time."""
    rank = {wave: n for n, wave in enumerate(project.wave_ids if project else ())}
    first: dict[str, str] = {}
    for session in sessions.values():
        wave = session_wave(session)
        if wave is not None:
            first[wave] = min(first.get(wave, _started(session)), _started(session))

    def key(session_id: str) -> tuple[Any, ...]:
        session = sessions.get(session_id, {})
        respondent, wave, start = session.get("respondent"), session_wave(session), _started(session)
        if wave is None:
            return (respondent is None, str(respondent or ""), (len(rank), start), start, session_id)
        wave_key = (rank.get(wave, len(rank)), first.get(wave, start))
        return (respondent is None, str(respondent or ""), wave_key, start, session_id)

    return key


def story_order(
    sessions: Mapping[str, Mapping[str, Any]], project: Project | None = None
) -> Callable[[Any], tuple[Any, ...]]:
    """A sort key for story rows (with ``session_id``, ``section`` and ``number``): their session's place in
    ``session_order``, then section and story number."""
    of_session = session_order(sessions, project)
    return lambda row: (*of_session(row.session_id), row.section, row.number)


def matrix(tables: Tables, project: Project | None = None) -> Matrix:
    """The matrix of these records; with a project, its indicators (in its order) and their cycles."""
    sessions, answers = _live(tables)
    frameworks = {s.get("framework") for s in sessions.values()} | ({project.framework} if project else set())
    listed = {c for f in frameworks for c in FRAMEWORKS.get(f or "", ())}
    reviews = reviews_by_story(tables)
    rows = []
    questions: dict[StoryId, dict[str, Any]] = defaultdict(dict)
    for answer in answers:
        found = _story_question(answer)
        if found:
            questions[found[0]][found[1]] = answer.get("value")
    for key, steps in steps_by_story(answers).items():
        session = sessions[key[0]]
        row = StoryRow(
            session.get("respondent"),
            key[0],
            key[1],
            key[2],
            "told" if any(is_told_step(s) for s in steps) else "fixed",
            session_wave(session),
            questions=questions.get(key, {}),
            review=reviews.get(key),
        )
        for n, (step, loops_back) in enumerate(zip(steps, loops(steps), strict=True)):
            cycle = step_cycle(step)
            if cycle is None:
                continue
            position = (step.get("story") or {}).get("position")
            row.cells.setdefault(cycle, []).append(
                Step(
                    position if isinstance(position, int) else n + 1,
                    str(step.get("value")),
                    step.get("evidence_text"),
                    loops_back,
                )
            )
            listed.add(cycle)
        rows.append(row)
    rows.sort(key=story_order(sessions, project))
    indicators = _indicators(tables, answers, project)
    listed |= {i.cycle for i in indicators if i.cycle}
    return Matrix(cycle_order([c for c in listed if c in CYCLES]), rows, indicators)


def _indicators(tables: Tables, answers: list[dict[str, Any]], project: Project | None) -> list[IndicatorRow]:
    rows: dict[str, IndicatorRow] = {}
    for indicator in project.indicators if project else ():
        rows[indicator.id] = IndicatorRow(indicator.id, indicator.cycle, indicator.text)
    choices: dict[str, Counter[str]] = defaultdict(Counter)
    for answer in answers:
        name = answer.get("indicator")
        if not name:
            continue
        cycles = answer.get("cycles") or []
        row = rows.setdefault(name, IndicatorRow(name, canonical_cycle(cycles[0]) if cycles else None, None))
        row.answers += 1
        means = row.contribution if answer.get("evidence") == "contribution" else row.own
        if not means.add(answer) and answer.get("type") in ("single", "multi"):
            value = answer.get("value")
            choices[name].update(str(v) for v in (value if isinstance(value, list) else [value]))
    for record in tables.get("observations", {}).values():
        name = record.get("indicator") or ""
        row = rows.setdefault(name, IndicatorRow(name, record.get("cycle"), None))
        row.observations.append({k: record.get(k) for k in ("period", "value", "scope", "source", "note")})
    rank = {wave: n for n, wave in enumerate(project.wave_ids if project else ())}
    for name, row in rows.items():
        row.choices = dict(sorted(choices[name].items()))
        row.observations.sort(key=lambda o: (rank.get(o["period"], len(rank)), str(o["period"] or "")))
    return list(rows.values())
