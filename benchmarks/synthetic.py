"""Realistic synthetic data files for the benchmarks (SPEC section 5 records), written to a scratch folder."""

from __future__ import annotations

import random
from pathlib import Path

from vcf_tui.store.atomic import write_atomic
from vcf_tui.store.datafile import empty_tables, serialise
from vcf_tui.store.records import new_id, now

CYCLES = ("immediate", "potential", "applied", "realised", "reframing")
ANSWERS_PER_SESSION = 20
CAPITALS = ("human", "social", "tangible", "reputational", "learning")


def session(rng: random.Random, n: int, file_id: str) -> dict:
    stamp = now()
    return {
        "session_id": new_id(),
        "instrument_id": "coach-cop-review",
        "instrument_version": "1.0",
        "instrument_sha256": "0" * 64,
        "framework": "vcf-2011",
        "mode": "interview",
        "interviewer": rng.choice(["Sam", "Ana", "Kofi"]),
        "respondent": f"P{n // ANSWERS_PER_SESSION}",
        "wave": rng.choice(["baseline", "12-months"]),
        "consent": None,
        "status": rng.choice(["complete", "complete", "in_progress"]),
        "started_at": stamp,
        "updated_at": stamp,
        "completed_at": None,
        "origin_file_id": file_id,
    }


def answer(rng: random.Random, n: int, session_id: str) -> dict:
    """Text, scale, story step and skipped answers in turn, each tagged with a cycle."""
    cycle = CYCLES[n % len(CYCLES)]
    stamp = now()
    record = {
        "answer_id": new_id(),
        "session_id": session_id,
        "question_id": f"q{n % ANSWERS_PER_SESSION}",
        "section_id": "s",
        "type": "text",
        "value": "A realistic answer of a few words",
        "cycles": [cycle],
        "indicator": "use-of-tools",
        "capital": None,
        "evidence": None,
        "self_text": None,
        "scale": None,
        "story": None,
        "note": None,
        "hidden": False,
        "answered_at": stamp,
        "updated_at": stamp,
        "revision": 1,
    }
    kind = n % 4
    if kind == 1:
        record.update(type="scale", value=rng.randint(1, 5), scale={"min": 1, "max": 5})
        if cycle == "potential":
            record["capital"] = rng.choice(CAPITALS)
    elif kind == 2:
        record.update(
            type="story",
            question_id=f"story[1].{cycle}",
            section_id="story",
            story={"section": "story", "instance": 1, "step": cycle},
        )
    elif n % 12 == 3:
        record["value"] = None
    return record


def tables_of(answers: int, seed: int = 1, file_id: str | None = None) -> dict:
    """Tables with ``answers`` answers in sessions of 20."""
    rng = random.Random(seed)
    tables = empty_tables()
    file_id = file_id or new_id()
    tables["meta"][file_id] = {"schema": 1, "file_id": file_id, "device": "bench", "created_at": now()}
    session_id = ""
    for n in range(answers):
        if n % ANSWERS_PER_SESSION == 0:
            record = session(rng, n, file_id)
            session_id = record["session_id"]
            tables["sessions"][session_id] = record
        record = answer(rng, n, session_id)
        tables["answers"][record["answer_id"]] = record
    return tables


def build(path: Path, answers: int, seed: int = 1, file_id: str | None = None) -> Path:
    """Write a data file with ``answers`` answers; returns its path."""
    write_atomic(path, serialise(tables_of(answers, seed, file_id)))
    return path
