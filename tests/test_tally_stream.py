"""The tally read in batches is exactly the tally of the files read whole (``tally(load_data(...))``)."""

from __future__ import annotations

import functools
import json
import random
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest

from vcf_tui.analysis import tally_stream
from vcf_tui.analysis.tally import counts, scale_pct, session_figures, steps_by_story, tally
from vcf_tui.analysis.tally_report import format_tally
from vcf_tui.cli import main
from vcf_tui.cli import tally as tally_command
from vcf_tui.cli.common import load_data
from vcf_tui.cycles import canonical_cycle
from vcf_tui.store import DataFile, streaming
from vcf_tui.store.batches import table_batches
from vcf_tui.store.streaming import WholeLoadNeeded
from vcf_tui.stories import loops, step_cycle
from vcf_tui.text import json_text

PROJECT = Path(__file__).parent.parent / "examples" / "vcf-project.yaml"  # waves baseline, 5-months, 12-months
CYCLE_NAMES = ("immediate", "potential", "applied", "realised", "realized", "reframing", "strategic", "orienting")
OPTIONS = [
    {},
    {"by": "wave"},
    {"by": "interviewer"},
    {"by": "instrument", "status": "complete"},
    {"instrument": "inst", "by": "wave"},
    {"status": "abandoned"},
    {"by": "wave", "wave_order": ["12-months", "5-months", "baseline"]},
    {"indicator_cycles": {"attendance": "reframing", "ideas-used": "orienting"}},
    {"by": "wave", "wave_order": ["5-months"], "indicator_cycles": {"attendance": "potential"}},
]


