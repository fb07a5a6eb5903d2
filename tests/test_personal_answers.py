"""Personal answers (``personal: true``) are never offered to coders, whether the record or its instrument says so."""

from pathlib import Path

from vcf_tui.analysis import coding
from vcf_tui.analysis.personal import personal_answer_ids
from vcf_tui.cli import main
from vcf_tui.store import read_tables

INSTRUMENT = """format: vcf-instrument/1
id: contact-test
version: "1"
title: Contact
framework: vcf-2011
sections:
  - id: about
    title: About you
    questions:
      - {id: email, type: text, personal: true, text: Your e-mail address?}
      - {id: story, type: longtext, cycle: applied, text: What did you do differently?}
"""


def replayed(tmp_path: Path) -> dict:
    instrument = tmp_path / "contact.yaml"
    instrument.write_text(INSTRUMENT)
    answers = tmp_path / "a.yaml"
    answers.write_text("respondent: P01\nanswers: {email: ann@example.org, story: Ran the drills.}\n")
    data = tmp_path / "d.json"
    assert main(["ask", str(instrument), "--data", str(data), "--answers", str(answers)]) == 0
    return read_tables(data)


def test_a_personal_answer_is_never_a_passage_to_code(tmp_path):
    tables = replayed(tmp_path)
    assert [p.answer["value"] for p in coding.passages(tables, "Ann")] == ["Ran the drills."]


def test_an_old_record_without_the_flag_is_personal_by_its_stored_instrument(tmp_path):
    tables = replayed(tmp_path)
    for answer in tables["answers"].values():
        answer.pop("personal", None)  # as written before the flag existed
    email = next(a for a in tables["answers"].values() if a["question_id"] == "email")
    assert personal_answer_ids(tables) == {email["answer_id"]}
    assert [p.answer["value"] for p in coding.passages(tables, "Ann")] == ["Ran the drills."]
