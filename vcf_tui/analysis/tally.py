"""Per-cycle figures (SPEC sections 6 and 10): pure functions over data-file tables.

Figures are summed per session first (per_session.py), so a live view
can recompute only the sessions whose records changed (see live_tally.py).

Effect and contribution answers are summed apart and never averaged
together. A cycle's own ``scale_mean_pct`` leaves contribution ratings out
(they rate the community's part in a change, not the change), so it is the
mean of the unmarked and effect scale answers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vcf_tui.analysis.per_session import (
    CycleFigures,
    Mean,
    SessionFigures,
    counts,
    scale_pct,
    session_figures,
    steps_by_story,
)
from vcf_tui.cycles import CYCLES, FRAMEWORKS, canonical_cycle, cycle_label, cycle_order
from vcf_tui.store.datafile import Tables

__all__ = [  # with what other modules import from here since before per_session.py
    "CycleFigures",
    "Mean",
    "SessionFigures",
    "Sums",
    "aggregate",
    "by_session",
    "counts",
    "observation_counts",
    "scale_pct",
    "session_figures",
    "steps_by_story",
    "tally",
    "wave_sequence",
]

GROUPINGS = {"wave": "wave", "interviewer": "interviewer", "instrument": "instrument_id"}
SESSION_FIELDS = ("session_id", "instrument_version", "framework", "status", "started_at", *GROUPINGS.values())
"""The fields of a session that ``aggregate`` reads."""


def by_session(tables: Tables) -> dict[str, SessionFigures]:
    answers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for answer in tables["answers"].values():
        answers[answer.get("session_id", "")].append(answer)
    codings: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for coding in tables["codings"].values():
        codings[coding.get("session_id", "")].append(coding)
    return {sid: session_figures(answers.get(sid, ()), codings.get(sid, ())) for sid in tables["sessions"]}


def tally(
    tables: Tables,
    instrument: str | None = None,
    by: str | None = None,
    status: str | None = None,
    wave_order: list[str] | None = None,
    indicator_cycles: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The tally object of SPEC sections 6 and 10 (with ``groups`` when ``by`` is given).

    ``wave_order`` (the project's waves) orders groups by wave; ``indicator_cycles`` (the project's
    indicators) places observations in their indicator's cycle rather than the cycle stored at import.
    """
    observations = observation_counts(tables.get("observations", {}).values(), indicator_cycles)
    return aggregate(
        list(tables["sessions"].values()),
        by_session(tables),
        instrument,
        by,
        status,
        observations=observations,
        wave_order=wave_order,
    )


ObservationCounts = dict[str | None, Counter[str]]  # period -> cycle -> observations


def observation_counts(
    records: Iterable[Mapping[str, Any]], indicator_cycles: Mapping[str, str] | None = None
) -> ObservationCounts:
    """Observations per period and cycle."""
    found: ObservationCounts = defaultdict(Counter)
    count_observations(found, records, indicator_cycles)
    return found


def count_observations(
    found: ObservationCounts, records: Iterable[Mapping[str, Any]], indicator_cycles: Mapping[str, str] | None = None
) -> None:
    """Add these observations to ``found`` (per period and cycle)."""
    for record in records:
        cycle = (indicator_cycles or {}).get(record.get("indicator") or "") or record.get("cycle")
        if cycle:
            found.setdefault(record.get("period"), Counter())[canonical_cycle(cycle)] += 1


def wave_sequence(sessions: Iterable[Mapping[str, Any]], wave_order: list[str] | None = None) -> list[str | None]:
    """The waves of these sessions: in the project's order, else by each wave's first session start; none last."""
    first_start: dict[str | None, str] = {}
    for session in sessions:
        wave, started = session.get("wave"), session.get("started_at") or ""
        if wave not in first_start or started < first_start[wave]:
            first_start[wave] = started
    rank: dict[str | None, int] = {wave: n for n, wave in enumerate(wave_order or ())}
    return sorted(first_start, key=lambda w: (w is None, rank.get(w, len(rank)), first_start[w], str(w)))


