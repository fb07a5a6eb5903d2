"""Exports round-trip the values, follow the questionnaire and stand alone."""

import csv
import io
import json
from pathlib import Path

import pytest

from tests.golden import golden_copy
from vcf_tui.cli import main
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, read_tables

FIXTURES = str(Path(__file__).parent / "fixtures")
S1 = "00000000-0000-4000-8000-000000000001"
S2 = "00000000-0000-4000-8000-000000000002"


@pytest.fixture(autouse=True)
def no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("VCF_TUI_PSEUDONYM_KEY", raising=False)


@pytest.fixture
def data(tmp_path, mini):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        first = Recorder.start(
            store, mini, "interview", interviewer="Sam Smith", respondent="Alice Jones", wave="baseline"
        )
        for value in (
            True,
            "3-5",
            4,
            'Used the drill;\nwith "quotes", commas',
            ["plans", "Other: a, b"],
            2.5,
            None,
            "A moment",
            "",
            "Used it",
            False,
            "It did",
        ):
            first.submit(value)
        second = Recorder.start(store, mini, "self", respondent="Bob")
        for value in (True, "None"):
            second.submit(value)
    return path


def run_export(data, tmp_path, fmt, *extra, files=None):
    out = tmp_path / f"out.{fmt}"
    inputs = [str(f) for f in files or [data]]
    assert main(["export", *inputs, "--format", fmt, "-o", str(out), "--instruments", FIXTURES, *extra]) == 0
    return out.read_text()


def stored_values(data):
    return {(a["session_id"], a["question_id"]): a["value"] for a in read_tables(data)["answers"].values()}


def parse_cell(text, kind):
    if text == "":
        return None
    if kind == "multi":
        return text.split("; ")
    if kind in ("scale", "number"):
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_round_trips_every_value(data, tmp_path):
    rows = rows_of(run_export(data, tmp_path, "csv"))
    back = {(r["session_id"], r["question_id"]): parse_cell(r["value"], r["type"]) for r in rows}
    assert back == stored_values(data)
    story = next(r for r in rows if r["question_id"] == "story[1].used")
    assert (story["story_section"], story["story_instance"], story["story_step"], story["cycles"]) == (
        "story",
        "1",
        "used",
        "applied",
    )
    idea = next(r for r in rows if r["question_id"] == "idea-used")
    assert idea["question_text"] == "Describe an idea you used." and idea["cycles"] == "applied; realised"


def test_csv_follows_the_questionnaire_with_texts_from_the_data_file(tmp_path, monkeypatch):
    data = golden_copy(tmp_path)
    monkeypatch.chdir(tmp_path)  # no instrument YAML at hand: the data file's instruments table has it
    rows = rows_of(run_export(data, tmp_path, "csv"))
    assert [r["question_id"] for r in rows if r["session_id"] == S1] == [
        "role",
        "score",
        "why",
        "contact",
        "story[1].moment",
        "story[1].takeaway",
        "story[1].applied",
        "story[2].moment",
        "story[2].takeaway",
        "story[2].applied",
        "journey[1].step-1",
        "journey[1].step-2",
        "journey[1].step-3",
        "journey[1].helped",
    ]
    texts = {r["question_id"]: r["question_text"] for r in rows}
    assert texts["why"] == "Why did it <em>matter</em>?" and texts["story[2].takeaway"] == "What did you take away?"
    assert texts["journey[1].step-2"] == "Tell me about something that made a difference."
    assert texts["journey[1].helped"] == "How much did the group help?"
    loops = {r["question_id"]: r["loop"] for r in rows if r["story_section"] == "journey"}
    assert loops == {"journey[1].step-1": "", "journey[1].step-2": "yes", "journey[1].step-3": ""}


