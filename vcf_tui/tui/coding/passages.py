"""Each passage's questionnaire, for the coding screen's question text (never an id)."""

from __future__ import annotations

from vcf_tui.analysis import coding
from vcf_tui.analysis.tally import steps_by_story
from vcf_tui.export.questions import Questionnaire
from vcf_tui.export.sources import session_instruments
from vcf_tui.store.datafile import Tables


def questionnaires(tables: Tables, passages: list[coding.Passage]) -> dict[str, Questionnaire]:
    """Each passage's session's instrument (the file's ``instruments`` table first, else the catalog), by session id."""
    stored = list(tables.get("instruments", {}).values())
    found = session_instruments([p.session for p in passages], stored)
    by_instrument: dict[int, Questionnaire] = {}
    return {sid: by_instrument.setdefault(id(i), Questionnaire(i)) for sid, i in found.items()}


def step_places(tables: Tables) -> dict[str, tuple[int, int]]:
    """Each told story step's place in its story, (K, N) in told order, by answer id."""
    told = [
        a
        for a in tables["answers"].values()
        if isinstance(a, dict)
        and isinstance(a.get("story"), dict)
        and "step" in a["story"]
        and isinstance(a.get("value"), str)
        and a["value"].strip()
    ]
    places: dict[str, tuple[int, int]] = {}
    for steps in steps_by_story(told).values():
        for k, step in enumerate(steps, 1):
            places[str(step.get("answer_id"))] = (k, len(steps))
    return places
