"""Tally figures on small, hand-computed data files."""

import json

import pytest

from vcf_tui.analysis.merge import union
from vcf_tui.analysis.tally import tally
from vcf_tui.cli import main
from vcf_tui.store import DataFile, read_tables
from vcf_tui.store.datafile import empty_tables


def session(sid, status="complete", framework="vcf-2011", wave=None, interviewer=None, instrument="inst"):
    return {
        "session_id": sid,
        "instrument_id": instrument,
        "instrument_version": "1",
        "framework": framework,
        "status": status,
        "wave": wave,
        "interviewer": interviewer,
        "updated_at": "2026-01-01T00:00:00Z",
    }


def answer(aid, sid, cycles, value, **extra):
    return {
        "answer_id": aid,
        "session_id": sid,
        "question_id": aid,
        "cycles": cycles,
        "value": value,
        "revision": 1,
        **extra,
    }


def scale(aid, sid, cycle, value, low, high, **extra):
    return answer(aid, sid, [cycle], value, type="scale", scale={"min": low, "max": high}, **extra)


def step(aid, sid, cycle, value, instance):
    return answer(
        aid, sid, [cycle], value, type="story", story={"section": "story", "instance": instance, "step": cycle}
    )


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "a.json"
    with DataFile.open(path) as store:
        for record in (
            session("s1", wave="baseline", interviewer="Sam"),
            session("s2", status="in_progress", wave="12-months", interviewer="Ana"),
            session("s3", status="abandoned", wave="baseline"),
            session("s4", framework="vcf-2020", instrument="other"),
        ):
            store.put("sessions", record)
        for record in (
            scale("a1", "s1", "potential", 4, 1, 5, capital="human"),  # 75 %
            scale("a2", "s2", "potential", 2, 0, 10, capital="social"),  # 20 %
            scale("a3", "s2", "potential", 10, 0, 10, hidden=True),  # hidden: not counted
            answer("a4", "s1", ["applied", "realised"], "used it"),
            answer("a5", "s1", ["applied"], None),  # skipped: not counted
            answer("a6", "s3", ["immediate"], "abandoned: not counted"),
            step("a7", "s1", "immediate", "a moment", 1),
            step("a8", "s1", "potential", None, 1),  # story 1 skips potential
            step("a9", "s1", "applied", "tried it", 1),
            step("a10", "s1", "immediate", "another", 2),
            answer("a11", "s4", ["strategic"], ["x", "y"]),
            answer("a12", "s2", ["immediate"], []),  # empty multi: not counted
        ):
            store.put("answers", record)
        store.put("codings", {"coding_id": "c1", "answer_id": "a4", "session_id": "s1", "cycle": "realized"})
        store.put("codings", {"coding_id": "c2", "answer_id": "a6", "session_id": "s3", "cycle": "applied"})
    return path


def rows(result):
    return {row["cycle"]: row for row in result["cycles"]}


def test_figures_by_hand(data):
    result = tally(read_tables(data))
    assert result["sessions"] == {"total": 4, "complete": 2, "in_progress": 1, "abandoned": 1}
    assert result["instruments"] == ["inst@1", "other@1"]
    # every cycle of both frameworks, in the canonical order
    assert [r["cycle"] for r in result["cycles"]] == [
        "immediate",
        "potential",
        "applied",
        "realised",
        "reframing",
        "transformative",
        "orienting",
        "enabling",
        "strategic",
    ]
    by = rows(result)
    assert by["potential"]["scale_n"] == 2 and by["potential"]["scale_mean_pct"] == 47.5
    assert by["potential"]["capitals"] == {"human": 1, "social": 1}
    assert by["potential"]["sessions"] == 2 and by["potential"]["answers"] == 2
    assert by["potential"]["stories"] == 0
    nothing = {"answers": 0, "scale_n": 0, "scale_mean_pct": None}
    assert by["immediate"] == {
        "cycle": "immediate",
        "label": "Immediate value",
        "sessions": 1,
        "answers": 2,
        "scale_n": 0,
        "scale_mean_pct": None,
        "effect": nothing,
        "contribution": nothing,
        "observations": 0,
        "stories": 2,
        "stories_started_here": 2,
        "loops": 0,
        "codings": 0,
    }
    assert by["applied"]["answers"] == 2 and by["applied"]["stories"] == 1 and by["applied"]["codings"] == 0
    assert by["realised"]["codings"] == 1 and by["realised"]["answers"] == 1
    assert by["strategic"]["answers"] == 1
    assert by["reframing"]["answers"] == 0


