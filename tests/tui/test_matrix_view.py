"""The dashboard's matrix view, story coverage, reader warnings and project waves."""

import json
from pathlib import Path

from textual.widgets import DataTable, Static

from vcf_tui.project import load_project
from vcf_tui.store import DataFile
from vcf_tui.tui.dashboard import DashboardApp, MatrixScreen

PROJECT = load_project(Path(__file__).parent.parent.parent / "examples" / "vcf-project.yaml")


def screen_text(widget) -> str:
    return "\n".join(line.text for line in widget.render_lines(widget.region.reset_offset))


def session(sid, respondent, started, wave):
    return {
        "session_id": sid,
        "instrument_id": "told",
        "instrument_version": "1",
        "framework": "vcf-2011",
        "status": "complete",
        "respondent": respondent,
        "started_at": started,
        "wave": wave,
    }


def step(aid, sid, cycle, k, text, evidence=None):
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


def scale(aid, sid, cycle, value, **extra):
    return {
        "answer_id": aid,
        "session_id": sid,
        "question_id": aid,
        "cycles": [cycle],
        "value": value,
        "type": "scale",
        "scale": {"min": 1, "max": 5},
        **extra,
    }


def write_records(path):
    with DataFile.open(path) as store:
        store.put("sessions", session("s1", "P1", "2026-01-01T00:00:00Z", "12-months"))
        store.put("sessions", session("s2", "P2", "2026-01-02T00:00:00Z", "baseline"))
        for record in (
            step("a1", "s1", "applied", 1, "used [b]it[/b]", "session log"),
            step("a2", "s1", "immediate", 2, "shared it", "log\x1b[31m"),
            step("a3", "s1", "realised", 3, "fewer injuries", "club records"),
            scale("e1", "s1", "realised", 5, evidence="effect", indicator="attendance"),
            scale("c1", "s1", "realised", 1, evidence="contribution"),
            {
                "answer_id": "n1",
                "session_id": "s1",
                "question_id": "name",
                "cycles": ["immediate"],
                "value": "Secret Name",
                "type": "text",
                "personal": True,
            },
        ):
            store.put("answers", record)


async def test_matrix_view_shows_stories_by_cycle_and_indicators(tmp_path):
    path = tmp_path / "data.json"
    write_records(path)
    app = DashboardApp([str(path)], project=PROJECT)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MatrixScreen)
        shown = screen_text(app.screen.query_one("#matrix", Static))
        assert "1. used [b]it[/b]" in shown  # markup shown as text
        assert "P1 " in shown and "wave: 12-months" in shown  # each story's respondent and wave
        assert "[evidence: session log]" in shown
        assert "2. shared it (loops back)" in shown  # applied, then immediate: a loop
        assert "log\\x1b[31m" in shown and "\x1b" not in shown  # control characters made visible
        assert "3. fewer injuries" in shown
        assert "attendance" in shown and "Coaches at each meet-up" in shown
        assert "Secret Name" not in shown  # personal answers are never shown
        assert "applied, immediate, realised" in shown  # the told path
        await pilot.press("enter", "i")  # no session table here; the filter works
        assert isinstance(app.screen, MatrixScreen) and app.instrument == "told"
        assert "instrument: told" in screen_text(app.screen.query_one("#title", Static))
        assert "1. used [b]it[/b]" in screen_text(app.screen.query_one("#matrix", Static))
        await pilot.press("escape")
        assert not isinstance(app.screen, MatrixScreen)


async def test_main_view_shows_coverage_not_a_funnel_and_effect_apart_from_contribution(tmp_path):
    path = tmp_path / "data.json"
    write_records(path)
    app = DashboardApp([str(path)], project=PROJECT)
    async with app.run_test(size=(160, 50)) as pilot:
        coverage = screen_text(app.query_one("#coverage", Static))
        assert "Story coverage" in coverage and "->" not in coverage and "reach" not in coverage
        realised = next(line for line in coverage.splitlines() if "realised" in line)
        assert realised.split()[-3:] == ["1", "0", "0"]  # touched by 1 story, started in none, no loop
        applied = next(line for line in coverage.splitlines() if "applied" in line)
        assert applied.split()[-3:] == ["1", "1", "0"]
        cycles = screen_text(app.query_one("#cycles", Static))
        realised = next(line for line in cycles.splitlines() if "realised" in line)
        assert "100 (n 1)" in realised and "0 (n 1)" in realised  # effect 100 %, contribution 0 %, apart
        people = screen_text(app.query_one("#people", Static))
        assert people.index("baseline") < people.index("12-months")  # waves in project order
        assert not app.query_one("#warnings").display
        assert "Secret Name" not in "".join(screen_text(w) for w in app.query(Static))
        table = app.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("s1"))
        await pilot.press("enter")  # the session's answers by cycle
        detail = "".join(screen_text(w) for w in app.screen.query(Static))
        assert "e1: 5" in detail and "Secret Name" not in detail


async def test_skipped_records_show_in_a_status_line(tmp_path):
    path = tmp_path / "data.json"
    write_records(path)
    raw = json.loads(path.read_text())
    raw["answers"]["999"] = "not a record"
    path.write_text(json.dumps(raw))
    app = DashboardApp([str(path)])
    async with app.run_test(size=(160, 50)):
        line = app.query_one("#warnings", Static)
        assert line.display
        assert "1 left out" in screen_text(line) and "record 999" in screen_text(line)


async def test_matrix_view_follows_new_saves(tmp_path):
    path = tmp_path / "data.json"
    write_records(path)
    app = DashboardApp([str(path)], poll_seconds=0.05)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("m")
        with DataFile.open(path) as store:
            store.put("answers", step("a4", "s1", "reframing", 4, "new yardstick"))
        for _ in range(50):
            if "4. new yardstick" in screen_text(app.screen.query_one("#matrix", Static)):
                break
            await pilot.pause(0.1)
        assert "4. new yardstick" in screen_text(app.screen.query_one("#matrix", Static))


def test_matrix_view_looks_right(snap_compare, tmp_path):
    path = tmp_path / "data.json"
    write_records(path)
    assert snap_compare(DashboardApp([str(path)], project=PROJECT), press=["m"], terminal_size=(120, 40))


async def test_a_long_matrix_shows_the_latest_stories(tmp_path, monkeypatch):
    monkeypatch.setattr("vcf_tui.tui.dashboard.matrix_view.STORY_ROWS", 1)
    path = tmp_path / "data.json"
    write_records(path)
    with DataFile.open(path) as store:
        store.put("answers", step("b1", "s2", "potential", 1, "a later story"))
    app = DashboardApp([str(path)])
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("m")
        shown = screen_text(app.screen.query_one("#matrix", Static))
        assert "the latest 1 of 2" in shown
        assert "1. a later story" in shown and "used [b]it[/b]" not in shown
