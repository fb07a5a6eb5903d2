"""Bundled instruments validate, and an installed wheel finds them by id."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from vcf_tui.instrument import find_instruments, resolve_instrument
from vcf_tui.instrument.catalog import UnknownInstrument, bundled_dir
from vcf_tui.instrument.model import QUESTION_TYPES

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = {"coach-cop-review", "vcf-2011-survey", "vcf-2020-survey", "value-story-interview", "told-story-interview"}


def test_every_bundled_instrument_validates():
    entries = [e for e in find_instruments() if e.origin == "bundled"]
    assert {e.instrument.id for e in entries if e.instrument} == EXPECTED
    assert all(e.error is None for e in entries), [str(e.error) for e in entries if e.error]


def test_bundled_instruments_mix_types_conditions_and_stories():
    instruments = [e.instrument for e in find_instruments() if e.origin == "bundled"]
    types = {q.type for i in instruments for q in i.questions()}
    assert types == set(QUESTION_TYPES)
    assert any(s.is_story and s.repeat.max > 1 for i in instruments for s in i.sections)
    assert all(any(q.when for q in i.questions()) for i in instruments)
    frameworks = {i.framework for i in instruments}
    assert frameworks == {"vcf-2011", "vcf-2020"}
    survey_2020 = resolve_instrument("vcf-2020-survey")
    covered = {c for q in survey_2020.questions() for c in q.cycles}
    assert len(covered) == 8


def test_resolve_by_id_and_by_path(tmp_path):
    assert resolve_instrument("coach-cop-review").id == "coach-cop-review"
    path = bundled_dir() / "vcf-2011-survey.yaml"
    assert resolve_instrument(str(path)).id == "vcf-2011-survey"
    with pytest.raises(UnknownInstrument, match="known ids"):
        resolve_instrument("no-such-instrument")


def test_built_wheel_ships_and_finds_the_instruments(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("vcf_tui-*.whl"))
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(target)
    assert {f"vcf_tui/bundled/{name}.yaml" for name in EXPECTED} <= set(names)
    script = (
        "from vcf_tui.instrument import resolve_instrument, catalog; "
        "print(catalog.bundled_dir()); print(resolve_instrument('value-story-interview').title)"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, check=True, capture_output=True, text=True
    ).stdout.splitlines()
    assert out[0] == str(target / "vcf_tui" / "bundled")
    assert out[1] == "Value-creation story interview"


def test_instruments_command_lists_bundled_and_local(tmp_path, monkeypatch, capsys):
    from vcf_tui.cli import main

    local = tmp_path / "instruments"
    local.mkdir()
    (local / "mine.yaml").write_text((Path(__file__).parent / "fixtures" / "mini.yaml").read_text())
    (local / "broken.yaml").write_text("format: vcf-instrument/1\nid: Broken\n")
    monkeypatch.chdir(tmp_path)
    assert main(["instruments"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].split()[:4] == ["ID", "VERSION", "FRAMEWORK", "QUESTIONS"]
    mine = next(line for line in lines if line.startswith("mini "))
    assert mine.split()[:4] == ["mini", "2.1", "vcf-2011", "9"] and mine.endswith("instruments/mine.yaml")
    assert any(line.startswith("coach-cop-review ") for line in lines)
    assert (
        "broken: instruments/broken.yaml:1:1: missing required key 'framework' in the instrument (and 3 more)"
        in captured.err.splitlines()
    )


def test_context_and_contact_questions_count_in_no_cycle():
    context = {
        "coach-cop-review": ["role"],
        "value-story-interview": ["membership-length", "can-contact"],
        "told-story-interview": ["role", "club", "years", "may-contact"],
    }
    for instrument_id, question_ids in context.items():
        instrument = resolve_instrument(instrument_id)
        assert all(instrument.question(q).cycles == () for q in question_ids), instrument_id
    for instrument_id, contact in (("value-story-interview", "contact-detail"), ("told-story-interview", "contact")):
        question = resolve_instrument(instrument_id).question(contact)
        assert question.personal and question.cycles == ()


def test_the_told_story_interview():
    instrument = resolve_instrument("told-story-interview")
    story = instrument.section("story")
    assert story.is_told and story.evidence_prompt and story.self_text and story.repeat.max == 3
    assert all(step.self_text for step in story.steps)
    by_id = {q.id: q for q in story.story_questions}
    assert set(by_id) == {"who-benefited", "athlete-outcomes", "contribution", "story-kind"}
    assert by_id["contribution"].evidence == "contribution"
    assert by_id["story-kind"].cycles == () and [c.value for c in by_id["story-kind"].choices] == [
        "It happened",
        "I hope it will happen",
    ]
    indicators = {q.indicator for q in [*instrument.questions(), *story.story_questions] if q.indicator}
    assert indicators == {"attendance", "ideas-used", "practice-change", "athlete-outcomes"}


FRAMEWORK_WORDS = (
    "cycle",
    "capital",
    "framework",
    "immediate",
    "potential",
    "applied",
    "realised",
    "realized",
    "reframing",
    "transformative",
    "orienting",
    "enabling",
    "strategic",
    "landscape",
)


def test_self_completion_headings_name_nothing_of_the_framework():
    for entry in find_instruments():
        if entry.origin != "bundled":
            continue
        instrument = entry.instrument
        headings = [instrument.heading("self"), *(s.heading("self") for s in instrument.sections)]
        named = [h for h in headings if any(word in h.lower() for word in FRAMEWORK_WORDS)]
        assert named == [], instrument.id


def test_the_told_story_interview_feeds_the_example_project_indicators():
    from vcf_tui.project import load_project

    project = load_project(ROOT / "examples" / "vcf-project.yaml")
    instrument = resolve_instrument("told-story-interview")
    assert instrument.framework == project.framework
    questions = [*instrument.questions(), *instrument.section("story").story_questions]
    for indicator in project.indicators:
        (question,) = [q for q in questions if q.indicator == indicator.id]
        assert indicator.cycle in question.cycles, indicator.id
