"""The value-creation matrix data and the story coverage, on hand-built stories."""

from pathlib import Path

import pytest

from vcf_tui.analysis.coverage import coverage_by_cycle, story_coverage
from vcf_tui.analysis.matrix import Step, cell_text, matrix
from vcf_tui.analysis.story_reviews import review
from vcf_tui.export.matrix import indicator_lines
from vcf_tui.project import load_project
from vcf_tui.store import DataFile, read_tables

PROJECT = load_project(Path(__file__).parent.parent / "examples" / "vcf-project.yaml")


def session(sid, respondent, started, status="complete"):
    return {
        "session_id": sid,
        "instrument_id": "i",
        "instrument_version": "1",
        "framework": "vcf-2011",
        "status": status,
        "respondent": respondent,
        "started_at": started,
    }


def told(aid, sid, cycle, k, text, evidence=None):
    return {
        "answer_id": aid,
        "session_id": sid,
        "question_id": f"story[1].step-{k}",
        "cycles": [cycle],
        "value": text,
        "type": "story",
        "evidence_text": evidence,
        "story": {"section": "story", "instance": 1, "step": f"step-{k}", "position": k},
    }


def fixed(aid, sid, cycle, text, at):
    return {
        "answer_id": aid,
        "session_id": sid,
        "question_id": f"story[2].{cycle}",
        "cycles": [cycle],
        "value": text,
        "type": "story",
        "answered_at": at,
        "story": {"section": "story", "instance": 2, "step": cycle},
    }


def answer(aid, sid, cycle, value, **extra):
    return {"answer_id": aid, "session_id": sid, "question_id": aid, "cycles": [cycle], "value": value, **extra}


@pytest.fixture
def tables(tmp_path):
    path = tmp_path / "m.json"
    with DataFile.open(path) as store:
        for record in (
            session("m2", "P2", "2026-02-01T00:00:00Z"),
            session("m1", "P1", "2026-01-01T00:00:00Z"),
            session("m3", "P3", "2026-01-01T00:00:00Z", status="abandoned"),
        ):
            store.put("sessions", record)
        for record in (
            told("t3", "m1", "realised", 3, "fewer injuries", "club records"),
            told("t1", "m1", "applied", 1, "used the drill", "session log"),
            told("t2", "m1", "immediate", 2, "shared it at a meet-up"),
            {
                "answer_id": "q1",
                "session_id": "m1",
                "question_id": "story[1].story-kind",
                "cycles": [],
                "value": "It happened",
                "type": "single",
                "story": None,
                "of_story": {"section": "story", "instance": 1},
            },
            fixed("f2", "m2", "potential", "an idea", "2026-02-01T00:02:00Z"),
            fixed("f1", "m2", "immediate", "a talk", "2026-02-01T00:01:00Z"),
            told("x1", "m3", "immediate", 1, "abandoned: left out"),
            answer("i1", "m1", "immediate", "3-5", type="single", indicator="attendance"),
            answer("i2", "m2", "immediate", "6 or more", type="single", indicator="attendance"),
            answer("i3", "m1", "applied", 4, type="scale", scale={"min": 1, "max": 5}, indicator="ideas-used"),
        ):
            store.put("answers", record)
        for oid, period, value in (("o2", "5-months", 11), ("o1", "baseline", 14)):
            store.put(
                "observations",
                {
                    "observation_id": oid,
                    "indicator": "attendance",
                    "cycle": "immediate",
                    "value": value,
                    "period": period,
                },
            )
    return read_tables(path)


def test_story_rows_in_the_order_told(tables):
    result = matrix(tables, PROJECT)
    assert result.cycles == ["immediate", "potential", "applied", "realised", "reframing"]
    first, second = result.stories
    assert (first.respondent, first.session_id, first.number, first.kind) == ("P1", "m1", 1, "told")
    assert first.cells == {
        "applied": [Step(1, "used the drill", "session log", False)],
        "immediate": [Step(2, "shared it at a meet-up", None, True)],
        "realised": [Step(3, "fewer injuries", "club records", False)],
    }
    assert first.questions == {"story-kind": "It happened"}
    assert cell_text(first.cells["immediate"]) == "2. shared it at a meet-up (loops back)"
    assert cell_text(first.cells["applied"]) == "1. used the drill [evidence: session log]"
    assert (second.respondent, second.kind) == ("P2", "fixed")
    assert second.cells == {
        "immediate": [Step(1, "a talk", None, False)],
        "potential": [Step(2, "an idea", None, False)],
    }