def aggregate(
    sessions: list[dict[str, Any]],
    figures: Mapping[str, SessionFigures],
    instrument: str | None = None,
    by: str | None = None,
    status: str | None = None,
    observations: ObservationCounts | None = None,
    wave_order: list[str] | None = None,
) -> dict[str, Any]:
    """Sum per-session figures into the tally object, for one instrument and one status if given."""
    sessions = [
        s for s in sessions if instrument in (None, s.get("instrument_id")) and status in (None, s.get("status"))
    ]
    total: Counter[str] = Counter()
    for per_cycle in (observations or {}).values():
        total.update(per_cycle)
    result = _figures(sessions, figures, total)
    if by:
        field_name = GROUPINGS[by]
        if by == "wave":
            values = wave_sequence(sessions, wave_order)
        else:
            values = sorted({s.get(field_name) for s in sessions}, key=lambda v: (v is None, str(v)))
        result["groups"] = [
            {
                "by": by,
                "value": value,
                **_figures(
                    [s for s in sessions if s.get(field_name) == value],
                    figures,
                    (observations or {}).get(value, Counter()) if by == "wave" else None,
                ),
            }
            for value in values
        ]
    return result


@dataclass
class Totals:
    """One cycle's figures summed over sessions."""

    sessions: int = 0
    answers: int = 0
    own: Mean = field(default_factory=Mean)
    effect: Mean = field(default_factory=Mean)
    contribution: Mean = field(default_factory=Mean)
    stories: int = 0
    started: int = 0
    loops: int = 0
    codings: int = 0

    def add(self, cycle: CycleFigures, sign: int) -> None:
        self.sessions += sign * cycle.sessions
        self.answers += sign * cycle.answers
        self.own.add(cycle.own, sign)
        self.effect.add(cycle.effect, sign)
        self.contribution.add(cycle.contribution, sign)
        self.stories += sign * len(cycle.stories)  # story keys hold the session id: no union needed
        self.started += sign * cycle.started
        self.loops += sign * cycle.loops
        self.codings += sign * cycle.codings

    def any(self) -> bool:
        return bool(self.sessions or self.answers or self.codings)


@dataclass
class Sums:
    """Running totals over sessions; ``add`` with sign -1 takes a session back out (for live views)."""

    status: Counter[str] = field(default_factory=Counter)
    instruments: Counter[str] = field(default_factory=Counter)
    frameworks: Counter[str] = field(default_factory=Counter)
    cycles: dict[str, Totals] = field(default_factory=dict)
    capitals: Counter[str] = field(default_factory=Counter)

    def add(self, session: Mapping[str, Any], figures: SessionFigures, sign: int = 1) -> None:
        self.status[session.get("status") or ""] += sign
        self.instruments[f"{session.get('instrument_id')}@{session.get('instrument_version')}"] += sign
        self.frameworks[session.get("framework") or ""] += sign
        if session.get("status") == "abandoned":
            return  # counted in "sessions" only
        for cycle_id, cycle in figures.items():
            self.cycles.setdefault(cycle_id, Totals()).add(cycle, sign)
            for capital, n in cycle.capitals.items():
                self.capitals[capital] += sign * n

    def result(self, observations: Mapping[str, int] | None = None) -> dict[str, Any]:
        """The tally object; ``observations`` per cycle, or None where they are not split this way."""
        frameworks = {f for f, n in self.frameworks.items() if n > 0}
        listed = {c for f in frameworks for c in FRAMEWORKS.get(f, ())}
        listed |= {c for c, t in self.cycles.items() if t.any()}
        listed |= {c for c, n in (observations or {}).items() if n}
        rows = []
        for name in cycle_order([c for c in listed if c in CYCLES]):
            totals = self.cycles.get(name) or Totals()
            row: dict[str, Any] = {
                "cycle": name,
                "label": cycle_label(name, next(iter(frameworks)) if len(frameworks) == 1 else None),
                "sessions": totals.sessions,
                "answers": totals.answers,
                "scale_n": totals.own.scale_n,
                "scale_mean_pct": totals.own.mean_pct(),
                "effect": totals.effect.result(),
                "contribution": totals.contribution.result(),
                "observations": None if observations is None else observations.get(name, 0),
                "stories": totals.stories,
                "stories_started_here": totals.started,
                "loops": totals.loops,
                "codings": totals.codings,
            }
            if name == "potential":
                row["capitals"] = {k: v for k, v in sorted(self.capitals.items()) if v > 0}
            rows.append(row)
        return {
            "sessions": {
                "total": sum(self.status.values()),
                "complete": self.status["complete"],
                "in_progress": self.status["in_progress"],
                "abandoned": self.status["abandoned"],
            },
            "instruments": sorted(i for i, n in self.instruments.items() if n > 0),
            "cycles": rows,
        }


def _figures(
    sessions: list[dict[str, Any]], figures: Mapping[str, SessionFigures], observations: Mapping[str, int] | None
) -> dict[str, Any]:
    sums = Sums()
    for session in sessions:
        sums.add(session, figures.get(session["session_id"], {}))
    return sums.result(observations)
