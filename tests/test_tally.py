"""Tally figures on small, hand-computed data files."""

import json

import pytest

from vcf_tui.analysis.merge import union
from vcf_tui.analysis.tally import tally
from vcf_tui.cli import main
from vcf_tui.store import DataFile, read_tables


def session(sid, status="complete", framework="vcf-2011", wave=None, interviewer=None, instrument="inst"):
    return {"session_id": sid, "instrument_id": instrument, "instrument_version": "1", "framework": framework,
            "status": status, "wave": wave, "interviewer": interviewer, "updated_at": "2026-01-01T00:00:00Z"}


def answer(aid, sid, cycles, value, **extra):
    return {"answer_id": aid, "session_id": sid, "question_id": aid, "cycles": cycles, "value": value,
            "revision": 1, **extra}


def scale(aid, sid, cycle, value, low, high, **extra):
    return answer(aid, sid, [cycle], value, type="scale", scale={"min": low, "max": high}, **extra)


def step(aid, sid, cycle, value, instance):
    return answer(aid, sid, [cycle], value, type="story", story={"section": "story", "instance": instance,
                                                                  "step": cycle})


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "a.json"
    with DataFile.open(path) as store:
        for record in (session("s1", wave="baseline", interviewer="Sam"),
                       session("s2", status="in_progress", wave="12-months", interviewer="Ana"),
                       session("s3", status="abandoned", wave="baseline"),
                       session("s4", framework="vcf-2020", instrument="other")):
            store.put("sessions", record)
        for record in (
            scale("a1", "s1", "potential", 4, 1, 5, capital="human"),       # 75 %
            scale("a2", "s2", "potential", 2, 0, 10, capital="social"),     # 20 %
            scale("a3", "s2", "potential", 10, 0, 10, hidden=True),         # hidden: not counted
            answer("a4", "s1", ["applied", "realised"], "used it"),
            answer("a5", "s1", ["applied"], None),                          # skipped: not counted
            answer("a6", "s3", ["immediate"], "abandoned: not counted"),
            step("a7", "s1", "immediate", "a moment", 1),
            step("a8", "s1", "potential", None, 1),                         # story 1 skips potential
            step("a9", "s1", "applied", "tried it", 1),
            step("a10", "s1", "immediate", "another", 2),
            answer("a11", "s4", ["strategic"], ["x", "y"]),
            answer("a12", "s2", ["immediate"], []),                         # empty multi: not counted
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
        "immediate", "potential", "applied", "realised", "reframing",
        "transformative", "orienting", "enabling", "strategic"]
    by = rows(result)
    assert by["potential"]["scale_n"] == 2 and by["potential"]["scale_mean_pct"] == 47.5
    assert by["potential"]["capitals"] == {"human": 1, "social": 1}
    assert by["potential"]["sessions"] == 2 and by["potential"]["answers"] == 2
    assert by["potential"]["stories"] == 0
    assert by["immediate"] == {"cycle": "immediate", "label": "Immediate value", "sessions": 1, "answers": 2,
                               "scale_n": 0, "scale_mean_pct": None, "stories": 2, "codings": 0}
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
    corrupt.write_text("{\"meta\": ")
    assert main(["tally", str(corrupt)]) == 1
    err = capsys.readouterr().err
    assert "corrupt.json: not a valid JSON file" in err and "Traceback" not in err


def test_live_tally_matches_a_fresh_tally_after_every_change(data):
    from vcf_tui.analysis.live_tally import LiveTally

    tables = read_tables(data)
    live = LiveTally([{"meta": tables["meta"], "sessions": {}, "answers": {}, "codings": {}}])
    puts = [("sessions", s) for s in tables["sessions"].values()]
    puts += [("answers", a) for a in tables["answers"].values()]
    puts += [("codings", c) for c in tables["codings"].values()]
    # then changes: a session is abandoned, an answer edited, another hidden
    puts += [("sessions", dict(tables["sessions"]["s2"], status="abandoned", updated_at="2026-02-01T00:00:00Z")),
             ("answers", dict(tables["answers"]["a1"], value=5, revision=2)),
             ("answers", dict(tables["answers"]["a4"], hidden=True, revision=2))]
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
