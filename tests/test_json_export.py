"""export --format json: orjson one session at a time, byte for byte what json.dumps(indent=2) wrote."""

import json
from types import SimpleNamespace

import pytest

from vcf_tui.export.json_export import to_json
from vcf_tui.export.privacy import Redactor

TABLES = {
    "observations": {
        "2": {"observation_id": "o2", "indicator": "turnout", "period": "2026", "value": 1e-05, "note": "Zoë \u2028"},
        "1": {"observation_id": "o1", "indicator": "attendance", "period": "2026", "value": 12, "source": None},
    },
    "story_reviews": {"r1": {"review_id": "r1", "session_id": "s0", "section": "journey", "instance": 1}},
}


def reference(flat, tables=TABLES) -> str:
    """The encoding the format was defined by (the standard library's, indented)."""
    sessions = [
        {**s, "answers": [dict(a, codings=flat.codings.get(a["answer_id"], [])) for a in flat.answers[s["session_id"]]]}
        for s in flat.sessions
    ]
    observations = sorted(tables.get("observations", {}).values(), key=lambda o: o["indicator"])
    reviews = list(tables.get("story_reviews", {}).values())
    document = {"format": "vcf-export/1", "sessions": sessions, "observations": observations, "story_reviews": reviews}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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
    return SimpleNamespace(sessions=sessions, answers=answers, codings=codings, redactor=Redactor([]))


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
    assert to_json(flat, TABLES) == reference(flat)


def test_no_sessions():
    flat = SimpleNamespace(sessions=[], answers={}, codings={}, redactor=Redactor([]))
    assert to_json(flat, {}) == reference(flat, {})


def test_ids_and_times_that_look_like_numbers_take_the_fast_way(monkeypatch):
    import vcf_tui.export.json_export as module

    tables = {"story_reviews": TABLES["story_reviews"]}
    flat = flat_of(["2.5", 3, "1e4f5a00-0000-4000-8000-000000000001", "2026-03-01T10:00:00.000Z"])
    expected = reference(flat, tables)
    slow = []
    monkeypatch.setattr(module, "json", SimpleNamespace(dumps=lambda *a, **k: slow.append(a) or json.dumps(*a, **k)))
    assert to_json(flat, tables) == expected
    assert slow == []  # no session needed the standard encoder


def test_observations_and_story_reviews_have_names_redacted():
    flat = flat_of(["Yes"])
    flat.redactor = Redactor(["Zoë"])
    tables = {
        "observations": {"1": {"observation_id": "o1", "note": "told by Zoë", "source": "Zoë's register"}},
        "story_reviews": {"1": {"review_id": "r1", "session_id": "s0", "note": "checked with zoë", "reviewer": "Zoë"}},
    }
    document = json.loads(to_json(flat, tables))
    (observation,) = document["observations"]
    (story_review,) = document["story_reviews"]
    assert observation["note"] == "told by [person-1]" and observation["source"] == "[person-1]'s register"
    assert story_review["note"] == "checked with [person-1]" and story_review["reviewer"] == "[person-1]"
    assert story_review["session_id"] == "s0" and story_review["review_id"] == "r1"