def test_wide_csv_tells_skipped_from_not_asked_with_a_codebook(data, tmp_path):
    rows = rows_of(run_export(data, tmp_path, "wide-csv"))
    assert [r["respondent"] for r in rows] == ["Alice Jones", "Bob"]
    assert rows[0]["tools"] == "plans; Other: a, b" and rows[0]["story[1].immediate"] == "A moment"
    assert rows[0]["story[1].potential"] == "[skipped]" and rows[0]["story[1].used"] == "Used it"
    assert rows[1]["meetings"] == "None" and rows[1]["confidence"] == "[not asked]"
    question_columns = list(rows[0])[11:]
    assert question_columns == [
        "meetings",
        "confidence",
        "idea-used",
        "tools",
        "hours",
        "story[1].immediate",
        "story[1].potential",
        "story[1].used",
        "success",
    ]
    codebook = {r["column"]: r for r in rows_of((tmp_path / "out.wide-csv.codebook.csv").read_text())}
    assert list(codebook) == question_columns
    assert codebook["confidence"]["text"] == "How much more confident do you feel?"
    assert codebook["confidence"]["choices"] == "1=Not at all; 2; 3; 4; 5=A great deal"
    assert codebook["tools"]["choices"] == "plans; drills; log (Reflection log); Other: ..."
    assert codebook["idea-used"]["cycles"] == "applied; realised" and codebook["story[1].used"]["type"] == "story"


def test_wide_csv_needs_a_file_for_its_codebook(data, capsys):
    assert main(["export", str(data), "--format", "wide-csv", "-o", "-"]) == 1
    assert "codebook" in capsys.readouterr().err


def test_each_row_names_its_source_file(data, tmp_path):
    (tmp_path / "golden").mkdir()
    golden = golden_copy(tmp_path / "golden")
    rows = rows_of(run_export(data, tmp_path, "csv", files=[data, golden]))
    assert {r["source_file"] for r in rows if r["session_id"] == S1} == {str(golden)}
    assert {r["source_file"] for r in rows if r["session_id"] != S1 and r["session_id"] != S2} == {str(data)}
    sessions = json.loads(run_export(data, tmp_path, "json", files=[golden, data]))["sessions"]
    assert {s["source_file"] for s in sessions} == {str(data), str(golden)}


def test_json_nests_answers_with_the_exact_text(data, tmp_path):
    exported = json.loads(run_export(data, tmp_path, "json"))
    back = {(s["session_id"], a["question_id"]): a["value"] for s in exported["sessions"] for a in s["answers"]}
    assert back == stored_values(data)
    golden = json.loads(run_export(data, tmp_path, "json", files=[golden_copy(tmp_path)]))
    why = next(a for a in golden["sessions"][0]["answers"] if a["question_id"] == "why")
    assert why["value"].startswith('=HYPERLINK("http://x.test")\r\nMet Bob Brown <script>')


def test_markdown_reading_pack(data, tmp_path):
    text = run_export(data, tmp_path, "markdown")
    assert "| Applied value | 1 | 3 | 0 | 0 |" in text  # counts only: no rating beside them
    ratings = text.split("## Ratings", 1)[1].split("\n## ", 1)[0]
    assert "| cycle | scale answers | mean rating, % of scale range |" in ratings
    assert ratings.count("\n| ") == 3 and "| Potential value | 1 | 75.0 |" in ratings  # only the rated cycles
    assert "scale mean" not in text and "score" not in text.replace("not a score of the cycle", "")
    assert "### Applied value" in text and 'Used the drill; with "quotes", commas' in text
    session = next(iter(read_tables(data)["sessions"]))[:8]
    assert f"### Alice Jones · baseline · session {session}: A story, story 1 (in the instrument's order)" in text
    assert text.index("1. **Immediate value**: A moment") < text.index("2. **Applied value**: Used it")
    coverage = text.split("## Story coverage", 1)[1].split("\n## ", 1)[0]
    row = "| Immediate value | Immediate value, Applied value | - |"
    assert f"| Alice Jones · baseline · session {session}: story, story 1 {row}" in coverage
    assert "| Applied value | 1 | 0 | 0 |" in coverage  # touched by one story, started by none


def test_wide_csv_keeps_a_told_storys_cycles_and_evidence(tmp_path):
    data = golden_copy(tmp_path)
    first, second = rows_of(run_export(data, tmp_path, "wide-csv"))
    assert (first["journey[1].step-2"], first["journey[1].step-2.cycle"], first["journey[1].step-2.evidence"]) == (
        "Saw it done first",
        "immediate",
        "a <b>video</b>",
    )
    assert first["journey[1].step-1.evidence"] == "[skipped]" and first["journey[1].helped"] == "4"
    assert second["journey[1].step-1"] == second["journey[1].helped"] == "[not asked]"


