"""Property: whatever JSON a data file's fields hold, the reading commands answer without a traceback.

Hypothesis puts arbitrary JSON values (objects, lists, huge numbers, text with markup and control
characters) into arbitrary fields of a good file's records, then runs the reading commands in-process.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.datafiles import make_base
from tests.hostile.running import folder_state, problems, run_in_process

FIELDS = (
    "value",
    "cycles",
    "revision",
    "story",
    "scale",
    "type",
    "status",
    "session_id",
    "answer_id",
    "question_id",
    "respondent",
    "interviewer",
    "wave",
    "instrument_id",
    "framework",
    "updated_at",
    "answered_at",
    "started_at",
    "coder",
    "cycle",
    "removed",
    "hidden",
    "personal",
    "capital",
    "evidence",
    "indicator",
    "of_story",
    "period",
    "note",
    "schema",
    "file_id",
    "mode",
    "consent",
)
TABLES = ("meta", "sessions", "answers", "codings", "observations")
LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", "[/]", "[bold]", "\x1b[2J\r\x07"])
    | st.text(max_size=6)
)
JSON = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.text(max_size=6) | st.sampled_from(["min", "max", "section", "instance"]), inner, max_size=3
        )
    ),
    max_leaves=6,
)
EDITS = st.lists(
    st.tuples(st.sampled_from(TABLES), st.integers(min_value=0, max_value=7), st.sampled_from(FIELDS), JSON),
    min_size=1,
    max_size=4,
)
COMMANDS = (
    ["tally"],
    ["tally", "--json"],
    ["tally", "--by", "wave"],
    ["compare", "--waves", "baseline", "12-months"],
    ["agreement", "--coders", "A", "B"],
    ["export", "--format", "markdown", "-o", "-"],
    ["export", "--format", "wide-csv", "-o", "out.csv"],
    ["export", "--format", "json", "-o", "out.json"],
)


@pytest.fixture(scope="session")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return make_base(tmp_path_factory.mktemp("base"))


def _edited(base: dict, edits: list[tuple[str, int, str, Any]]) -> bytes:
    tables = orjson.loads(orjson.dumps(base))
    for table, index, name, value in edits:
        records = list(tables[table].values())
        records[index % len(records)][name] = value
    return orjson.dumps(tables)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS, command=st.sampled_from(COMMANDS))
def test_any_field_values_give_an_answer_not_a_traceback(base: dict, edits: list, command: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "in" / "data.json"
        data.parent.mkdir()
        data.write_bytes(_edited(base, edits))
        before = folder_state(data.parent)
        argv = [*command[:1], str(data), *command[1:]]
        outcome = run_in_process(argv, Path(folder))
        found = list(problems(outcome, human="--json" not in command and "-" not in command))
        if outcome.code not in (0, 1):
            found.append(f"exit {outcome.code}")
        if folder_state(data.parent) != before:
            found.append("changed its input")
        assert not found, f"{argv[0]} with {edits!r}:\n" + "\n".join(found) + f"\nstderr: {outcome.err[-400:]!r}"


PUTS = st.lists(
    st.tuples(
        st.sampled_from([*TABLES, "story_reviews", "future"]) | JSON,
        st.fixed_dictionaries(
            {},
            optional={
                "answer_id": JSON,
                "session_id": JSON,
                "value": JSON,
                "file_id": JSON,
                "coding_id": JSON,
                "cycles": JSON,
            },
        )
        | JSON,
    ),
    max_size=3,
)
LINES = st.lists(
    st.binary(max_size=20)
    | PUTS.map(lambda puts: orjson.dumps({"put": [list(p) for p in puts]}))
    | JSON.map(orjson.dumps),
    min_size=1,
    max_size=4,
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=LINES,
    command=st.sampled_from(
        [["tally"], ["merge", "--dry-run", "-o", "merged.json"], ["export", "--format", "csv", "-o", "out.csv"]]
    ),
)
def test_any_journal_lines_give_an_answer_not_a_traceback(base: dict, lines: list[bytes], command: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "in" / "data.json"
        data.parent.mkdir()
        data.write_bytes(orjson.dumps(base))
        header = b'{"vcf_journal": 1, "pid": 1, "host": "h", "since": "2026-01-01T00:00:00.000Z"}\n'
        (data.parent / "data.json.journal").write_bytes(header + b"\n".join(lines) + b"\n")
        before = folder_state(data.parent)
        argv = [*command[:1], str(data), *command[1:]]
        outcome = run_in_process(argv, Path(folder))
        found = list(problems(outcome))
        if outcome.code not in (0, 1):
            found.append(f"exit {outcome.code}")
        if folder_state(data.parent) != before:
            found.append("changed its input")
        assert not found, f"{argv[0]} with {lines!r}:\n" + "\n".join(found) + f"\nstderr: {outcome.err[-400:]!r}"


ANSWER_KEYS = ("respondent", "interviewer", "wave", "mode", "consent", "answers", "stories", "notes", "unknown")
QUESTION_KEYS = ("meetings", "confidence", "idea", "story", "nope")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    top=st.dictionaries(
        st.sampled_from(ANSWER_KEYS), JSON | st.dictionaries(st.sampled_from(QUESTION_KEYS), JSON), max_size=6
    )
)
def test_any_answers_file_is_replayed_or_refused_in_one_go(top: dict) -> None:
    from tests.hostile.instrument_text import INSTRUMENT

    with tempfile.TemporaryDirectory() as folder:
        instrument, answers = Path(folder) / "fuzz.yaml", Path(folder) / "answers.json"
        instrument.write_text(INSTRUMENT, encoding="utf-8")
        answers.write_bytes(orjson.dumps(top))
        data = Path(folder) / "data" / "data.json"
        data.parent.mkdir()
        outcome = run_in_process(["ask", str(instrument), "--data", str(data), "--answers", str(answers)], Path(folder))
        found = list(problems(outcome))
        if outcome.code not in (0, 1):
            found.append(f"exit {outcome.code}")
        if outcome.code == 1 and data.exists():
            found.append("a refused answers file left a data file behind")
        assert not found, f"{top!r}:\n" + "\n".join(found) + f"\nstderr: {outcome.err[-400:]!r}"


INSTRUMENT_KEYS = (
    "format",
    "id",
    "version",
    "title",
    "framework",
    "sections",
    "questions",
    "type",
    "choices",
    "scale",
    "when",
    "cycle",
    "cycles",
    "steps",
    "repeat",
    "kind",
    "text",
    "min",
    "max",
    "consent",
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.lists(st.sampled_from(INSTRUMENT_KEYS) | st.integers(min_value=0, max_value=3), min_size=1, max_size=4),
    value=JSON,
)
def test_any_instrument_is_checked_without_a_traceback(path: list, value: Any) -> None:
    import yaml

    from tests.hostile.instrument_text import INSTRUMENT

    document = yaml.safe_load(INSTRUMENT)
    node: Any = document
    for step in path[:-1]:  # walk as far as the document goes, then put the value there
        inner = (
            node[step]
            if isinstance(node, dict) and step in node
            else (node[step] if isinstance(node, list) and isinstance(step, int) and step < len(node) else None)
        )
        if not isinstance(inner, dict | list):
            break
        node = inner
    if isinstance(node, dict):
        node[str(path[-1])] = value
    elif node:
        node[path[-1] % len(node) if isinstance(path[-1], int) else 0] = value
    with tempfile.TemporaryDirectory() as folder:
        instrument = Path(folder) / "i.yaml"
        instrument.write_text(yaml.safe_dump(document, allow_unicode=False), encoding="utf-8")
        for argv in (
            ["validate", str(instrument)],
            ["ask", str(instrument), "--data", str(Path(folder) / "d.json"), "--template"],
        ):
            outcome = run_in_process(argv, Path(folder))
            found = list(problems(outcome))
            if outcome.code not in (0, 1):
                found.append(f"exit {outcome.code}")
            assert not found, f"{argv[0]} {path!r} = {value!r}:\n" + "\n".join(found) + f"\n{outcome.err[-400:]!r}"
