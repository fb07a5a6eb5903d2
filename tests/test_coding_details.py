"""Coding details (capital, indicator, theme, span, confidence, memo), agreement on capitals, story reviews."""

import pytest

from vcf_tui.analysis import coding
from vcf_tui.analysis.agreement import agreement, format_agreement
from vcf_tui.analysis.story_reviews import ReviewError, review, review_of
from vcf_tui.store import DataFile, read_tables
from vcf_tui.store.datafile import empty_tables

SESSION = {"session_id": "s1", "framework": "vcf-2011", "status": "complete"}


def passage(n, text="I now run the warm-up the way Jo showed us."):
    return coding.Passage(
        {
            "answer_id": f"a{n}",
            "session_id": "s1",
            "question_id": f"q{n}",
            "cycles": ["potential"],
            "type": "longtext",
            "value": text,
        },
        SESSION,
    )


def tables_with(*passages):
    tables = empty_tables()
    tables["sessions"]["s1"] = SESSION
    for p in passages:
        tables["answers"][p.answer_id] = p.answer
    return tables


def test_details_set_and_change_with_revisions():
    tables = tables_with(p := passage(1))
    first = coding.annotate(
        tables,
        p,
        "Ann",
        "potential",
        capital="human",
        span=(10, 21),
        confidence=2,
        theme="warm-ups",
        indicator="ideas-used",
        memo="Jo is a coach",
    )
    assert (first["revision"], first["removed"], first["span"], first["capital"]) == (1, False, [10, 21], "human")
    tables["codings"][first["coding_id"]] = first
    second = coding.annotate(tables, p, "Ann", "potential", confidence=3)
    assert second["revision"] == 2 and second["confidence"] == 3 and second["capital"] == "human"
    assert second["coding_id"] == first["coding_id"] == coding.coding_id("a1", "Ann", "potential")
    # toggling it off keeps the details, with a higher revision, so a merge sees the removal
    tables["codings"][second["coding_id"]] = second
    off = coding.toggle(tables, p, "Ann", "potential")
    assert off["removed"] is True and off["revision"] == 3 and off["theme"] == "warm-ups"


@pytest.mark.parametrize(
    ("cycle", "details", "message"),
    [
        ("applied", {"capital": "human"}, "belongs to a coding to potential value"),
        ("potential", {"capital": "financial"}, "not 'financial'"),
        ("potential", {"confidence": 4}, "confidence must be 1, 2 or 3"),
        ("potential", {"span": [5, 500]}, "span must be [start, end] with 0 <= start < end <= 43"),
        ("potential", {"span": [7, 7]}, "span must be"),
        ("potential", {"mood": "x"}, "unknown coding detail mood"),
    ],
)
def test_bad_details_refused(cycle, details, message):
    tables = tables_with(p := passage(1))
    with pytest.raises(coding.CodingError, match=message.replace("[", r"\[")):
        coding.annotate(tables, p, "Ann", cycle, **details)


def test_agreement_on_capital_types():
    passages = [passage(n) for n in range(1, 6)]
    tables = tables_with(*passages)
    plan = {
        "Ann": ["human", "social", "human", "tangible", "social"],
        "Ben": ["human", "social", "social", "tangible", None],
    }
    for coder, capitals in plan.items():
        for p, capital in zip(passages, capitals, strict=True):
            if capital:
                record = coding.annotate(tables, p, coder, "potential", capital=capital)
                tables["codings"][record["coding_id"]] = record
    report = agreement(tables, ["Ann", "Ben"])
    capitals = report["capitals"]
    # a5 was coded to potential by Ann only. Ann: h s h t, Ben: h s s t -> 3/4 agree;
    # chance (2*1 + 1*2 + 1*1) / 16; kappa (0.75 - 0.3125) / 0.6875; alpha 1 - 7 * 2 / 42
    assert capitals["passages"] == 4 and capitals["percent_agreement"] == 75.0
    assert capitals["cohen_kappa"] == pytest.approx(0.636) and capitals["krippendorff_alpha"] == pytest.approx(0.667)
    assert capitals["differences"] == [{"answer_id": "a3", "coded": {"Ann": "human", "Ben": "social"}}]
    assert "Capital types, over 4 passages all coded to potential value: agree 75.0 %" in format_agreement(report)


def test_story_reviews_recorded_and_changed(tmp_path):
    key = ("s1", "story", 1)
    path = tmp_path / "r.json"
    with DataFile.open(path) as store:
        store.put(
            "story_reviews",
            review(store.tables, key, "Eva", status="checked-with-narrator", plausibility=4, note="named the drill"),
        )
    tables = read_tables(path)
    first = review_of(tables, key)
    assert (first["status"], first["plausibility"], first["reviewer"], first["revision"]) == (
        "checked-with-narrator",
        4,
        "Eva",
        1,
    )
    assert review_of(tables, ("s1", "story", 2)) is None
    copy = tmp_path / "copy.json"
    copy.write_bytes(path.read_bytes())
    with DataFile.open(copy) as store:
        store.put("story_reviews", review(store.tables, key, "Raj", status="corroborated"))
    changed = review_of(read_tables(copy), key)
    assert (changed["status"], changed["plausibility"], changed["note"], changed["reviewer"], changed["revision"]) == (
        "corroborated",
        4,
        "named the drill",
        "Raj",
        2,
    )
    with pytest.raises(ReviewError, match="status must be one of unchecked, checked-with-narrator"):
        review(tables, key, "Eva", status="true")
    with pytest.raises(ReviewError, match="plausibility must be a whole number from 1 to 5"):
        review(tables, key, "Eva", plausibility=6)
