"""Which cycles each story touches, where it started and where it looped: a map of stories, not a funnel."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from vcf_tui.analysis.matrix import session_wave, story_order
from vcf_tui.analysis.tally import counts, steps_by_story
from vcf_tui.cycles import cycle_order
from vcf_tui.store.datafile import Tables
from vcf_tui.stories import loops, step_cycle


@dataclass(frozen=True)
class StoryCoverage:
    session_id: str
    respondent: str | None
    section: str
    number: int
    path: tuple[str, ...]  # the cycles of its steps, in the order told
    touches: tuple[str, ...]  # the cycles it reaches, in SPEC 2 order (not a rank)
    started: str
    looped_into: tuple[str, ...]  # the cycle of each step that loops back
    wave: str | None = None  # its session's wave

    @property
    def loops(self) -> int:
        return len(self.looped_into)


def story_coverage(tables: Tables, instrument: str | None = None) -> list[StoryCoverage]:
    """Every story of the sessions that are not abandoned (of one instrument if given), by respondent, then wave."""
    sessions = {
        k: s
        for k, s in tables["sessions"].items()
        if s.get("status") != "abandoned" and instrument in (None, s.get("instrument_id"))
    }
    answers = [a for a in tables["answers"].values() if a.get("session_id") in sessions and counts(a)]
    found = []
    for (session_id, section, number), steps in steps_by_story(answers).items():
        cycles = [step_cycle(step) for step in steps]
        tagged = [c for c in cycles if c]
        if not tagged:
            continue
        looped = tuple(c for c, loops_back in zip(cycles, loops(steps), strict=True) if loops_back and c)
        respondent = sessions[session_id].get("respondent")
        found.append(
            StoryCoverage(
                session_id,
                respondent,
                section,
                number,
                tuple(tagged),
                tuple(cycle_order(tagged)),
                tagged[0],
                looped,
                session_wave(sessions[session_id]),
            )
        )
    found.sort(key=story_order(sessions))
    return found


def coverage_by_cycle(coverage: list[StoryCoverage]) -> dict[str, dict[str, Any]]:
    """Per cycle (SPEC 2 order): stories touching it, stories started in it, steps looping back into it."""
    touching: Counter[str] = Counter()
    started: Counter[str] = Counter()
    looped: Counter[str] = Counter()
    for story in coverage:
        touching.update(story.touches)
        started[story.started] += 1
        looped.update(story.looped_into)
    return {
        cycle: {"touching": touching[cycle], "started_here": started[cycle], "loops_into": looped[cycle]}
        for cycle in cycle_order(set(touching))
    }
