"""Wide and long CSV columns follow the questionnaire, across stories and instrument versions."""

import csv
import io
import json
from pathlib import Path

from vcf_tui.cli import main

TOLD = Path(__file__).parent / "fixtures" / "told.yaml"


def story(cycle):
    return {"steps": [{"cycle": cycle, "text": f"a {cycle} step", "evidence": "notes"}], "answers": {"contribution": 3}}


def ask(tmp_path, data, instrument, respondent, stories, **given):
    answers = tmp_path / f"{respondent}.yaml"
    given = {"name": respondent, **given}
    answers.write_text(json.dumps({"respondent": respondent, "answers": given, "stories": {"story": stories}}))
    assert main(["ask", str(instrument), "--data", str(data), "--answers", str(answers)]) == 0


def later_version(tmp_path):
    """told 1.1: a question added to the first section and a section after the stories."""
    text = TOLD.read_text().replace('version: "1.0"', 'version: "1.1"')
    text = text.replace(
        "      - {id: name, type: text, text: Your name?, personal: true}\n",
        "      - {id: name, type: text, text: Your name?, personal: true}\n"
        "      - {id: club, type: text, text: Your club?, cycle: none}\n",
    )
    text += (
        "  - id: after\n    title: After the stories\n    questions:\n"
        "      - {id: practice, type: text, text: How?, cycle: applied}\n"
    )
    path = tmp_path / "told-1.1.yaml"
    path.write_text(text)
    return path


def test_columns_follow_the_questionnaire_across_versions(tmp_path):
    data = tmp_path / "d.json"
    ask(tmp_path, data, TOLD, "P1", [story("applied")])
    ask(
        tmp_path,
        data,
        later_version(tmp_path),
        "P2",
        [story("immediate"), story("realised")],
        club="Reds",
        practice="often",
    )
    out = tmp_path / "w.csv"
    assert main(["export", str(data), "--format", "wide-csv", "-o", str(out)]) == 0
    header = next(csv.reader(io.StringIO(out.read_text(), newline="")))
    questions = [
        name
        for name in header[header.index("source_file") + 1 :]
        if not name.endswith((".cycle", ".loop", ".evidence"))
    ]
    assert questions == [
        "name",
        "club",
        "story[1].step-1",
        "story[1].who-benefited",
        "story[1].contribution",
        "story[2].step-1",
        "story[2].who-benefited",
        "story[2].contribution",
        "fixed[1].immediate",
        "fixed[1].used",
        "fixed[1].kind",
        "practice",
    ]
    long = tmp_path / "l.csv"
    assert main(["export", str(data), "--format", "csv", "-o", str(long)]) == 0
    rows = [
        r["question_id"] for r in csv.DictReader(io.StringIO(long.read_text(), newline="")) if r["respondent"] == "P2"
    ]
    assert rows == questions  # the long csv asks them in the same order