def told_story(tmp_path):
    """A told story of four steps whose third loops back (immediate after realised), and a contribution of 5."""
    from vcf_tui.instrument import load_instrument

    told = load_instrument(Path(FIXTURES) / "told.yaml")
    path = tmp_path / "told.json"
    steps = [
        ("Used a drill", "applied", "The plan"),
        ("Players improved", "realised", ""),
        ("Shared it at a meeting", "immediate", "Minutes"),
        ("Others used it", "applied", "Emails"),
    ]
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, told, "interview", respondent="P1")
        for value in ("Ana", *(part for step in steps for part in step), "", ["Me"], 5, False):
            recorder.submit(value)
    return path


def test_a_recorded_told_story_exports_in_told_order_with_its_loop(tmp_path):
    path = told_story(tmp_path)
    rows = rows_of(run_export(path, tmp_path, "csv"))
    assert [r["question_id"] for r in rows] == [
        "name",
        "story[1].step-1",
        "story[1].step-2",
        "story[1].step-3",
        "story[1].step-4",
        "story[1].who-benefited",
        "story[1].contribution",
    ]
    assert [r["loop"] for r in rows[1:5]] == ["", "", "yes", ""]
    assert rows[3]["evidence_text"] == "Minutes" and rows[3]["cycles"] == "immediate"
    assert rows[1]["question_text"] == "Tell me about something the group did that made a difference."
    assert rows[6]["question_text"] == "How much did the group contribute to this?"
    (wide,) = rows_of(run_export(path, tmp_path, "wide-csv", "--pseudonymise"))
    assert "name" not in wide and "Ana" not in wide.values()
    assert (wide["story[1].step-3.cycle"], wide["story[1].step-3.evidence"]) == ("immediate", "Minutes")
    assert wide["story[1].contribution"] == "5" and wide["fixed[1].immediate"] == "[not asked]"


def test_json_and_wide_csv_mark_each_told_step_that_loops(tmp_path):
    path = told_story(tmp_path)
    (session,) = json.loads(run_export(path, tmp_path, "json"))["sessions"]
    loops = {a["question_id"]: a.get("loop") for a in session["answers"]}
    assert [loops[f"story[1].step-{k}"] for k in range(1, 5)] == [False, False, True, False]
    assert "loop" not in next(a for a in session["answers"] if a["question_id"] == "name")  # only story steps
    (wide,) = rows_of(run_export(path, tmp_path, "wide-csv"))
    assert [wide[f"story[1].step-{k}.loop"] for k in range(1, 5)] == ["no", "no", "yes", "no"]
    assert list(wide).index("story[1].step-3.loop") == list(wide).index("story[1].step-3.cycle") + 1
    codebook = {r["column"]: r for r in rows_of((tmp_path / "out.wide-csv.codebook.csv").read_text())}
    assert codebook["story[1].step-3.loop"]["type"] == "loop"
    assert codebook["story[1].step-3.loop"]["choices"] == "yes; no"


def test_reading_pack_rates_effect_and_contribution_in_tables_of_their_own(tmp_path):
    text = run_export(told_story(tmp_path), tmp_path, "markdown")
    contribution = text.split("### Contribution", 1)[1].split("\n## ", 1)[0]
    assert "| Realized value | 1 | 100.0 |" in contribution
    effect = text.split("### Effect", 1)[1].split("### Contribution", 1)[0]
    assert "No scale answers marked effect." in effect and "100.0" not in effect


def test_export_warns_of_damaged_records_and_writes_the_rest(tmp_path, capsys):
    path = golden_copy(tmp_path)
    records = json.loads(path.read_text())
    first, second = list(records["answers"])[:2]
    records["answers"][first]["value"] = {"an": "object"}
    records["answers"][second]["cycles"] = "applied"
    path.write_text(json.dumps(records))
    out = tmp_path / "out.csv"
    assert main(["export", str(path), "--format", "csv", "-o", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"vcf-tui: warning: {path}: answers record {first} left out: 'value' is not text, a number, true/false, "
        "a list or null",
        f"vcf-tui: warning: {path}: answers record {second} left out: 'cycles' is not a list of text",
    ]
    assert len(rows_of(out.read_text())) == 14


def test_an_indicator_typed_by_a_coder_is_redacted_like_any_free_text():
    from vcf_tui.export.privacy import Redactor

    redactor = Redactor(["Carol"])
    coding = {"coding_id": "c1", "indicator": "carol-mentoring Carol", "cycle": "applied"}
    assert redactor.record(coding)["indicator"] == "[person-1]-mentoring [person-1]"
