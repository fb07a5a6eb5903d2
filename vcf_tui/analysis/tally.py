"""Per-cycle figures (SPEC section 6): pure functions over data-file tables.

Figures are summed per session first (``session_figures``), so a live view
can recompute only the sessions whose records changed (see live_tally.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vcf_tui.cycles import CYCLES, FRAMEWORKS, canonical_cycle, cycle_label, cycle_order
from vcf_tui.store.datafile import Tables

GROUPINGS = {"wave": "wave", "interviewer": "interviewer", "instrument": "instrument_id"}


@dataclass
class CycleFigures:
    """One cycle's figures, for one session or summed over many."""

    sessions: int = 0
    answers: int = 0
    scale_n: int = 0
    scale_pct_sum: float = 0.0
    stories: set[tuple[str, str, int]] = field(default_factory=set)
    codings: int = 0
    capitals: Counter[str] = field(default_factory=Counter)


SessionFigures = dict[str, CycleFigures]


def _scale_pct(answer: Mapping[str, Any]) -> float | None:
    bounds = answer.get("scale") or {}
    low, high, value = bounds.get("min"), bounds.get("max"), answer.get("value")
    if answer.get("type") != "scale" or not isinstance(value, int | float) or low is None or high is None:
        return None
    return (value - low) / (high - low) * 100 if high != low else None


def counts(answer: Mapping[str, Any]) -> bool:
    """Whether an answer counts: given (not skipped, not empty) and not hidden by a later change."""
    value = answer.get("value")
    return value is not None and value != [] and not answer.get("hidden")


def session_figures(answers: Iterable[Mapping[str, Any]], codings: Iterable[Mapping[str, Any]]) -> SessionFigures:
    """Per-cycle figures of one session's answers and codings."""
    figures: SessionFigures = {}
    for answer in answers:
        if not counts(answer):
            continue
        pct = _scale_pct(answer)
        story = answer.get("story")
        for name in answer.get("cycles") or ():
            cycle_id = canonical_cycle(name)
            cycle = figures.get(cycle_id)
            if cycle is None:
                cycle = figures[cycle_id] = CycleFigures(sessions=1)
            cycle.answers += 1
            if pct is not None:
                cycle.scale_n += 1
                cycle.scale_pct_sum += pct
            if story:
                cycle.stories.add((answer["session_id"], story.get("section"), story.get("instance")))
            if cycle_id == "potential" and answer.get("capital"):
                cycle.capitals[answer["capital"]] += 1
    for coding in codings:
        if coding.get("cycle") and not coding.get("removed"):
            figures.setdefault(canonical_cycle(coding["cycle"]), CycleFigures()).codings += 1
    return figures


def by_session(tables: Tables) -> dict[str, SessionFigures]:
    answers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for answer in tables["answers"].values():
        answers[answer.get("session_id", "")].append(answer)
    codings: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for coding in tables["codings"].values():
        codings[coding.get("session_id", "")].append(coding)
    return {sid: session_figures(answers.get(sid, ()), codings.get(sid, ())) for sid in tables["sessions"]}


def tally(tables: Tables, instrument: str | None = None, by: str | None = None,
          status: str | None = None) -> dict[str, Any]:
    """The tally object of SPEC section 6 (with ``groups`` when ``by`` is given)."""
    return aggregate(list(tables["sessions"].values()), by_session(tables), instrument, by, status)


def aggregate(sessions: list[dict[str, Any]], figures: Mapping[str, SessionFigures], instrument: str | None = None,
              by: str | None = None, status: str | None = None) -> dict[str, Any]:
    """Sum per-session figures into the tally object, for one instrument and one status if given."""
    sessions = [s for s in sessions
                if instrument in (None, s.get("instrument_id")) and status in (None, s.get("status"))]
    result = _figures(sessions, figures)
    if by:
        field_name = GROUPINGS[by]
        values = sorted({s.get(field_name) for s in sessions}, key=lambda v: (v is None, str(v)))
        result["groups"] = [
            {"by": by, "value": value, **_figures([s for s in sessions if s.get(field_name) == value], figures)}
            for value in values
        ]
    return result


@dataclass
class Sums:
    """Running totals over sessions; ``add`` with sign -1 takes a session back out (for live views)."""

    status: Counter[str] = field(default_factory=Counter)
    instruments: Counter[str] = field(default_factory=Counter)
    frameworks: Counter[str] = field(default_factory=Counter)
    # cycle -> [sessions, answers, scale_n, scale_pct_sum, stories, codings]; story ids hold the session id,
    # so per-session story sets add up without a union
    cycles: dict[str, list[float]] = field(default_factory=dict)
    capitals: Counter[str] = field(default_factory=Counter)

    def add(self, session: Mapping[str, Any], figures: SessionFigures, sign: int = 1) -> None:
        self.status[session.get("status") or ""] += sign
        self.instruments[f"{session.get('instrument_id')}@{session.get('instrument_version')}"] += sign
        self.frameworks[session.get("framework") or ""] += sign
        if session.get("status") == "abandoned":
            return  # counted in "sessions" only
        for cycle_id, cycle in figures.items():
            total = self.cycles.get(cycle_id)
            if total is None:
                total = self.cycles[cycle_id] = [0, 0, 0, 0.0, 0, 0]
            total[0] += sign * cycle.sessions
            total[1] += sign * cycle.answers
            total[2] += sign * cycle.scale_n
            total[3] += sign * cycle.scale_pct_sum
            total[4] += sign * len(cycle.stories)
            total[5] += sign * cycle.codings
            if cycle.capitals:
                for capital, n in cycle.capitals.items():
                    self.capitals[capital] += sign * n

    def result(self) -> dict[str, Any]:
        """The tally object of SPEC section 6."""
        frameworks = {f for f, n in self.frameworks.items() if n > 0}
        listed = {c for f in frameworks for c in FRAMEWORKS.get(f, ())}
        listed |= {c for c, t in self.cycles.items() if any(t)}
        rows = []
        for name in cycle_order([c for c in listed if c in CYCLES]):
            sessions, answers, scale_n, scale_sum, stories, codings = self.cycles.get(name, [0, 0, 0, 0.0, 0, 0])
            row: dict[str, Any] = {
                "cycle": name,
                "label": cycle_label(name, next(iter(frameworks)) if len(frameworks) == 1 else None),
                "sessions": int(sessions),
                "answers": int(answers),
                "scale_n": int(scale_n),
                "scale_mean_pct": round(scale_sum / scale_n, 1) if scale_n else None,
                "stories": int(stories),
                "codings": int(codings),
            }
            if name == "potential":
                row["capitals"] = {k: v for k, v in sorted(self.capitals.items()) if v > 0}
            rows.append(row)
        return {
            "sessions": {"total": sum(self.status.values()), "complete": self.status["complete"],
                         "in_progress": self.status["in_progress"], "abandoned": self.status["abandoned"]},
            "instruments": sorted(i for i, n in self.instruments.items() if n > 0),
            "cycles": rows,
        }


def _figures(sessions: list[dict[str, Any]], figures: Mapping[str, SessionFigures]) -> dict[str, Any]:
    sums = Sums()
    for session in sessions:
        sums.add(session, figures.get(session["session_id"], {}))
    return sums.result()
