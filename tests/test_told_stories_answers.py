"""Told and fixed stories in an answers file (`ask --answers`, SPEC 8)."""

from pathlib import Path

from vcf_tui.cli import main
from vcf_tui.store import read_tables
from vcf_tui.stories import loops, story_steps

FIXTURES = Path(__file__).parent / "fixtures"
TOLD = str(FIXTURES / "told.yaml")

GOOD = """\
respondent: P07
answers: {name: Ana}
stories:
  story:
    - steps:
        - {cycle: applied, text: Used the drill, evidence: The session plan}
        - {cycle: realised, text: "Players scored more, and enjoyed it"}
        - {cycle: immediate, text: Shared it at the next meeting, evidence: Minutes}
        - {cycle: applied, text: Two others used it}
      answers: {who-benefited: [My athletes, Other coaches], contribution: 4}
    - steps: [{cycle: Realized, text: Another one}]
      answers: {contribution: 2}
  fixed:
    - immediate: A meeting
      evidence: {immediate: The minutes}
      answers: {kind: It happened}
"""


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(text)
    return str(path)


def test_a_told_story_with_a_loop_is_stored_in_told_order(tmp_path):
    data = tmp_path / "data.json"
    assert main(["ask", TOLD, "--data", str(data), "--answers", write(tmp_path, GOOD)]) == 0
    tables = read_tables(data)
    (session,) = tables["sessions"].values()
    assert session["status"] == "complete"
    answers = {a["question_id"]: a for a in tables["answers"].values()}
    stories = story_steps(answers.values())
    first = stories[(session["session_id"], "story", 1)]
    assert [(s["question_id"], s["story"]["position"], s["cycles"], s["evidence_text"]) for s in first] == [
        ("story[1].step-1", 1, ["applied"], "The session plan"),
        ("story[1].step-2", 2, ["realised"], None),
        ("story[1].step-3", 3, ["immediate"], "Minutes"),
        ("story[1].step-4", 4, ["applied"], None),
    ]
    assert loops(first) == [False, False, True, False]
    assert answers["story[1].who-benefited"]["value"] == ["My athletes", "Other coaches"]
    assert answers["story[2].step-1"]["cycles"] == ["realised"]
    assert answers["story[2].contribution"]["value"] == 2
    assert answers["fixed[1].immediate"]["evidence_text"] == "The minutes"
    assert answers["fixed[1].kind"]["value"] == "It happened"
    assert answers["name"]["personal"] is True


def test_every_problem_in_stories_is_named_and_nothing_is_written(tmp_path, capsys):
    data = tmp_path / "data.json"
    bad = """\
respondent: P1
stories:
  story:
    - steps:
        - {cycle: strategic, text: Went to the minister}
        - {cycle: applied, text: Used it, proof: none}
        - {cycle: applied, text: ""}
      answers: {contribution: 9, mood: good}
    - {steps: []}
  fixed:
    - {used: Did it, evidence: {used: A log, immediate: A photo, nowhere: x}, answers: {kind: Maybe}, extra: 1}
"""
    assert main(["ask", TOLD, "--data", str(data), "--answers", write(tmp_path, bad)]) == 1
    err = capsys.readouterr().err
    for expected in (
        "'story[1].step-1' cycle: Pick one of the cycles: immediate, potential, applied, realised, reframing.",
        "stories 'story' story 1 step 2: unknown key 'proof' (use cycle, text, evidence)",
        "stories 'story' story 1 step 3: no text (an empty step ends a told story)",
        "'story[1].contribution': Give a number from 1 to 5.",
        "stories 'story' story 1: unknown story question 'mood' (questions: who-benefited, contribution)",
        "stories 'story' story 2: give 'steps', a list of at least one {cycle, text, evidence}",
        "stories 'fixed' story 1: unknown step 'extra' (steps: immediate, used)",
        "stories 'fixed' story 1: evidence for unknown step 'nowhere'",
        "stories 'fixed' story 1: evidence for 'immediate', but the step has no text",
        "'fixed[1].kind': 'Maybe' is not one of the choices: It happened, I hope it will.",
    ):
        assert expected in err, expected
    assert not data.exists() or not read_tables(data)["answers"]


def test_a_missing_required_story_question_is_named(tmp_path, capsys):
    data = tmp_path / "data.json"
    text = "respondent: P1\nstories:\n  story:\n    - steps: [{cycle: applied, text: Used it}]\n"
    assert main(["ask", TOLD, "--data", str(data), "--answers", write(tmp_path, text)]) == 1
    assert "missing required answer 'story[1].contribution'" in capsys.readouterr().err


def test_evidence_in_a_story_section_that_asks_for_none_is_an_error(tmp_path, capsys):
    data = tmp_path / "data.json"
    text = (
        "respondent: P1\nconsent: true\nanswers: {meetings: None}\n"
        "stories:\n  story:\n    - {immediate: A moment, evidence: {immediate: A photo}}\n"
    )
    assert main(["ask", str(FIXTURES / "mini.yaml"), "--data", str(data), "--answers", write(tmp_path, text)]) == 1
    assert "evidence for 'immediate', but the section asks for none" in capsys.readouterr().err
