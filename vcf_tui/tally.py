"""Per-cycle figures (SPEC section 6): pure functions over data-file tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vcf_tui.cycles import CYCLES, FRAMEWORKS, canonical_cycle, cycle_order
from vcf_tui.store.datafile import Tables, empty_tables
from vcf_tui.store.records import TABLES, newer

GROUPINGS = {"wave": "wave", "interviewer": "interviewer", "instrument": "instrument_id"}


def union(all_tables: Iterable[Tables]) -> Tables:
    """Records of several files as one set: matched by UUID, the newer version kept."""
    combined = empty_tables()
    for tables in all_tables:
        for table in TABLES:
            target = combined[table]
            for key, record in tables[table].items():
                target[key] = newer(target[key], record) if key in target else record
    return combined


@dataclass
class _Cycle:
    sessions: set[str] = field(default_factory=set)
    answers: int = 0
    scale_n: int = 0
    scale_pct_sum: float = 0.0
    stories: set[tuple[str, str, int]] = field(default_factory=set)
    codings: int = 0
    capitals: Counter[str] = field(default_factory=Counter)


def _scale_pct(answer: dict[str, Any]) -> float | None:
    bounds = answer.get("scale") or {}
    low, high, value = bounds.get("min"), bounds.get("max"), answer.get("value")
    if answer.get("type") != "scale" or not isinstance(value, int | float) or low is None or high is None:
        return None
    return (value - low) / (high - low) * 100 if high != low else None


def tally(tables: Tables, instrument: str | None = None, by: str | None = None) -> dict[str, Any]:
    """The tally object of SPEC section 6 (with ``groups`` when ``by`` is given)."""
    sessions = [s for s in tables["sessions"].values() if instrument in (None, s.get("instrument_id"))]
    result = _figures(sessions, tables)
    if by:
        field_name = GROUPINGS[by]
        values = sorted({s.get(field_name) for s in sessions}, key=lambda v: (v is None, str(v)))
        result["groups"] = [
            {"by": by, "value": value, **_figures([s for s in sessions if s.get(field_name) == value], tables)}
            for value in values
        ]
    return result


def _figures(sessions: list[dict[str, Any]], tables: Tables) -> dict[str, Any]:
    status = Counter(s.get("status") for s in sessions)
    counted = {s["session_id"] for s in sessions if s.get("status") != "abandoned"}
    cycles: dict[str, _Cycle] = {}
    for answer in tables["answers"].values():
        if answer.get("session_id") not in counted or answer.get("hidden") or answer.get("value") is None:
            continue
        if answer.get("value") == []:
            continue
        pct = _scale_pct(answer)
        story = answer.get("story")
        for name in answer.get("cycles") or ():
            cycle = cycles.setdefault(canonical_cycle(name), _Cycle())
            cycle.answers += 1
            cycle.sessions.add(answer["session_id"])
            if pct is not None:
                cycle.scale_n += 1
                cycle.scale_pct_sum += pct
            if story:
                cycle.stories.add((answer["session_id"], story.get("section"), story.get("instance")))
            if answer.get("capital") and canonical_cycle(name) == "potential":
                cycle.capitals[answer["capital"]] += 1
    for coding in tables["codings"].values():
        if coding.get("session_id") in counted and coding.get("cycle"):
            cycles.setdefault(canonical_cycle(coding["cycle"]), _Cycle()).codings += 1
    frameworks = {s.get("framework") for s in sessions}
    listed = {c for f in frameworks for c in FRAMEWORKS.get(f or "", ())} | set(cycles)
    rows = []
    for name in cycle_order([c for c in listed if c in CYCLES]):
        cycle = cycles.get(name, _Cycle())
        row: dict[str, Any] = {
            "cycle": name,
            "label": CYCLES[name].label,
            "sessions": len(cycle.sessions),
            "answers": cycle.answers,
            "scale_n": cycle.scale_n,
            "scale_mean_pct": round(cycle.scale_pct_sum / cycle.scale_n, 1) if cycle.scale_n else None,
            "stories": len(cycle.stories),
            "codings": cycle.codings,
        }
        if name == "potential":
            row["capitals"] = dict(sorted(cycle.capitals.items()))
        rows.append(row)
    return {
        "sessions": {"total": len(sessions), "complete": status["complete"],
                     "in_progress": status["in_progress"], "abandoned": status["abandoned"]},
        "instruments": sorted({f"{s.get('instrument_id')}@{s.get('instrument_version')}" for s in sessions}),
        "cycles": rows,
    }

