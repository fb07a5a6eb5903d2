"""`vcf-tui ask INSTRUMENT --template`: a blank answers file that replays once filled in."""

import re
from pathlib import Path

import yaml

from vcf_tui.cli import main
from vcf_tui.instrument import find_instruments, resolve_instrument
from vcf_tui.store import read_tables
from vcf_tui.template import answers_template

FIXTURES = Path(__file__).parent / "fixtures"


def bundled_ids() -> list[str]:
    return sorted(e.instrument.id for e in find_instruments() if e.origin == "bundled" and e.instrument)


def fill(template: str, values: dict[str, str]) -> str:
    """Write each value after its key, in place, as a person filling the template would."""
    for key, value in values.items():
        template, count = re.subn(
            rf"^(\s*(?:- )?{re.escape(key)}:)[^\n]*$", rf"\1 {value}", template, count=1, flags=re.MULTILINE
        )
        assert count == 1, key
    return template


def test_the_template_of_every_bundled_instrument_is_yaml_with_every_question_and_story():
    for instrument_id in bundled_ids():
        instrument = resolve_instrument(instrument_id)
        text = answers_template(instrument)
        for loader in (yaml.SafeLoader, yaml.BaseLoader):
            data = yaml.load(text, Loader=loader)
            assert {"respondent", "interviewer", "wave", "answers"} <= set(data), instrument_id
            assert ("consent" in data) == bool(instrument.consent)
            asked = {q.id for q in instrument.questions() if q.type != "note"}
            assert set(data["answers"]) == asked, instrument_id
            stories = {s.id: s for s in instrument.sections if s.is_story}
            assert set(data.get("stories") or {}) == set(stories)
            for section_id, told in (data.get("stories") or {}).items():
                story = stories[section_id]
                expected = {"steps", "answers"} if story.is_told else {step.id for step in story.steps}
                assert isinstance(told, list) and set(told[0]) == expected


def test_the_template_says_what_each_question_takes():
    text = answers_template(resolve_instrument("coach-cop-review"))
    assert "  meetings:  # single, required; choices: None | 1-2 | 3-5 | 6 or more" in text
    assert (
        "enjoyment:  # scale; 1 to 5 (1 = Not at all, 3 = Somewhat, 5 = Very); asked only when meetings not in" in text
    )
    assert "new-contacts:  # number; from 0 to 200, a whole number" in text
    assert "# How many coaches in the community could you now call on for help?" in text


def test_a_filled_in_template_of_coach_cop_review_replays(tmp_path, capsys):
    assert main(["ask", "coach-cop-review", "--template"]) == 0
    template = capsys.readouterr().out
    assert not (tmp_path / "data.json").exists()
    filled = fill(
        template,
        {
            "respondent": "P07",
            "wave": "12-months",
            "consent": "true",
            "role": "Paid coach",
            "meetings": "3-5",
            "activities": "[workshops, Coaching clinic]",
            "enjoyment": "4",
            "confidence": "5",
            "new-contacts": "6",
            "resources": "[Session plans, Drill library]",
            "learning-change": "I read more",
            "tried-something": "Yes",
            "idea-used": "|\n    Small-sided games.\n    Shorter drills.",
            "participant-difference": "7",
            "evidence-of-difference": "More players stayed",
            "success-changed": '"Yes"',
            "success-how": "Enjoyment first",
            "anything-else": "Thank you",
        },
    )
    answers = tmp_path / "filled.yaml"
    answers.write_text(filled)
    data = tmp_path / "data.json"
    assert main(["ask", "coach-cop-review", "--data", str(data), "--answers", str(answers)]) == 0
    tables = read_tables(data)
    (session,) = tables["sessions"].values()
    assert session["status"] == "complete" and session["respondent"] == "P07" and session["wave"] == "12-months"
    values = {a["question_id"]: a["value"] for a in tables["answers"].values()}
    assert values["activities"] == ["workshops", "Other: Coaching clinic"]
    assert values["idea-used"] == "Small-sided games.\nShorter drills."
    assert values["participant-difference"] == 7 and values["success-changed"] == "Yes"
    assert "not-attended" not in values  # left blank: the conditions skip it for this respondent


def test_a_filled_in_story_template_replays(tmp_path):
    text = answers_template(resolve_instrument("value-story-interview"))
    filled = fill(
        text,
        {
            "respondent": "P1",
            "consent": "yes",
            "membership-length": "1-2 years",
            "immediate": "A meet-up on feedback",
            "applied": "I asked more questions",
        },
    )
    answers = tmp_path / "story.yaml"
    answers.write_text(filled)
    data = tmp_path / "data.json"
    assert main(["ask", "value-story-interview", "--data", str(data), "--answers", str(answers)]) == 0
    values = {a["question_id"]: a["value"] for a in read_tables(data)["answers"].values()}
    assert values["story[1].immediate"] == "A meet-up on feedback" and values["story[1].potential"] is None


def test_template_text_from_the_instrument_stays_in_its_comment(tmp_path):
    instrument = tmp_path / "odd.yaml"
    text = (FIXTURES / "mini.yaml").read_text()
    instrument.write_text(text.replace("text: Which tools?", 'text: "Which tools?\\nnope: 1 \\u001b[31m"'))
    printed = answers_template(resolve_instrument(str(instrument)))
    assert "nope" not in yaml.safe_load(printed)["answers"] and "\x1b" not in printed


def test_a_filled_in_told_story_template_replays(tmp_path):
    text = answers_template(resolve_instrument(str(FIXTURES / "told.yaml")))
    filled = fill(
        text,
        {
            "respondent": "P2",
            "name": "Ana",
            "cycle": "applied",
            "text": "We met",
            "evidence": "The log",
            "who-benefited": "[Me]",
            "contribution": "4",
            "immediate": "A moment",
            "kind": "It happened",
        },
    )
    answers = tmp_path / "told.yaml"
    answers.write_text(filled)
    data = tmp_path / "data.json"
    assert main(["ask", str(FIXTURES / "told.yaml"), "--data", str(data), "--answers", str(answers)]) == 0
    records = {a["question_id"]: a for a in read_tables(data)["answers"].values()}
    told = records["story[1].step-1"]
    assert (told["value"], told["cycles"], told["evidence_text"]) == ("We met", ["applied"], "The log")
    assert records["story[1].contribution"]["value"] == 4 and records["fixed[1].kind"]["value"] == "It happened"
    assert records["fixed[1].immediate"]["value"] == "A moment" and records["fixed[1].used"]["value"] is None


def test_the_readme_answers_file_for_coach_cop_review_replays(tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    (example,) = [
        block for block in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL) if block.startswith("respondent: P07")
    ]
    answers = tmp_path / "p07.yaml"
    answers.write_text(example)
    data = tmp_path / "data.json"
    assert main(["ask", "coach-cop-review", "--data", str(data), "--answers", str(answers)]) == 0
    tables = read_tables(data)
    (session,) = tables["sessions"].values()
    assert session["status"] == "complete" and session["interviewer"] == "Sam"
    values = {a["question_id"]: a["value"] for a in tables["answers"].values()}
    asked = {q.id for q in resolve_instrument("coach-cop-review").questions() if q.type != "note"}
    assert {key for key, value in values.items() if value is not None} == asked - {"not-attended"}
    assert values["activities"] == ["workshops", "peer-observation", "Other: Coaching clinics"]
