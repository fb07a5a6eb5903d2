"""export --format json read in batches gives byte for byte what reading the files whole gives, for any input."""

from __future__ import annotations

import functools
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.golden import GOLDEN
from vcf_tui.cli import main
from vcf_tui.export import sources, streamed
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, streaming
from vcf_tui.store.batches import table_batches
from vcf_tui.store.journal import journal_path
from vcf_tui.store.streaming import WholeLoadNeeded

FIXTURES = Path(__file__).parent / "fixtures"
CYCLES = ["immediate", "potential", "applied", "realised", "Realized", "reframing", "orienting", "unknown"]
VALUES: list[Any] = [
    "Yes",
    'Zoë \u2028 \x1f \x7f "q" \\ 1e-05 0.00001',
    "Ann Lee met ann  lee",
    3,
    2.5,
    -0.0,
    1e-05,
    9.594388378770716e-05,
    1e16,
    1234567890123456.0,
    True,
    None,
    ["plans", "Other: a, b"],
    [],
    "",
]
SCALARS = [v for v in VALUES if not isinstance(v, list)]
KEY = "k" * 40


@pytest.fixture(autouse=True, params=[64, None], ids=["small-batches", "default-batches"])
def batch_size(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with batches of a few records, and with the default."""
    if request.param:
        monkeypatch.setattr(streaming, "table_batches", functools.partial(table_batches, batch_bytes=request.param))


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("VCF_TUI_PSEUDONYM_KEY", raising=False)


def answer(rng: random.Random, n: int, session_id: str) -> dict[str, Any]:
    """An answer of any kind: a question, a story step (fixed or told), a story question, damaged-looking extras."""
    record: dict[str, Any] = {
        "answer_id": f"a-{session_id}-{n}",
        "session_id": session_id,
        "question_id": rng.choice(["meetings", "confidence", "idea-used", "tools", "hours", "zz-unknown", "name"]),
        "value": rng.choice(VALUES),
        "cycles": rng.choice([[], [rng.choice(CYCLES)], [rng.choice(CYCLES), "applied"]]),
        "answered_at": rng.choice([None, f"2026-01-0{rng.randint(1, 9)}T10:00:00.000Z"]),
        "revision": rng.randint(1, 3),
    }
    kind = rng.randrange(6)
    if kind in (0, 1):
        instance, step = rng.randint(1, 2), rng.choice(["immediate", "potential", "used", "step-1", "step-2"])
        position = rng.choice([None, rng.randint(1, 4)])
        record.update(
            question_id=f"story[{instance}].{step}",
            story={"section": rng.choice(["story", "journey"]), "instance": instance, "step": step}
            | ({} if position is None else {"position": position}),
        )
    elif kind == 2:
        record.update(question_id="story[1].worth", story=None, of_story={"section": "story", "instance": 1})
    if rng.random() < 0.1:
        record["personal"] = True
    if rng.random() < 0.1:
        record["hidden"] = True
    if rng.random() < 0.05:
        record[rng.choice(["loop", "codings"])] = rng.choice([1, "x", None])  # keys the export adds
    if rng.random() < 0.05:
        del record["question_id"]
    if rng.random() < 0.2:
        record["future_field"] = {"nested": [rng.choice(VALUES), {"deep": rng.choice(VALUES)}]}
    return record


def varied(path: Path, seed: int, sessions: int = 6, recorded: bool = True) -> Path:
    """A data file of everything an export meets: several instruments, all kinds of answers, codings, reviews;
    ``recorded``: with a session recorded with the mini instrument, which the file then holds."""
    rng = random.Random(seed)
    prefix = f"f{seed}"
    with DataFile.open(path) as store:
        if recorded:
            mini = Recorder.start(store, load_mini(), "interview", interviewer="Ann Lee", respondent="Bob", wave="w1")
            for value in (True, "3-5", 4):
                mini.submit(value)
        for s in range(sessions):
            session_id = f"{prefix}-s{s}"
            session: dict[str, Any] = {
                "session_id": session_id,
                "instrument_id": rng.choice(["mini", "told", "no-such-instrument", None]),
                "respondent": rng.choice(["Ann Lee", "Bob", None]),
                "interviewer": rng.choice(["Sam", None]),
                "status": "complete",
                "started_at": rng.choice([None, "2026-01-01T10:00:00.000Z", f"2026-01-0{s % 9 + 1}T09:00:00.000Z"]),
            }
            if s == 1:
                session["answers"] = ["a key the export adds"]
            if s == 2:
                session["score"] = 1e-05
            store.put("sessions", session)
            store.put_many([("answers", answer(rng, n, session_id)) for n in range(rng.randint(0, 25))])
        store.put("answers", answer(rng, 99, f"{prefix}-no-such-session"))
        answered = [key for key in store.tables["answers"] if rng.random() < 0.3]
        for n, answer_id in enumerate(answered):
            store.put(
                "codings",
                {
                    "coding_id": f"{prefix}-c{n}",
                    "answer_id": answer_id,
                    "cycle": rng.choice(CYCLES),
                    "comment": rng.choice(["about Ann Lee", None, "weight 1e-05"]),
                    "removed": rng.random() < 0.2,
                    "weight": rng.choice([1, 2.5, 1e-07]),
                },
            )
        for n in range(3):
            store.put(
                "observations",
                {"observation_id": f"{prefix}-o{n}", "indicator": rng.choice(["x", "y"]), "value": rng.choice(SCALARS)},
            )
            store.put("story_reviews", {"review_id": f"{prefix}-r{n}", "session_id": f"{prefix}-s{n}", "note": "Ann"})
    return path


def load_mini() -> Any:
    from vcf_tui.instrument import load_instrument

    return load_instrument(FIXTURES / "mini.yaml")


def exported(
    paths: list[Path], folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any, *options: str, whole: Any = False
) -> tuple[bytes, str, str]:
    """(output bytes, stdout, stderr) of a json export, read in batches, or read whole (``whole`` True), or as the
    export chooses (``whole`` None)."""
    out = folder / ("whole.json" if whole else "streamed.json")
    with monkeypatch.context() as patch:
        if whole:
            patch.setattr(streamed, "read_streamed", _needs_whole)
        elif whole is not None:
            patch.setattr(sources, "read_sources", _not_whole)
        target = "-" if "-" in options else str(out)
        rest = ["--instruments", str(FIXTURES), *(o for o in options if o != "-")]
        code = main(["export", *map(str, paths), "--format", "json", "-o", target, *rest])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    if "-" in options:
        return captured.out.encode(), "", captured.err
    return out.read_bytes(), captured.out.replace(str(out), "OUT"), captured.err


def _needs_whole(paths: list[str]) -> Any:
    raise WholeLoadNeeded("this test reads the files whole")


def _not_whole(paths: list[str]) -> Any:
    raise AssertionError("read whole where batches would do")


def same_both_ways(paths: list[Path], tmp_path: Path, monkeypatch: Any, capsys: Any, *options: str) -> bytes:
    whole = exported(paths, tmp_path, monkeypatch, capsys, *options, whole=True)
    batched = exported(paths, tmp_path, monkeypatch, capsys, *options)
    assert batched == whole
    return batched[0]


PRIVACY = {
    "plain": (),
    "pseudonymised": ("--pseudonymise", "--key-file", "KEY"),
    "redacted": ("--pseudonymise", "--key-file", "KEY", "--redact-names", "NAMES"),
}


@pytest.mark.parametrize("privacy", PRIVACY)
@pytest.mark.parametrize("seed", range(4))
def test_varied_files_export_as_when_read_whole(tmp_path: Path, monkeypatch: Any, capsys: Any, seed, privacy) -> None:
    (tmp_path / "key").write_text(KEY)
    (tmp_path / "names.txt").write_text("Ann Lee\nBob\n")
    options = [{"KEY": str(tmp_path / "key"), "NAMES": str(tmp_path / "names.txt")}.get(o, o) for o in PRIVACY[privacy]]
    path = varied(tmp_path / "data.json", seed)
    output = same_both_ways([path], tmp_path, monkeypatch, capsys, *options)
    document = json.loads(output)
    assert len(document["sessions"]) == 7
    answers = [a for s in document["sessions"] for a in s["answers"]]
    assert answers and all("codings" in a for a in answers)
    assert any(a.get("codings") for a in answers)
    assert all(a["loop"] in (True, False) for a in answers if isinstance(a.get("story"), dict))
    if privacy != "plain":
        assert not any(a.get("personal") for a in answers)
    if privacy == "redacted":
        assert "Ann Lee" not in output.decode()


def test_several_files_and_stdout(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    paths = [varied(tmp_path / "one.json", 11), varied(tmp_path / "two.json", 12, sessions=3, recorded=False)]
    output = same_both_ways(paths, tmp_path, monkeypatch, capsys)
    sources_named = {s["source_file"] for s in json.loads(output)["sessions"]}
    assert sources_named == {str(p) for p in paths}
    same_both_ways(paths, tmp_path, monkeypatch, capsys, "-")


def test_a_file_being_written_exports_with_its_journal(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    path = varied(tmp_path / "data.json", 5)
    rng = random.Random(5)
    with DataFile.open(path) as store:
        shown = [a for a in store.tables["answers"].values() if not a.get("hidden") and "question_id" in a]
        first = next(a for a in shown if a["session_id"] == "f5-s0")
        store.put("answers", {**first, "value": "changed in the journal", "revision": 9})
        store.put_many([("answers", answer(rng, 500 + n, "f5-s0")) for n in range(20)])
        store.put("codings", {"coding_id": "late", "answer_id": first["answer_id"], "cycle": "applied"})
        assert journal_path(path).exists()
        output = same_both_ways([path], tmp_path, monkeypatch, capsys)
    assert b"changed in the journal" in output


def test_left_out_records_are_reported_once(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    path = varied(tmp_path / "data.json", 7)
    document = json.loads(path.read_text())
    document["answers"]["9999"] = {"answer_id": "bad", "session_id": "f7-s0", "value": {"an": "object"}}
    document["codings"]["9999"] = {"no": "coding_id"}
    path.write_text(json.dumps(document))
    same_both_ways([path], tmp_path, monkeypatch, capsys)
    _, _, err = exported([path], tmp_path, monkeypatch, capsys)
    assert err.count("left out") == 2
    assert "answers record 9999 left out" in err and "codings record 9999 left out" in err


def test_files_recorded_with_one_instrument_stream(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    paths = [varied(tmp_path / "one.json", 13), varied(tmp_path / "two.json", 14, sessions=2)]
    same_both_ways(paths, tmp_path, monkeypatch, capsys)


def test_files_that_must_be_read_whole_still_export(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    path = varied(tmp_path / "data.json", 8)
    copy = tmp_path / "copy.json"
    shutil.copy(path, copy)
    whole = exported([path, copy], tmp_path, monkeypatch, capsys, whole=True)
    assert exported([path, copy], tmp_path, monkeypatch, capsys, whole=None) == whole


def test_the_golden_file_streams_to_its_golden_export(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.chdir(GOLDEN)
    with monkeypatch.context() as patch:
        patch.setattr(sources, "read_sources", _not_whole)
        assert main(["export", "data.json", "--format", "json", "-o", str(tmp_path / "out.json")]) == 0
    assert (tmp_path / "out.json").read_bytes() == (GOLDEN / "expected" / "export.json").read_bytes()


def test_no_sessions(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    path = tmp_path / "empty.json"
    with DataFile.open(path):
        pass
    assert json.loads(same_both_ways([path], tmp_path, monkeypatch, capsys))["sessions"] == []


def test_a_record_orjson_cannot_encode_is_kept_as_it_is() -> None:
    record = {"answer_id": "a", "n": 2**70}
    assert streamed.body_of(record) is record
    assert streamed.record_of(streamed.body_of({"answer_id": "a", "x": [1.5, None]})) == {
        "answer_id": "a",
        "x": [1.5, None],
    }
