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
    answers = write(
        tmp_path,
        """\
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
""",
    )
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
    answers = write(
        tmp_path, json.dumps({"respondent": "P1", "consent": True, "answers": {"meetings": "None"}}), "a.json"
    )
    assert main(["ask", MINI, "--data", str(data), "--answers", answers]) == 0
    assert read_tables(data)["sessions"]


def test_every_problem_is_named_and_nothing_is_written(tmp_path, capsys):
    data = tmp_path / "data.json"
    answers = write(
        tmp_path,
        """\
respondent: P08
consent: true
answers: {meetings: None, confidence: 3, tools: [plans, drills, log], nope: 1}
stories:
  story: [{immediate: a, wrong-step: b}]
""",
    )
    assert main(["ask", MINI, "--data", str(data), "--answers", answers]) == 1
    err = capsys.readouterr().err
    assert "answer to 'confidence', which the conditions skip" in err
    assert "'tools': Pick at most 2." in err
    assert "unknown question id 'nope'" in err
    assert "unknown step 'wrong-step'" in err
    assert "nothing was saved" in err
    assert "Traceback" not in err
    assert not data.exists()  # checked before the data file is touched


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


def _instrument_of(tmp_path: Path, size: int):
    """An instrument of ``size`` questions, each but the first shown under a condition on the one before."""
    from vcf_tui.instrument import load_instrument

    lines = [
        "format: vcf-instrument/1",
        f"id: size-{size}",
        'version: "1"',
        "title: Sized",
        "framework: vcf-2011",
        "sections:",
        "  - id: part",
        "    title: Part",
        "    cycle: applied",
        "    questions:",
    ]
    for number in range(size):
        lines += [
            f"      - id: q{number}",
            "        type: single",
            f"        text: Question {number}?",
            "        choices: [a, b]",
        ]
        if number:
            lines.append(f"        when: {{question: q{number - 1}, equals: a}}")
    path = tmp_path / f"size-{size}.yaml"
    path.write_text("\n".join(lines) + "\n")
    return load_instrument(path)


def test_replay_walks_the_instrument_a_fixed_number_of_times(tmp_path, monkeypatch):
    from vcf_tui.engine import Engine
    from vcf_tui.replay import replay

    walked = 0
    walk = Engine._walk

    def counting_walk(self, *args, **kwargs):
        nonlocal walked
        for step in walk(self, *args, **kwargs):
            walked += 1
            yield step

    monkeypatch.setattr(Engine, "_walk", counting_walk)
    steps_walked = {}
    for size in (100, 200):
        instrument = _instrument_of(tmp_path, size)
        walked = 0
        result = replay(instrument, {"answers": {f"q{n}": "a" for n in range(size)}}, "answers.yaml", "file")
        assert sum(1 for table, _ in result.puts if table == "answers") == size
        assert result.session["status"] == "complete"
        steps_walked[size] = walked
    assert steps_walked[200] <= 2 * steps_walked[100] + 10, steps_walked  # linear: a quadratic walk is 4 times


def test_a_blank_answer_to_a_question_the_conditions_skip_is_no_answer(tmp_path):
    data = tmp_path / "data.json"
    answers = write(tmp_path, "consent: true\nanswers:\n  meetings: None\n  confidence:\n  idea-used: ''\n")
    assert main(["ask", MINI, "--data", str(data), "--answers", answers]) == 0
    values = {a["question_id"]: a["value"] for a in read_tables(data)["answers"].values()}
    assert "confidence" not in values and values["meetings"] == "None"


def test_a_note_that_is_not_text_is_named(tmp_path, capsys):
    answers = write(tmp_path, "consent: true\nanswers: {meetings: None}\nnotes: {meetings: [a, b]}\n")
    assert main(["ask", MINI, "--data", str(tmp_path / "d.json"), "--answers", answers]) == 1
    assert "notes 'meetings': give the note as text" in capsys.readouterr().err


def test_a_replayed_session_stores_its_instrument_in_the_data_file(tmp_path, mini):
    """The data file stands alone: the YAML of the instrument a replayed session used is in ``instruments``."""
    from vcf_tui.store import read_tables

    answers = tmp_path / "a.yaml"
    answers.write_text("respondent: P01\nconsent: true\nanswers: {meetings: None}\n")
    data = tmp_path / "d.json"
    main(["ask", mini.path, "--data", str(data), "--answers", str(answers)])
    stored = read_tables(data)["instruments"]
    assert [r["instrument_sha256"] for r in stored.values()] == [mini.sha256]
    assert next(iter(stored.values()))["yaml"] == Path(mini.path).read_text(encoding="utf-8")


def test_a_rejected_answers_file_leaves_no_data_file_behind(tmp_path, capsys):
    answers = tmp_path / "a.yaml"
    answers.write_text("respondent: P01\nconsent: true\nanswers: {no-such-question: 1}\n")
    data = tmp_path / "d.json"
    assert main(["ask", MINI, "--data", str(data), "--answers", str(answers)]) == 1
    assert "nothing was saved" in capsys.readouterr().err
    assert not data.exists()


def test_people_given_as_lists_or_mappings_are_refused_by_name(tmp_path, capsys):
    answers = tmp_path / "a.yaml"
    answers.write_text("respondent: [1, 2]\nwave: {a: 1}\nconsent: true\nanswers: {meetings: None}\n")
    data = tmp_path / "d.json"
    assert main(["ask", MINI, "--data", str(data), "--answers", str(answers)]) == 1
    err = capsys.readouterr().err
    assert "respondent: give it as text, not list" in err and "wave: give it as text, not dict" in err
    assert not data.exists()


def test_a_saved_replay_names_the_file_it_was_saved_in(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("respondent: 7\nconsent: true\nanswers: {meetings: None}\n")
    data = tmp_path / "d.json"
    assert main(["ask", MINI, "--data", str(data), "--answers", str(answers)]) == 0
    tables = read_tables(data)
    (session,) = tables["sessions"].values()
    (meta,) = tables["meta"].values()
    assert session["origin_file_id"] == meta["file_id"] and session["respondent"] == "7"