def test_indicator_rows(tables):
    rows = {row.indicator: row for row in matrix(tables, PROJECT).indicators}
    assert list(rows) == ["attendance", "ideas-used", "practice-change", "athlete-outcomes"]
    attendance = rows["attendance"]
    assert (attendance.cycle, attendance.answers, attendance.choices) == ("immediate", 2, {"3-5": 1, "6 or more": 1})
    assert [(o["period"], o["value"]) for o in attendance.observations] == [("baseline", 14), ("5-months", 11)]
    ideas = rows["ideas-used"]
    assert (ideas.cycle, ideas.answers, ideas.scale_n, ideas.scale_mean_pct) == ("applied", 1, 1, 75.0)
    assert rows["athlete-outcomes"].answers == 0 and rows["athlete-outcomes"].cycle == "realised"
    # without a project the indicators come from the answers and observations
    assert [row.indicator for row in matrix(tables).indicators] == ["attendance", "ideas-used"]


def test_reviews_show_in_the_matrix(tables):
    record = review(tables, ("m1", "story", 1), "Eva", status="corroborated", plausibility=4)
    tables["story_reviews"][record["review_id"]] = record
    assert matrix(tables).stories[0].review["status"] == "corroborated"


def test_story_coverage(tables):
    coverage = story_coverage(tables)
    assert [(c.session_id, c.path, c.touches, c.started, c.loops) for c in coverage] == [
        ("m1", ("applied", "immediate", "realised"), ("immediate", "applied", "realised"), "applied", 1),
        ("m2", ("immediate", "potential"), ("immediate", "potential"), "immediate", 0),
    ]
    assert coverage_by_cycle(coverage) == {
        "immediate": {"touching": 2, "started_here": 1, "loops_into": 1},
        "potential": {"touching": 1, "started_here": 0, "loops_into": 0},
        "applied": {"touching": 1, "started_here": 1, "loops_into": 0},
        "realised": {"touching": 1, "started_here": 0, "loops_into": 0},
    }


def test_story_rows_carry_their_wave_in_respondent_then_wave_order(tmp_path):
    """One respondent's three sessions: rows by wave in the project's order (not start time), each naming its wave."""
    path = tmp_path / "w.json"
    waves = PROJECT.wave_ids
    with DataFile.open(path) as store:
        for sid, wave, started in (
            ("late", waves[2], "2026-01-01T00:00:00Z"),
            ("early", waves[0], "2026-03-01T00:00:00Z"),
            ("mid", waves[1], "2026-02-01T00:00:00Z"),
            ("other", None, "2025-01-01T00:00:00Z"),
        ):
            store.put("sessions", {**session(sid, "R2" if sid == "other" else "R1", started), "wave": wave})
            store.put("answers", told(f"a-{sid}", sid, "immediate", 1, "a talk"))
    rows = matrix(read_tables(path), PROJECT).stories
    assert [(row.respondent, row.wave, row.session_id) for row in rows] == [
        ("R1", waves[0], "early"),
        ("R1", waves[1], "mid"),
        ("R1", waves[2], "late"),
        ("R2", None, "other"),
    ]
    assert [row.wave for row in matrix(read_tables(path)).stories] == [waves[2], waves[1], waves[0], None]


def test_number_indicators_get_their_mean_with_contribution_apart(tables):
    for aid, value, evidence in (("n1", 2, None), ("n2", 5, "effect"), ("n3", 9, "contribution"), ("n4", True, None)):
        extra = {"evidence": evidence} if evidence else {}
        record = answer(aid, "m1", "applied", value, type="number", indicator="practice-change", **extra)
        tables["answers"][aid] = record
    row = next(r for r in matrix(tables, PROJECT).indicators if r.indicator == "practice-change")
    assert (row.answers, row.own.number_n, row.own.number_mean) == (4, 2, 3.5)
    assert (row.contribution.number_n, row.contribution.number_mean) == (1, 9)
    assert indicator_lines(row) == ["4 answers", "mean 3.5 (2 numbers)", "contribution: mean 9 (1 number)"]
    ideas = next(r for r in matrix(tables, PROJECT).indicators if r.indicator == "ideas-used")
    assert indicator_lines(ideas) == ["1 answer", "scale mean 75.0% (1 rating)"]
