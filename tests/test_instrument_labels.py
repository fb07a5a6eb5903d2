"""Cycle labels in each framework's own spelling; the id stays ``realised``."""

from vcf_tui.analysis.tally import tally
from vcf_tui.cycles import canonical_cycle, cycle_label
from vcf_tui.tui.widgets.badges import badges


def test_the_2011_framework_spells_realized_and_the_2020_one_realised():
    assert cycle_label("realised", "vcf-2011") == "Realized value"
    assert cycle_label("realised", "vcf-2020") == "Realised value"
    assert cycle_label("realised") == "Realised value"
    assert cycle_label("applied", "vcf-2011") == "Applied value"
    assert cycle_label("made-up", "vcf-2011") == "made-up"
    assert canonical_cycle("Realized") == "realised"


def test_badges_and_tally_use_the_framework_spelling():
    assert "Realized value" in badges(["realised"], "vcf-2011").plain
    assert "Realised value" in badges(["realised"], "vcf-2020").plain
    session = {"session_id": "s1", "instrument_id": "x", "framework": "vcf-2011", "status": "complete"}
    answer = {
        "answer_id": "a1",
        "session_id": "s1",
        "question_id": "q",
        "type": "text",
        "value": "v",
        "cycles": ["realised"],
    }
    rows = tally({"sessions": {"s1": session}, "answers": {"a1": answer}, "codings": {}})["cycles"]
    assert next(r for r in rows if r["cycle"] == "realised")["label"] == "Realized value"
