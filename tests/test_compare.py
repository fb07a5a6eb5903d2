"""Change between two waves, on a small hand-computed file."""

import json

import pytest

from vcf_tui.analysis.compare import compare
from vcf_tui.cli import main
from vcf_tui.store import DataFile, read_tables


def session(sid, wave, respondent, status="complete"):
    return {
        "session_id": sid,
        "instrument_id": "i",
        "instrument_version": "1",
        "framework": "vcf-2011",
        "status": status,
        "wave": wave,
        "respondent": respondent,
        "started_at": "2026-01-01T00:00:00Z" if wave == "baseline" else "2027-01-01T00:00:00Z",
    }


def rating(aid, sid, cycle, value, evidence=None):
    return {
        "answer_id": aid,
        "session_id": sid,
        "question_id": aid,
        "cycles": [cycle],
        "value": value,
        "type": "scale",
        "scale": {"min": 1, "max": 5},
        "evidence": evidence,
    }


def text(aid, sid, cycle):
    return {"answer_id": aid, "session_id": sid, "question_id": aid, "cycles": [cycle], "value": "x", "type": "text"}


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "waves.json"
    with DataFile.open(path) as store:
        for record in (
            session("b1", "baseline", "P1"),
            session("b2", "baseline", "P2"),
            session("b2x", "baseline", "P2"),
            session("b3", "baseline", "P3"),
            session("b9", "baseline", "P9", status="abandoned"),
            session("t1", "12-months", "P1"),
            session("t2", "12-months", "P2"),
            session("t4", "12-months", "P4"),
            session("t0", "12-months", None),
        ):
            store.put("sessions", record)
        for record in (
            rating("a1", "b1", "potential", 2),  # P1: 25 %
            rating("a2", "b2", "potential", 3),  # P2: 50 % and 100 %, a mean of 75 %
            rating("a3", "b2x", "potential", 5),
            rating("a4", "b3", "potential", 1),  # P3 only at baseline: not paired
            rating("a5", "b9", "potential", 5),  # abandoned
            rating("a6", "b1", "realised", 3, "effect"),  # P1 effect: 50 %
            rating("c1", "t1", "potential", 4),  # P1: 75 %
            rating("c2", "t2", "potential", 5),  # P2: 100 %
            rating("c4", "t4", "potential", 1),  # P4 only at 12 months
            rating("c5", "t1", "realised", 5, "effect"),  # P1 effect: 100 %
            rating("c6", "t1", "realised", 4, "contribution"),  # no baseline contribution: not paired
            text("c7", "t1", "applied"),
            text("c8", "t2", "immediate"),
            text("c9", "t0", "immediate"),
        ):
            store.put("answers", record)
    return path


def rows(report):
    return {row["cycle"]: row for row in report["cycles"]}


def test_change_over_the_respondents_in_both_waves(data):
    report = compare(read_tables(data), "baseline", "12-months")
    assert report["sessions"] == {"baseline": 4, "12-months": 4}
    assert report["respondents"] == {"baseline": 3, "12-months": 3}
    assert report["pairs"] == 2
    potential = rows(report)["potential"]
    assert potential["sessions"] == {"baseline": 4, "12-months": 3}
    assert potential["answers"] == {"baseline": 4, "12-months": 3}
    # each respondent's mean, then over the two: (25 + 75) / 2 and (75 + 100) / 2
    assert potential["paired_scale"] == {
        "respondents": 2,
        "mean_pct": {"baseline": 50.0, "12-months": 87.5},
        "change": 37.5,
    }
    realised = rows(report)["realised"]
    assert realised["paired_effect"] == {
        "respondents": 1,
        "mean_pct": {"baseline": 50.0, "12-months": 100.0},
        "change": 50.0,
    }
    assert realised["paired_contribution"]["respondents"] == 0 and realised["paired_contribution"]["change"] is None
    assert realised["paired_scale"]["change"] == 50.0  # the cycle's own mean leaves the contribution rating out
    assert report["new_cycles"] == [
        {"respondent": "P1", "cycles": ["applied"]},
        {"respondent": "P2", "cycles": ["immediate"]},
    ]


def test_cli_text_and_json(data, capsys):
    assert main(["compare", str(data), "--waves", "baseline", "12-months", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == compare(read_tables(data), "baseline", "12-months")
    assert main(["compare", str(data), "--waves", "baseline", "12-months"]) == 0
    out = capsys.readouterr().out
    assert "present in both: 2" in out
    assert "50.0 -> 87.5 (+37.5, n=2)" in out
    assert "  P1: applied" in out


def test_cli_unknown_or_same_wave(data, capsys):
    assert main(["compare", str(data), "--waves", "baseline", "baseline"]) == 1
    assert "give two different waves" in capsys.readouterr().err
    assert main(["compare", str(data), "--waves", "baseline", "6-months"]) == 1
    err = capsys.readouterr().err
    assert "no sessions in wave '6-months'" in err and "waves there: baseline, 12-months" in err


def test_cli_wave_not_in_the_project(data, capsys):
    from pathlib import Path

    project = Path(__file__).parent.parent / "examples" / "vcf-project.yaml"
    assert main(["compare", str(data), "--waves", "baseline", "6-months", "--project", str(project)]) == 1
    assert "wave '6-months' is not in project" in capsys.readouterr().err


def test_labels_are_spelt_as_the_sessions_framework(data):
    labels = {row["cycle"]: row["label"] for row in compare(read_tables(data), "baseline", "12-months")["cycles"]}
    assert labels["realised"] == "Realized value"  # the sessions are vcf-2011
    with DataFile.open(data) as store:
        store.put("sessions", dict(session("n1", "baseline", "P9"), framework="vcf-2020"))
    labels = {row["cycle"]: row["label"] for row in compare(read_tables(data), "baseline", "12-months")["cycles"]}
    assert labels["realised"] == "Realised value"  # frameworks mixed: the shared spelling
