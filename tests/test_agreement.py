"""Agreement statistics against published worked examples, and on a hand-built case."""

import pytest

from vcf_tui.analysis import coding
from vcf_tui.analysis.agreement import agreement, cohen_kappa, krippendorff_alpha
from vcf_tui.analysis.merge import merge_files
from vcf_tui.analysis.tally import tally
from vcf_tui.cli import main
from vcf_tui.store import DataFile, read_tables


def test_cohen_kappa_wikipedia_example():
    # 50 proposals: both yes 20, A yes B no 5, A no B yes 10, both no 15 -> po .7, pe .5, kappa .4
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)


def test_cohen_kappa_edge_cases():
    assert cohen_kappa(["a", "b"], ["a", "b"]) == pytest.approx(1.0)
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None  # chance agreement is total: undefined
    assert cohen_kappa([], []) is None


def test_krippendorff_alpha_nominal_worked_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders, 12 units, missing data
    a = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
    b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
    c = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
    d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
    units = list(zip(a, b, c, d, strict=True))
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=0.0005)


def test_krippendorff_alpha_edge_cases():
    assert krippendorff_alpha([[1, 1], [2, 2]]) == pytest.approx(1.0)
    assert krippendorff_alpha([[1, None], [None, 2]]) is None  # no unit has two values
    assert krippendorff_alpha([[1, 1], [1, 1]]) is None  # no variation at all


def two_coders(path, mini):
    """A file with three story passages, coded by Ann and Ben."""
    from vcf_tui.recorder import Recorder

    with DataFile.open(path) as store:
        recorder = Recorder.start(store, mini, "interview", respondent="P1")
        for value in (True, "None", [], None, "met", "took", "used", True, "met again", "", "used again"):
            recorder.submit(value)
        found = coding.passages(store.tables)
        assert [p.answer["question_id"] for p in found] == [
            "story[1].immediate",
            "story[1].potential",
            "story[1].used",
            "story[2].immediate",
            "story[2].used",
        ]
        plan = {
            "Ann": [["immediate"], ["potential"], ["applied"], ["immediate"], []],
            "Ben": [["immediate"], ["potential", "applied"], ["applied"], ["potential"], []],
        }
        for coder, cycles_per_passage in plan.items():
            for passage, cycles in zip(found, cycles_per_passage, strict=True):
                for cycle in cycles:
                    store.put("codings", coding.toggle(store.tables, passage, coder, cycle))
    return found


def test_agreement_report_by_hand(tmp_path, mini):
    path = tmp_path / "data.json"
    two_coders(path, mini)
    report = agreement(read_tables(path), ["Ann", "Ben"])
    assert report["passages"] == 4  # the fifth was coded by neither
    rows = {r["cycle"]: r for r in report["cycles"]}
    # immediate: Ann T,F,F,T  Ben T,F,F,F -> 3/4 agree; kappa = (0.75 - 0.5) / 0.5 = 0.5
    assert rows["immediate"]["percent_agreement"] == 75.0
    assert rows["immediate"]["cohen_kappa"] == pytest.approx(0.5)
    # applied: Ann F,F,T,F  Ben F,T,T,F
    assert rows["applied"]["percent_agreement"] == 75.0
    assert rows["realised"]["percent_agreement"] == 100.0 and rows["realised"]["cohen_kappa"] is None
    assert {d["question_id"] for d in report["differences"]} == {"story[1].potential", "story[2].immediate"}
    design = {r["question"]: r for r in report["design"]}
    assert design["story.potential"]["percent_matching"] == pytest.approx(66.7)
    assert design["story.used"]["coded"] == {"applied": 2}


def test_removing_a_coding_and_tallies(tmp_path, mini):
    path = tmp_path / "data.json"
    found = two_coders(path, mini)
    assert {r["cycle"]: r["codings"] for r in tally(read_tables(path))["cycles"]}["potential"] == 3
    with DataFile.open(path) as store:
        store.put("codings", coding.toggle(store.tables, found[1], "Ben", "potential"))  # off again
        assert coding.cycles_of(store.tables, found[1].answer_id, "Ben") == {"applied"}
    assert {r["cycle"]: r["codings"] for r in tally(read_tables(path))["cycles"]}["potential"] == 2


def test_two_coders_copies_merge_without_losing_either(tmp_path, mini):
    base = tmp_path / "base.json"
    two_coders(base, mini)
    ann, ben = tmp_path / "ann.json", tmp_path / "ben.json"
    for copy, coder, cycle in ((ann, "Ann", "realised"), (ben, "Ben", "reframing")):
        copy.write_bytes(base.read_bytes())
        with DataFile.open(copy) as store:
            passage = coding.passages(store.tables)[4]
            store.put("codings", coding.toggle(store.tables, passage, coder, cycle))
    merged = tmp_path / "merged.json"
    merge_files([str(ann), str(ben)], str(merged))
    codings = [c for c in read_tables(merged)["codings"].values() if c["answer_id"] == passage.answer_id]
    assert {(c["coder"], c["cycle"]) for c in codings} == {("Ann", "realised"), ("Ben", "reframing")}


def test_cli_agreement(tmp_path, mini, capsys):
    path = tmp_path / "data.json"
    two_coders(path, mini)
    assert main(["agreement", str(path), "--coders", "Ann", "Ben"]) == 0
    out = capsys.readouterr().out
    assert "4 passages coded by all of Ann, Ben" in out and "Passages where they differ" in out
    assert main(["agreement", str(path), "--coders", "Ann", "Zoe"]) == 1
    assert "no passage was coded by all of Ann, Zoe" in capsys.readouterr().err


def test_told_steps_are_compared_with_their_tagged_cycle_grouped_by_tag(tmp_path):
    from tests.conftest import FIXTURES
    from vcf_tui.instrument import load_instrument
    from vcf_tui.recorder import Recorder

    told = load_instrument(FIXTURES / "told.yaml")
    path = tmp_path / "data.json"
    steps = [("Used a drill", "applied"), ("Players improved", "realised"), ("Shared it", "immediate"),
             ("Others used it", "applied")]
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, told, "interview", respondent="P1")
        recorder.submit("Ana")
        for text, cycle in steps:
            for value in (text, cycle, ""):
                recorder.submit(value)
        for value in ("", ["Me"], 5, False):
            recorder.submit(value)
        found = [p for p in coding.passages(store.tables) if p.answer.get("story")]
        assert [p.designed for p in found] == [("applied",), ("realised",), ("immediate",), ("applied",)]
        for coder in ("Ann", "Ben"):
            for passage in found:
                store.put("codings", coding.toggle(store.tables, passage, coder, "applied"))
    design = {r["question"]: r for r in agreement(read_tables(path), ["Ann", "Ben"])["design"]}
    assert not any(".step-" in question for question in design)
    assert design["story (told, tagged applied)"]["designed"] == ["applied"]
    assert design["story (told, tagged applied)"]["percent_matching"] == 100.0
    assert design["story (told, tagged applied)"]["codings"] == 4
    assert design["story (told, tagged realised)"]["percent_matching"] == 0.0


def test_a_told_step_tagged_in_another_spelling_is_designed_as_the_canonical_cycle():
    answer = {"answer_id": "a", "cycles": ["realized"], "story": {"section": "s", "instance": 1,
                                                                    "step": "step-2", "position": 2}}
    assert coding.Passage(answer, {}).designed == ("realised",)
