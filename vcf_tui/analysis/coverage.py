"""Which cycles each story touches, where it started and where it looped: a map of stories, not a funnel."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from vcf_tui.analysis.story_paths import loop_steps, path, stories
from vcf_tui.analysis.tally import counts
from vcf_tui.cycles import cycle_order
from vcf_tui.store.datafile import Tables


@dataclass(frozen=True)
class StoryCoverage:
    session_id: str
    respondent: str | None
    section: str
    number: int
    path: tuple[str, ...]  # the cycles of its steps, in the order told
    touches: tuple[str, ...]  # the cycles it reaches, in SPEC 2 order (not a rank)
    started: str
    loops: int


def story_coverage(tables: Tables, instrument: str | None = None) -> list[StoryCoverage]:
    """Every story of the sessions that are not abandoned (of one instrument if given)."""
    sessions = {
        k: s
        for k, s in tables["sessions"].items()
        if s.get("status") != "abandoned" and instrument in (None, s.get("instrument_id"))
    }
    answers = [a for a in tables["answers"].values() if a.get("session_id") in sessions and counts(a)]
    found = []
    for (session_id, section, number), steps in stories(answers).items():
        cycles = path(steps)
        found.append(
            StoryCoverage(
                session_id,
                sessions[session_id].get("respondent"),
                section,
                number,
                tuple(cycles),
                tuple(cycle_order(cycles)),
                cycles[0],
                len(loop_steps(cycles)),
            )
        )
    found.sort(key=lambda c: (sessions[c.session_id].get("started_at") or "", c.session_id, c.section, c.number))
    return found


def coverage_by_cycle(coverage: list[StoryCoverage]) -> dict[str, dict[str, Any]]:
    """Per cycle (SPEC 2 order): stories touching it, stories started in it, steps looping back into it."""
    touching: Counter[str] = Counter()
    started: Counter[str] = Counter()
    loops: Counter[str] = Counter()
    for story in coverage:
        touching.update(story.touches)
        started[story.started] += 1
        loops.update(story.path[n] for n in loop_steps(list(story.path)))
    return {
        cycle: {"touching": touching[cycle], "started_here": started[cycle], "loops_into": loops[cycle]}
        for cycle in cycle_order(set(touching))
    }