@pytest.fixture(autouse=True, params=[64, None], ids=["small-batches", "default-batches"])
def batch_size(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of a record or two (a session's answers straddle many), and the default (one batch here)."""
    if request.param:
        monkeypatch.setattr(streaming, "table_batches", functools.partial(table_batches, batch_bytes=request.param))


def session(rng: random.Random, n: int) -> dict[str, Any]:
    return {
        "session_id": f"s{n}",
        "instrument_id": rng.choice(["inst", "other", None]),
        "instrument_version": rng.choice(["1", "2"]),
        "framework": rng.choice(["vcf-2011", "vcf-2011", "vcf-2020", None]),
        "status": rng.choice(["complete", "complete", "in_progress", "abandoned", None]),
        "wave": rng.choice(["baseline", "5-months", "12-months", None]),
        "interviewer": rng.choice(["Sam", "Ana", None]),
        "started_at": f"2026-0{rng.randint(1, 9)}-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
    }


def answer(rng: random.Random, n: int, session_id: str) -> dict[str, Any]:
    """Any kind of answer: scales (on and off their scale), skipped, hidden, personal, story steps and questions."""
    record: dict[str, Any] = {
        "answer_id": f"a{n}",
        "session_id": session_id,
        "question_id": f"q{n % 7}",
        "value": rng.choice(["some text", ["x", "y"], [], None, 3]),
        "cycles": rng.sample(CYCLE_NAMES, rng.choice([0, 1, 1, 1, 2])),
        "evidence": rng.choice([None, None, "effect", "contribution"]),
        "hidden": rng.random() < 0.1,
        "answered_at": f"2026-01-01T00:00:{rng.randint(10, 20)}Z",
        "revision": 1,
    }
    if rng.random() < 0.1:
        record["personal"] = True
    kind = rng.random()
    if kind < 0.3:
        low = rng.choice([0, 1])
        record.update(type="scale", scale={"min": low, "max": rng.choice([low, 5, 10])}, value=rng.randint(-1, 11))
        record["capital"] = rng.choice([None, "human", "social"])
    elif kind < 0.7:
        instance = rng.randint(1, 3)
        position = rng.choice([None, rng.randint(1, 5)])
        step = f"step-{position}" if position and rng.random() < 0.7 else rng.choice(CYCLE_NAMES)
        record.update(
            type="story", story={"section": rng.choice(["story", "tale"]), "instance": instance, "step": step}
        )
        if position is not None:
            record["story"]["position"] = position
        record["value"] = rng.choice(["a step", "a step", None])
        if rng.random() < 0.1:
            record.pop("answered_at")
    elif kind < 0.75:
        record.update(story=None, of_story={"section": "story", "instance": 1})
    return record


def coding(rng: random.Random, n: int, sessions: int) -> dict[str, Any]:
    return {
        "coding_id": f"c{n}",
        "answer_id": f"a{n}",
        "session_id": rng.choice([f"s{rng.randrange(sessions)}", None]),
        "cycle": rng.choice([*CYCLE_NAMES, None]),
        "removed": rng.random() < 0.2,
    }


def observation(rng: random.Random, n: int) -> dict[str, Any]:
    return {
        "observation_id": f"o{n}",
        "indicator": rng.choice(["attendance", "ideas-used", None]),
        "cycle": rng.choice(["immediate", "applied", "realized", None]),
        "period": rng.choice(["baseline", "5-months", "12-months", None]),
        "value": n,
    }


def write(path: Path, seed: int, sessions: int = 12, answers: int = 160, offset: int = 0) -> Path:
    """A data file of random records; answers of a session are spread across the table (and some have none)."""
    rng = random.Random(seed)
    with DataFile.open(path) as store:
        store.put_many([("sessions", session(rng, offset + n)) for n in range(sessions)])
        store.put_many(
            [("answers", answer(rng, offset + n, f"s{offset + rng.randrange(sessions + 2)}")) for n in range(answers)]
        )
        store.put_many([("codings", coding(rng, offset + n, sessions)) for n in range(answers // 4)])
        store.put_many([("observations", observation(rng, offset + n)) for n in range(20)])
    return path


def whole(paths: list[Path], capsys: pytest.CaptureFixture[str], **options: Any) -> tuple[dict[str, Any], str]:
    """Today's tally: the files read whole; with what load_data printed."""
    capsys.readouterr()
    result = tally(load_data([str(p) for p in paths]), **options)
    return result, capsys.readouterr().err


def streamed(paths: list[Path], capsys: pytest.CaptureFixture[str], **options: Any) -> tuple[dict[str, Any], str]:
    capsys.readouterr()
    result = tally_command.tally_of([str(p) for p in paths], **options)
    return result, capsys.readouterr().err


def assert_same(paths: list[Path], capsys: pytest.CaptureFixture[str], **options: Any) -> dict[str, Any]:
    """The streamed tally (which must not fall back) has the JSON, text and warnings of today's."""
    warnings: list[str] = []
    direct = tally_stream.streamed_tally(paths, warnings, **options)  # raises if the files cannot be streamed
    expected, printed = whole(paths, capsys, **options)
    result, streamed_printed = streamed(paths, capsys, **options)
    assert json_text(direct) == json_text(result) == json_text(expected)
    assert format_tally(result) == format_tally(expected)
    assert streamed_printed == printed
    assert printed.count("vcf-tui: warning:") == len(warnings)
    return result


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "plain")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_one_file_tallies_as_when_read_whole(tmp_path: Path, capsys: Any, seed: int, options: dict) -> None:
    result = assert_same([write(tmp_path / "data.json", seed)], capsys, **options)
    assert result["sessions"]["total"] or options.get("status") or options.get("instrument")


def test_the_data_has_what_the_tally_must_get_right(tmp_path: Path, capsys: Any) -> None:
    """The random files hold loops, story starts, capitals, both kinds of evidence, codings and observations."""
    result = assert_same([write(tmp_path / "data.json", 1)], capsys)
    rows = result["cycles"]
    for figure in ("loops", "stories_started_here", "stories", "codings", "observations", "scale_n"):
        assert sum(row[figure] for row in rows) > 0, figure
    assert any(row["effect"]["scale_n"] and row["contribution"]["scale_n"] for row in rows)
    assert next(row for row in rows if row["cycle"] == "potential")["capitals"]


@pytest.mark.parametrize("options", OPTIONS[:3])
def test_several_files_tally_as_when_read_whole(tmp_path: Path, capsys: Any, options: dict) -> None:
    first = write(tmp_path / "one.json", 4)
    second = write(tmp_path / "two.json", 5, offset=1000)  # sessions s1000.., answers a1000..
    with DataFile.open(second) as store:  # answers of the first file's sessions, in the second
        store.put_many([("answers", answer(random.Random(n), 5000 + n, f"s{n % 12}")) for n in range(40)])
    assert_same([first, second], capsys, **options)
    assert_same([second, first], capsys, **options)


def test_a_file_being_written_tallies_with_its_journal(tmp_path: Path, capsys: Any) -> None:
    path = write(tmp_path / "data.json", 6)
    rng = random.Random(7)
    with DataFile.open(path) as store:
        store.put("answers", {**answer(rng, 3, "s1"), "hidden": True})  # replaces a snapshot answer in place
        store.put(
            "answers",
            {**answer(rng, 4, "s1"), "story": {"section": "story", "instance": 1, "step": "x", "position": 1}},
        )
        store.put_many([("answers", answer(rng, 500 + n, f"s{n % 3}")) for n in range(30)])
        store.put("sessions", session(rng, 99))
        store.put_many([("answers", answer(rng, 600 + n, "s99")) for n in range(10)])
        store.put("codings", {**coding(rng, 2, 12), "removed": True})
        store.put("observations", observation(rng, 77))
        for options in OPTIONS[:4]:
            assert_same([path], capsys, **options)


def test_left_out_records_are_warned_of_once_as_when_read_whole(tmp_path: Path, capsys: Any) -> None:
    path = write(tmp_path / "data.json", 8)
    document = json.loads(path.read_text())
    document["answers"]["9999"] = {"no": "answer_id"}
    document["sessions"]["9999"] = {"session_id": 7}
    document["codings"]["9999"] = "not an object"
    path.write_text(json.dumps(document))
    assert_same([path], capsys)
    _, printed = streamed([path], capsys)
    assert printed.count("\n") == 3 and "answers record 9999 left out" in printed


def test_answers_before_sessions_tally_the_same(tmp_path: Path, capsys: Any) -> None:
    """Tables in another order than our writer's (another tool's file): each table is folded as it comes."""
    path = write(tmp_path / "data.json", 9)
    document = json.loads(path.read_text())
    reordered = {"meta": document.pop("meta"), **dict(reversed(document.items()))}
    assert list(reordered)[1:3] == ["story_reviews", "observations"]
    path.write_bytes(orjson.dumps(reordered))
    for options in OPTIONS[:3]:
        assert_same([path], capsys, **options)


def run_cli(arguments: list[str], capsys: Any) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(arguments)
    out, err = capsys.readouterr()
    return code, out, err


def whole_only(*_: Any, **__: Any) -> dict[str, Any]:
    raise WholeLoadNeeded("today's path, for comparison")


@pytest.mark.parametrize(
    "flags",
    [
        [],
        ["--json"],
        ["--by", "wave", "--project", str(PROJECT)],
        ["--json", "--by", "wave", "--project", str(PROJECT)],
        ["--by", "interviewer", "--status", "complete"],
        ["--instrument", "inst", "--by", "instrument", "--json"],
        ["--instrument", "nothing-of-this"],
    ],
)
def test_the_command_prints_what_it_printed_when_it_read_files_whole(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch, flags: list[str]
) -> None:
    path = write(tmp_path / "data.json", 10)
    document = json.loads(path.read_text())
    document["answers"]["9999"] = {"no": "answer_id"}
    path.write_text(json.dumps(document))
    arguments = ["tally", str(path), *flags]
    monkeypatch.setattr(tally_command, "load_data", lambda _: pytest.fail("streamable files were read whole"))
    now = run_cli(arguments, capsys)
    monkeypatch.undo()
    monkeypatch.setattr(tally_stream, "streamed_tally", whole_only)
    before = run_cli(arguments, capsys)
    assert now == before
    assert now[2].count("vcf-tui: warning:") == 1


def test_copies_of_one_file_are_read_whole_and_warned_of_once(tmp_path: Path, capsys: Any) -> None:
    path = write(tmp_path / "data.json", 11)
    document = json.loads(path.read_text())
    document["answers"]["9999"] = {"no": "answer_id"}
    path.write_text(json.dumps(document))
    copy = tmp_path / "copy.json"
    shutil.copy(path, copy)
    with pytest.raises(WholeLoadNeeded):
        tally_stream.streamed_tally([path, copy], [])
    expected, printed = whole([path, copy], capsys, by="wave")
    result, streamed_printed = streamed([path, copy], capsys, by="wave")
    assert json_text(result) == json_text(expected)
    assert streamed_printed == printed and printed.count("vcf-tui: warning:") == 2  # one per file, as before


@pytest.mark.parametrize("text", ["", "{", '{"meta": {}}', "[1, 2]"])
def test_an_unusable_file_fails_as_before(tmp_path: Path, capsys: Any, monkeypatch: Any, text: str) -> None:
    good = write(tmp_path / "good.json", 12)
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    arguments = ["tally", str(good), str(bad)]
    now = run_cli(arguments, capsys)
    monkeypatch.setattr(tally_stream, "streamed_tally", whole_only)
    assert run_cli(arguments, capsys) == now
    assert now[0] == 1 and now[1] == "" and now[2].startswith(f"vcf-tui: {bad}")


def figures_of(answers: list[dict[str, Any]], codings: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A session's figures per cycle, counted record by record: the reference ``SessionTally`` must agree with."""
    found: dict[str, dict[str, Any]] = {}

    def row(name: str) -> dict[str, Any]:
        kinds = {kind: [0, 0, 0.0] for kind in ("own", "effect", "contribution")}
        return found.setdefault(canonical_cycle(name), {"answers": 0, **kinds, "stories": set(), "capitals": {}})

    for record in filter(counts, answers):
        pct = scale_pct(record)
        evidence = record.get("evidence")
        for name in record.get("cycles") or ():
            figures = row(name)
            figures["answers"] += 1
            own = [] if evidence == "contribution" else ["own"]  # the cycle's own mean leaves contribution out
            for kind in own + ([evidence] if evidence in ("effect", "contribution") else []):
                figures[kind][0] += 1
                if pct is not None:
                    figures[kind][1] += 1
                    figures[kind][2] += pct
            if record.get("story"):
                figures["stories"].add(("s1", record["story"]["section"], record["story"]["instance"]))
            if canonical_cycle(name) == "potential" and record.get("capital"):
                figures["capitals"][record["capital"]] = figures["capitals"].get(record["capital"], 0) + 1
    for record in codings:
        if record.get("cycle") and not record.get("removed"):
            row(record["cycle"]).setdefault("codings", 0)
            row(record["cycle"])["codings"] += 1
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_session_counts_each_answer_and_coding_once(seed: int) -> None:
    rng = random.Random(seed)
    answers = [answer(rng, n, "s1") for n in range(300)]
    codings = [coding(rng, n, 1) for n in range(80)]
    figures = session_figures(answers, codings)
    assert {
        cycle: {
            "answers": f.answers,
            **{kind: [m.answers, m.scale_n, m.scale_pct_sum] for kind, m in (("own", f.own), ("effect", f.effect))},
            "contribution": [f.contribution.answers, f.contribution.scale_n, f.contribution.scale_pct_sum],
            "stories": f.stories,
            "capitals": dict(f.capitals),
            **({"codings": f.codings} if f.codings else {}),
        }
        for cycle, f in figures.items()
    } == figures_of(answers, codings)
    assert all(f.sessions == (1 if f.answers else 0) for f in figures.values())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_story_starts_and_loops_follow_each_story_in_told_order(seed: int) -> None:
    """The folded starts and loops are those of ``steps_by_story`` and ``stories.loops`` over the records."""
    rng = random.Random(seed)
    answers = [answer(rng, n, "s1") for n in range(300)]
    started: Counter[str] = Counter()
    looped: Counter[str] = Counter()
    for steps in steps_by_story([a for a in answers if counts(a)]).values():
        cycles = [step_cycle(step) for step in steps]
        tagged = [c for c in cycles if c]
        if tagged:
            started[canonical_cycle(tagged[0])] += 1
        for cycle, loops_back in zip(cycles, loops(steps), strict=True):
            if loops_back and cycle:
                looped[canonical_cycle(cycle)] += 1
    figures = session_figures(answers, [])
    assert {c: f.started for c, f in figures.items() if f.started} == dict(started)
    assert {c: f.loops for c, f in figures.items() if f.loops} == dict(looped)
    assert sum(looped.values()) > 3
