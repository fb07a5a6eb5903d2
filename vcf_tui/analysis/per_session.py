"""A session's per-cycle figures (SPEC sections 6 and 10), counted answer by answer and coding by coding.

``SessionTally`` folds one session's records as they come (a whole file need not be
held: see tally_stream.py); ``session_figures`` gives the figures of records at hand.
The tally (tally.py) sums these per session, so a live view can recompute only the
sessions whose records changed (live_tally.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from vcf_tui.cycles import CYCLES, canonical_cycle
from vcf_tui.stories import StoryId, is_loop, step_cycle, story_steps, told_place

CYCLE_RANK = {name: n for n, name in enumerate(CYCLES)}


@dataclass(slots=True)
class Mean:
    """Answers and scale ratings (as percent of each scale's range) of one kind."""

    answers: int = 0
    scale_n: int = 0
    scale_pct_sum: float = 0.0

    def add(self, other: Mean, sign: int = 1) -> None:
        self.answers += sign * other.answers
        self.scale_n += sign * other.scale_n
        self.scale_pct_sum += sign * other.scale_pct_sum

    def count(self, pct: float | None) -> None:
        self.answers += 1
        if pct is not None:
            self.scale_n += 1
            self.scale_pct_sum += pct

    def mean_pct(self) -> float | None:
        return round(self.scale_pct_sum / self.scale_n, 1) if self.scale_n else None

    def result(self) -> dict[str, Any]:
        return {"answers": self.answers, "scale_n": self.scale_n, "scale_mean_pct": self.mean_pct()}


@dataclass(slots=True)
class CycleFigures:
    """One cycle's figures for one session (``stories`` holds story keys, so a live view can list them)."""

    sessions: int = 0
    answers: int = 0
    own: Mean = field(default_factory=Mean)  # scale answers not marked contribution
    effect: Mean = field(default_factory=Mean)
    contribution: Mean = field(default_factory=Mean)
    stories: set[tuple[str, str, int]] = field(default_factory=set)
    started: int = 0
    loops: int = 0
    codings: int = 0
    capitals: Counter[str] = field(default_factory=Counter)


SessionFigures = dict[str, CycleFigures]


def scale_pct(answer: Mapping[str, Any]) -> float | None:
    """A scale answer as percent of its scale's range; None for other answers."""
    bounds = answer.get("scale")
    if answer.get("type") != "scale" or not isinstance(bounds, Mapping):
        return None  # a damaged file's scale (text, a list) counts as no scale
    low, high, value = (_number(x) for x in (bounds.get("min"), bounds.get("max"), answer.get("value")))
    if low is None or high is None or value is None or not low <= value <= high:
        return None  # off its own scale (a damaged file's): no percent, never an infinite one
    return (value - low) / (high - low) * 100 if high != low else None


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def counts(answer: Mapping[str, Any]) -> bool:
    """Whether an answer counts: given (not skipped, not empty), not hidden by a later change, not personal."""
    value = answer.get("value")
    return value is not None and value != [] and not answer.get("hidden") and not answer.get("personal")


def is_story_step(answer: Mapping[str, Any]) -> bool:
    """Whether an answer is a well-formed story step (a damaged file's record is left out, not a crash)."""
    story = answer.get("story")
    return isinstance(story, Mapping) and "section" in story and "instance" in story and "session_id" in answer


def steps_by_story(answers: Iterable[Mapping[str, Any]]) -> dict[StoryId, list[Mapping[str, Any]]]:
    """Each story's steps in told order; steps with neither position nor time keep the cycles' order."""
    steps = sorted((a for a in answers if is_story_step(a)), key=lambda a: CYCLE_RANK.get(step_cycle(a) or "", 0))
    return story_steps(steps)


_CYCLE_IDS: dict[str, str] = {}  # cycle names as written -> cycle ids (canonical_cycle, remembered)


def _cycle_id(name: str) -> str:
    found = _CYCLE_IDS.get(name)
    if found is None:
        found = canonical_cycle(name)
        if len(_CYCLE_IDS) < 4096:  # a damaged file's odd names must not grow it without end
            _CYCLE_IDS[name] = found
    return found


class SessionTally:
    """One session's figures, fed its answers and codings one by one, in the order they are stored.

    Until ``result`` a cycle's figures are a short list of numbers (``_Sums``), and of story
    steps only the few fields that place them (a story's steps must all be seen to know where
    it starts and loops): a whole file's sessions fit in little memory.
    """

    __slots__ = ("_capitals", "_steps", "_stories", "_sums")

    def __init__(self) -> None:
        self._sums: dict[str, list[Any]] = {}  # cycle id -> _Sums
        self._stories: set[tuple[str, str, Any, Any]] = set()  # cycle id and story key
        self._capitals: Counter[str] = Counter()  # of potential-cycle answers
        self._steps: dict[StoryId, list[tuple[int, str, int, str | None]]] = {}  # told place, rank, cycle

    def _sums_of(self, cycle_id: str) -> list[Any]:
        found = self._sums.get(cycle_id)
        if found is None:
            found = self._sums[cycle_id] = _Sums.new()
        return found

    def answer(self, answer: Mapping[str, Any]) -> None:
        if not counts(answer):
            return
        pct = scale_pct(answer)
        story = answer.get("story")
        evidence = answer.get("evidence")
        means = (
            _Sums.CONTRIBUTION if evidence == "contribution" else _Sums.EFFECT if evidence == "effect" else _Sums.OWN
        )
        for name in answer.get("cycles") or ():
            cycle_id = _cycle_id(name)
            sums = self._sums_of(cycle_id)
            sums[_Sums.ANSWERS] += 1
            for at in means:
                sums[at] += 1
                if pct is not None:
                    sums[at + 1] += 1
                    sums[at + 2] += pct
            if story:
                self._stories.add((cycle_id, answer["session_id"], story.get("section"), story.get("instance")))
            if cycle_id == "potential" and answer.get("capital"):
                self._capitals[answer["capital"]] += 1
        if is_story_step(answer):
            step = step_cycle(answer)
            position, answered = told_place(answer)
            story_id = (answer["session_id"], answer["story"]["section"], answer["story"]["instance"])
            self._steps.setdefault(story_id, []).append((position, answered, CYCLE_RANK.get(step or "", 0), step))

    def coding(self, coding: Mapping[str, Any]) -> None:
        if coding.get("cycle") and not coding.get("removed"):
            self._sums_of(_cycle_id(coding["cycle"]))[_Sums.CODINGS] += 1

    def result(self) -> SessionFigures:
        """The session's figures, stories' starts and loops included (once every answer is in)."""
        figures = {cycle_id: _Sums.figures(sums) for cycle_id, sums in self._sums.items()}
        for cycle_id, *story in self._stories:
            figures[cycle_id].stories.add(tuple(story))
        if self._capitals:
            figures["potential"].capitals.update(self._capitals)
        for steps in self._steps.values():
            steps.sort(key=_step_order)  # stable: steps in one place keep the order they were stored in
            cycles = [step[3] for step in steps]
            tagged = [c for c in cycles if c]
            if tagged:
                figures.setdefault(_cycle_id(tagged[0]), CycleFigures()).started += 1
            for previous, step_in in pairwise(cycles):
                if step_in and is_loop(previous, step_in):
                    figures.setdefault(_cycle_id(step_in), CycleFigures()).loops += 1
        return figures


class _Sums:
    """A cycle's running figures as one list: answers; answers, scale ratings and percent sum of each mean; codings."""

    ANSWERS, OWN_AT, EFFECT_AT, CONTRIBUTION_AT, CODINGS = 0, 1, 4, 7, 10
    OWN, EFFECT, CONTRIBUTION = (OWN_AT,), (OWN_AT, EFFECT_AT), (CONTRIBUTION_AT,)  # the means an answer counts in

    @staticmethod
    def new() -> list[Any]:
        return [0, 0, 0, 0.0, 0, 0, 0.0, 0, 0, 0.0, 0]

    @staticmethod
    def figures(sums: list[Any]) -> CycleFigures:
        return CycleFigures(
            sessions=1 if sums[_Sums.ANSWERS] else 0,
            answers=sums[_Sums.ANSWERS],
            own=Mean(*sums[1:4]),
            effect=Mean(*sums[4:7]),
            contribution=Mean(*sums[7:10]),
            codings=sums[_Sums.CODINGS],
        )


def _step_order(step: tuple[int, str, int, str | None]) -> tuple[int, str, int]:
    """Told place, then the cycles' order (as ``steps_by_story`` sorts steps)."""
    return step[0], step[1], step[2]


def session_figures(answers: Iterable[Mapping[str, Any]], codings: Iterable[Mapping[str, Any]]) -> SessionFigures:
    """Per-cycle figures of one session's answers and codings."""
    session = SessionTally()
    for answer in answers:
        session.answer(answer)
    for coding in codings:
        session.coding(coding)
    return session.result()