def test_by_wave_and_instrument_filter(data):
    result = tally(read_tables(data), instrument="inst", by="wave")
    assert [r["cycle"] for r in result["cycles"]][-1] == "reframing"
    groups = {g["value"]: g for g in result["groups"]}
    assert set(groups) == {"baseline", "12-months"}
    assert groups["baseline"]["sessions"]["total"] == 2
    assert rows(groups["baseline"])["potential"]["scale_mean_pct"] == 75.0
    assert rows(groups["12-months"])["potential"]["scale_mean_pct"] == 20.0


def test_copies_of_a_file_count_once(data, tmp_path):
    copy = tmp_path / "copy.json"
    copy.write_bytes(data.read_bytes())
    once = tally(read_tables(data))
    twice = tally(union([read_tables(data), read_tables(copy)]))
    assert once == twice


def test_cli_json_and_table(data, capsys):
    assert main(["tally", str(data), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == tally(read_tables(data))
    assert main(["tally", str(data), "--by", "interviewer"]) == 0
    out = capsys.readouterr().out
    assert "capitals: human 1, social 1" in out and "by interviewer:" in out and "Sam" in out


def test_cli_bad_files(tmp_path, capsys):
    assert main(["tally", str(tmp_path / "missing.json")]) == 1
    assert "missing.json: no such data file" in capsys.readouterr().err
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"meta": ')
    assert main(["tally", str(corrupt)]) == 1
    err = capsys.readouterr().err
    assert "corrupt.json: not a valid JSON file" in err and "Traceback" not in err


def test_live_tally_matches_a_fresh_tally_after_every_change(data):
    from vcf_tui.analysis.live_tally import LiveTally

    tables = read_tables(data)
    live = LiveTally([dict(empty_tables(), meta=tables["meta"])])
    puts = [("sessions", s) for s in tables["sessions"].values()]
    puts += [("answers", a) for a in tables["answers"].values()]
    puts += [("codings", c) for c in tables["codings"].values()]
    # then changes: a session is abandoned, an answer edited, another hidden
    puts += [
        ("sessions", dict(tables["sessions"]["s2"], status="abandoned", updated_at="2026-02-01T00:00:00Z")),
        ("answers", dict(tables["answers"]["a1"], value=5, revision=2)),
        ("answers", dict(tables["answers"]["a4"], hidden=True, revision=2)),
    ]
    for n, put in enumerate(puts, 1):
        live.apply([put])
        assert live.result() == tally(live.tables), f"after put {n}"
    assert live.result(by="wave") == tally(live.tables, by="wave")
    assert rows(live.result())["potential"]["capitals"] == {"human": 1}


def test_status_filter(data, capsys):
    result = tally(read_tables(data), status="complete")
    assert result["sessions"] == {"total": 2, "complete": 2, "in_progress": 0, "abandoned": 0}
    assert rows(result)["potential"]["scale_mean_pct"] == 75.0
    assert main(["tally", str(data), "--status", "in_progress", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sessions"]["total"] == 1


def told(aid, sid, cycle, position, answered_at):
    return answer(
        aid,
        sid,
        [cycle],
        f"step {position}",
        type="story",
        answered_at=answered_at,
        story={"section": "story", "instance": 1, "step": f"step-{position}", "position": position},
    )


@pytest.fixture
def framework_data(tmp_path):
    """Effect and contribution, personal and context answers, a told story that loops twice, observations."""
    path = tmp_path / "f.json"
    with DataFile.open(path) as store:
        for sid, wave, started in (
            ("t1", "5-months", "2026-02-01T00:00:00Z"),
            ("t2", "12-months", "2026-03-01T00:00:00Z"),
            ("t3", "baseline", "2026-01-01T00:00:00Z"),
        ):
            store.put("sessions", dict(session(sid, wave=wave), started_at=started))
        for record in (
            scale("e1", "t1", "realised", 5, 1, 5, evidence="effect"),  # 100 %
            scale("e2", "t1", "realised", 2, 1, 5, evidence="contribution"),  # 25 %
            scale("e3", "t1", "realised", 4, 0, 10),  # 40 %
            answer("e4", "t1", ["realised"], "more wins", evidence="effect"),
            answer("n1", "t1", [], "coach at a club"),  # cycle: none
            answer("p1", "t1", [], "ann@example.org", personal=True),
            scale("p2", "t1", "immediate", 5, 1, 5, personal=True),  # personal: in no tally
            # told as applied, immediate (loop), realised, potential (loop); stored out of order
            told("s3", "t1", "realised", 3, "2026-02-01T00:03:00Z"),
            told("s1", "t1", "applied", 1, "2026-02-01T00:09:00Z"),
            told("s4", "t1", "potential", 4, "2026-02-01T00:01:00Z"),
            told("s2", "t1", "immediate", 2, "2026-02-01T00:05:00Z"),
            answer("i2", "t2", ["immediate"], "came back"),
            answer("i3", "t3", ["immediate"], "first time"),
        ):
            store.put("answers", record)
        for oid, indicator, cycle, period in (
            ("o1", "attendance", "immediate", "baseline"),
            ("o2", "attendance", "immediate", "5-months"),
            ("o3", "athlete-outcomes", "realised", "2026-06-01"),
        ):
            store.put(
                "observations",
                {"observation_id": oid, "indicator": indicator, "cycle": cycle, "value": 12, "period": period},
            )
    return path


def test_effect_and_contribution_apart_never_averaged(framework_data):
    by = rows(tally(read_tables(framework_data)))
    realised = by["realised"]
    assert realised["answers"] == 5  # four questions and one story step
    # the cycle's own mean leaves the contribution rating out: (100 + 40) / 2
    assert realised["scale_n"] == 2 and realised["scale_mean_pct"] == 70.0
    assert realised["effect"] == {"answers": 2, "scale_n": 1, "scale_mean_pct": 100.0}
    assert realised["contribution"] == {"answers": 1, "scale_n": 1, "scale_mean_pct": 25.0}


def test_personal_and_context_answers_count_nowhere(framework_data):
    result = tally(read_tables(framework_data))
    by = rows(result)
    assert by["immediate"]["answers"] == 3 and by["immediate"]["scale_n"] == 0  # s2, i2, i3; not p2
    assert sum(r["answers"] for r in result["cycles"]) == 3 + 1 + 1 + 5  # immediate, potential, applied, realised


def test_where_stories_start_and_loop(framework_data):
    by = rows(tally(read_tables(framework_data)))
    assert {c: (r["stories_started_here"], r["loops"]) for c, r in by.items() if r["stories"]} == {
        "immediate": (0, 1),
        "potential": (0, 1),
        "applied": (1, 0),
        "realised": (0, 0),
    }


def test_observations_beside_answers(framework_data):
    tables = read_tables(framework_data)
    by = rows(tally(tables))
    assert by["immediate"]["observations"] == 2 and by["realised"]["observations"] == 1
    moved = rows(tally(tables, indicator_cycles={"athlete-outcomes": "applied"}))
    assert moved["applied"]["observations"] == 1 and moved["realised"]["observations"] == 0
    groups = tally(tables, by="wave")["groups"]
    assert [rows(g)["immediate"]["observations"] for g in groups] == [1, 1, 0]
    assert rows(tally(tables, by="interviewer")["groups"][0])["immediate"]["observations"] is None


def test_waves_in_time_order_not_alphabetical(framework_data):
    tables = read_tables(framework_data)
    assert [g["value"] for g in tally(tables, by="wave")["groups"]] == ["baseline", "5-months", "12-months"]
    project_order = ["12-months", "baseline", "5-months"]
    assert [g["value"] for g in tally(tables, by="wave", wave_order=project_order)["groups"]] == project_order


def test_live_tally_leaves_personal_answers_out(framework_data):
    from vcf_tui.analysis.live_tally import LiveTally

    tables = read_tables(framework_data)
    live = LiveTally([tables])
    assert live.result() == tally(tables)
    assert rows(live.session_result("t1"))["immediate"]["answers"] == 1


def test_text_shows_effect_and_contribution_apart(framework_data, capsys):
    assert main(["tally", str(framework_data)]) == 0
    out = capsys.readouterr().out
    assert "  effect: answers 2; on a scale 1, mean 100.0 %" in out
    assert "  contribution: answers 1; on a scale 1, mean 25.0 %" in out


def test_live_tally_takes_observations_as_they_arrive(framework_data):
    from vcf_tui.analysis.live_tally import LiveTally

    tables = read_tables(framework_data)
    observations = tables["observations"]
    live = LiveTally([dict(tables, observations={})])
    assert rows(live.result())["immediate"]["observations"] == 0
    live.apply([("observations", record) for record in observations.values()])
    assert rows(live.result())["immediate"]["observations"] == 2 and live.result() == tally(tables)
    assert "" not in live.changed


def test_a_damaged_story_record_is_left_out_not_a_crash(framework_data, capsys):
    with DataFile.open(framework_data):
        pass  # closed: everything is in the snapshot
    content = json.loads(framework_data.read_text())
    content["answers"]["bad"] = answer("bad", "t1", ["applied"], "x", story={"instance": 1})
    framework_data.write_text(json.dumps(content))
    by = rows(tally(read_tables(framework_data)))
    assert by["applied"]["answers"] == 1 and by["applied"]["stories_started_here"] == 1  # left out, counted nowhere
    assert main(["tally", str(framework_data)]) == 0
    assert "warning" in capsys.readouterr().err
