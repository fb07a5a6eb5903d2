"""What the coding screen needs of each passage's instrument: its question's text, and whether it is personal."""

from __future__ import annotations

from vcf_tui.analysis import coding
from vcf_tui.export.privacy import is_personal
from vcf_tui.export.questions import Questionnaire
from vcf_tui.export.sources import session_instruments
from vcf_tui.store.datafile import Tables


def questionnaires(tables: Tables, passages: list[coding.Passage]) -> dict[str, Questionnaire]:
    """Each passage's session's instrument (the file's ``instruments`` table first, else the catalog), by session id."""
    stored = list(tables.get("instruments", {}).values())
    found = session_instruments([p.session for p in passages], stored)
    by_instrument: dict[int, Questionnaire] = {}
    return {sid: by_instrument.setdefault(id(i), Questionnaire(i)) for sid, i in found.items()}


def not_personal(tables: Tables, passages: list[coding.Passage]) -> list[coding.Passage]:
    """The passages that are not personal answers (a name is nothing to code, and never shown)."""
    indexed = questionnaires(tables, passages)
    kept = []
    for passage in passages:
        questionnaire = indexed.get(passage.session["session_id"])
        if not is_personal(passage.answer, questionnaire.question(passage.answer) if questionnaire else None):
            kept.append(passage)
    return kept
