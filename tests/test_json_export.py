"""export --format json: orjson one session at a time, byte for byte what json.dumps(indent=2) wrote."""

import json
from types import SimpleNamespace

import pytest

from vcf_tui.export.json_export import to_json


def reference(flat) -> str:
    """The encoding the format was defined by (the standard library's, indented)."""
    sessions = [
        {**s, "answers": [dict(a, codings=flat.codings.get(a["answer_id"], [])) for a in flat.answers[s["session_id"]]]}
        for s in flat.sessions
    ]
    return json.dumps({"format": "vcf-export/1", "sessions": sessions}, indent=2, ensure_ascii=False) + "\n"


def flat_of(values: list) -> SimpleNamespace:
    sessions = [{"session_id": f"s{n}", "respondent": "Zoë \u2028 \x1f \x7f \"q\" \\", "extra": {}} for n in range(2)]
    answers = {
        s["session_id"]: [
            {"answer_id": f"{s['session_id']}-{k}", "value": value, "cycles": [], "nested": {"list": [value, None]}}
            for k, value in enumerate(values)
        ]
        for s in sessions
    }
    codings = {"s0-0": [{"coding_id": "c1", "cycle": "applied", "note": "ok"}]}
    return SimpleNamespace(sessions=sessions, answers=answers, codings=codings)


@pytest.mark.parametrize(
    "values",
    [
        ["Yes", 3, True, None, 2.5, -0.0, 100.0],
        [1e-05, 9.594388378770716e-05, 1e16, 1.7976931348623157e308, 5e-324, 1234567890123456.0],  # exponents
        [2**64, -(2**63) - 1],  # beyond orjson's integers
        ["text with 1e5 and 0.00001 in it", "emoji \U0001f600", ""],
        [],
    ],
)
def test_byte_identical_to_the_standard_encoder(values):
    flat = flat_of(values)
    assert to_json(flat) == reference(flat)


def test_no_sessions():
    flat = SimpleNamespace(sessions=[], answers={}, codings={})
    assert to_json(flat) == reference(flat)


def test_ids_and_times_that_look_like_numbers_take_the_fast_way(monkeypatch):
    import vcf_tui.export.json_export as module

    flat = flat_of(["2.5", 3, "1e4f5a00-0000-4000-8000-000000000001", "2026-03-01T10:00:00.000Z"])
    expected = reference(flat)
    slow = []
    monkeypatch.setattr(module, "json", SimpleNamespace(dumps=lambda *a, **k: slow.append(a) or json.dumps(*a, **k)))
    assert to_json(flat) == expected
    assert slow == []  # no session needed the standard encoder
