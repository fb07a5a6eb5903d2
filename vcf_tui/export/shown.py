"""The records a reading view (the reading pack, the matrix) may show, as tables for the analysis functions."""

from __future__ import annotations

from vcf_tui.export.rows import Flat
from vcf_tui.store.datafile import Tables


def shown_tables(flat: Flat, tables: Tables) -> Tables:
    """The exported sessions (pseudonyms), their answers (personal ones left out, names redacted), and story
    reviews and observations with names redacted from their free text."""
    redact = flat.redactor.value
    answers = {
        a["answer_id"]: a
        for s in flat.sessions
        for a in flat.answers[s["session_id"]]
        if a["answer_id"] not in flat.personal
    }
    reviews = {
        k: dict(r, note=redact(r.get("note")), reviewer=redact(r.get("reviewer")))
        for k, r in tables.get("story_reviews", {}).items()
    }
    observations = {
        k: dict(o, note=redact(o.get("note")), source=redact(o.get("source")))
        for k, o in tables.get("observations", {}).items()
    }
    return {
        **tables,
        "sessions": {s["session_id"]: s for s in flat.sessions},
        "answers": answers,
        "story_reviews": reviews,
        "observations": observations,
    }


def one_framework(flat: Flat) -> str | None:
    """The framework of every exported session, whose spelling labels use; None when they mix frameworks."""
    frameworks = {s.get("framework") for s in flat.sessions}
    return frameworks.pop() if len(frameworks) == 1 else None
