"""`vcf-tui ask --answers`: replaying answers files through the engine."""

import json
from pathlib import Path

from vcf_tui.cli import main
from vcf_tui.store import read_tables

FIXTURES = Path(__file__).parent / "fixtures"
MINI = str(FIXTURES / "mini.yaml")


def write(tmp_path: Path, text: str, name: str = "answers.yaml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_good_file_is_saved_as_one_complete_session(tmp_path, capsys):
    data = tmp_path / "data.json"
    answers = write(tmp_path, """\
respondent: P07
interviewer: Sam
wave: 12-months
consent: true
answers: {meetings: 3-5, confidence: 4, idea-used: "Ran a drill", tools: [plans, Peer mentoring], hours: 2.5,
          success: "Yes"}
stories:
  story:
    - {immediate: "A session on questioning", used: "Asked more open questions"}
    - {potential: "A contact"}
""")
    assert main(["ask", MINI, "--data", str(data), "--answers", answers]) == 0
    assert "complete" in capsys.readouterr().out
    tables = read_tables(data)
    (session,) = tables["sessions"].values()
    assert session["respondent"] == "P07" and session["wave"] == "12-months" and session["status"] == "complete"
    assert session["consent"]["given"] is True and session["instrument_version"] == "2.1"
    values = {a["question_id"]: a["value"] for a in tables["answers"].values()}
    assert values["meetings"] == "3-5"
    assert values["confidence"] == 4
    assert values["tools"] == ["plans", "Other: Peer mentoring"]
    assert values["hours"] == 2.5
    assert values["success"] == "Yes"
    assert values["story[1].immediate"] == "A session on questioning"
    assert values["story[1].potential"] is None
    assert values["story[2].potential"] == "A contact"
    story_step = next(a for a in tables["answers"].values() if a["question_id"] == "story[1].used")
    assert story_step["story"] == {"section": "story", "instance": 1, "step": "used", "position": 3}
    assert story_step["cycles"] == ["applied"]


def test_json_answers_file(tmp_path):
    data = tmp_path / "data.json"
    answers = write(tmp_path, json.dumps({"respondent": "P1", "consent": True, "answers": {"meetings": "None"}}),
                    "a.json")
    assert main(["ask", MINI, "--data", str(data), "--answers", answers]) == 0
    assert read_tables(data)["sessions"]


def test_every_problem_is_named_and_nothing_is_written(tmp_path, capsys):
    data = tmp_path / "data.json"
    answers = write(tmp_path, """\
respondent: P08
consent: true
answers: {meetings: None, confidence: 3, tools: [plans, drills, log], nope: 1}
stories:
  story: [{immediate: a, wrong-step: b}]
""")
    assert main(["ask", MINI, "--data", str(data), "--answers", answers]) == 1
    err = capsys.readouterr().err
    assert "answer to 'confidence', which the conditions skip" in err
    assert "'tools': Pick at most 2." in err
    assert "unknown question id 'nope'" in err
    assert "unknown step 'wrong-step'" in err
    assert "nothing was saved" in err
    assert "Traceback" not in err
    assert read_tables(data)["sessions"] == {}


def test_missing_consent_and_required_answer(tmp_path, capsys):
    data = tmp_path / "data.json"
    answers = write(tmp_path, "respondent: P09\nanswers: {confidence: 9}\n")
    assert main(["ask", MINI, "--data", str(data), "--answers", answers]) == 1
    err = capsys.readouterr().err
    assert "consent: the instrument asks for consent" in err
    assert "missing required answer 'meetings'" in err


def test_invalid_value_and_yaml_error(tmp_path, capsys):
    data = tmp_path / "data.json"
    answers = write(tmp_path, "consent: true\nanswers: {meetings: 1-2, confidence: lots}\n")
    assert main(["ask", MINI, "--data", str(data), "--answers", answers]) == 1
    assert "'confidence': 'lots' is not a number." in capsys.readouterr().err
    broken = write(tmp_path, "answers: {meetings: [\n", "broken.yaml")
    assert main(["ask", MINI, "--data", str(data), "--answers", broken]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml: line 2, column 1: not valid YAML or JSON" in err


def test_data_file_in_use_is_refused(tmp_path, capsys):
    from vcf_tui.store import DataFile

    data = tmp_path / "data.json"
    answers = write(tmp_path, "consent: true\nanswers: {meetings: 1-2}\n")
    store = DataFile.open(data)
    try:
        # flock is per open file: a second open in this process is refused like another process
        assert main(["ask", MINI, "--data", str(data), "--answers", answers]) == 1
        assert "in use by vcf-tui process" in capsys.readouterr().err
    finally:
        store.close()


def test_mode_from_the_answers_file_is_checked(tmp_path, capsys):
    instrument = tmp_path / "interview-only.yaml"
    text = (FIXTURES / "mini.yaml").read_text()
    instrument.write_text(text.replace("title: Mini", "modes: [interview]\ntitle: Mini"))
    answers = write(tmp_path, "mode: self\nconsent: true\nanswers: {meetings: None}\n")
    assert main(["ask", str(instrument), "--data", str(tmp_path / "d.json"), "--answers", answers]) == 1
    assert "cannot be run in self mode" in capsys.readouterr().err
