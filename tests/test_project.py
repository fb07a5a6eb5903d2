"""The evaluation project file: model, checks with FILE:LINE:COL, and where commands find it."""

import json
import shutil
from pathlib import Path

import pytest

from vcf_tui.cli import main
from vcf_tui.project import ProjectError, find_project, load_project, parse_project
from vcf_tui.store import DataFile

EXAMPLES = Path(__file__).parent.parent / "examples"

BAD = b"""format: vcf-project/1
id: Bad_Id
framework: vcf-2011
wavs: []
waves:
  - {id: baseline, date: 2019-13-45}
  - {id: baseline}
  - {label: no id}
indicators:
  - {id: attendance, cycle: immediate, evidence: efect, scope: team}
  - {id: attendance, cycle: applied}
  - {id: wellbeing, cycle: transformative}
  - {id: outcomes}
aspirations:
  strategic: Decision makers use what we learn.
"""


def messages(data: bytes) -> list[str]:
    with pytest.raises(ProjectError) as caught:
        parse_project(data, "p.yaml")
    return str(caught.value).splitlines()


def test_every_problem_with_its_place():
    assert messages(BAD) == [
        "p.yaml:2:5: bad id 'Bad_Id' for the project: use lower-case letters, digits and '-', "
        "starting with a letter or digit",
        "p.yaml:4:1: unknown key 'wavs' in the project (did you mean 'waves'?)",
        "p.yaml:6:26: date '2019-13-45' is not an ISO date (YYYY-MM-DD)",
        "p.yaml:7:10: duplicate wave id 'baseline'",
        "p.yaml:8:5: missing required key 'id' in a wave",
        "p.yaml:10:50: 'evidence' must be one of effect, contribution, not 'efect' (did you mean 'effect'?)",
        "p.yaml:10:64: 'scope' must be one of individual, group, organisation, not 'team'",
        "p.yaml:11:10: duplicate indicator id 'attendance'",
        "p.yaml:12:28: cycle 'transformative' is not in framework vcf-2011 "
        "(immediate, potential, applied, realised, reframing)",
        "p.yaml:13:5: missing required key 'cycle' in an indicator",
        "p.yaml:15:3: cycle 'strategic' is not in framework vcf-2011 "
        "(immediate, potential, applied, realised, reframing)",
    ]


def test_missing_top_keys_and_wrong_format():
    assert messages(b"format: vcf-project/2\ntitle: x\n") == [
        "p.yaml:1:1: missing required key 'framework' in the project",
        "p.yaml:1:1: missing required key 'id' in the project",
        "p.yaml:1:9: format must be 'vcf-project/1', not 'vcf-project/2'",
    ]
    assert messages(b"format: [")[0].startswith("p.yaml:2:1: YAML syntax error")


def test_example_project_loads():
    project = load_project(EXAMPLES / "vcf-project.yaml")
    assert project.wave_ids == ["baseline", "5-months", "12-months"]
    assert project.indicator_cycles == {
        "attendance": "immediate",
        "ideas-used": "applied",
        "practice-change": "applied",
        "athlete-outcomes": "realised",
    }
    attendance = project.indicator("attendance")
    assert attendance.evidence == "effect" and attendance.source == "meet-up register"
    assert set(project.aspirations) == {"immediate", "applied", "realised"}


def test_found_in_the_working_folder_or_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_project(None) is None
    shutil.copy(EXAMPLES / "vcf-project.yaml", tmp_path / "vcf-project.yaml")
    assert find_project(None).id == "coaches-cop"
    other = tmp_path / "other.yaml"
    other.write_bytes(b"format: vcf-project/1\nid: other\nframework: vcf-2020\n")
    assert find_project(str(other)).id == "other"
    with pytest.raises(ProjectError, match=r"missing\.yaml: cannot read file"):
        find_project("missing.yaml")


def test_validate_checks_project_files(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(BAD)
    assert main(["validate", str(EXAMPLES / "vcf-project.yaml")]) == 0
    assert "ok: project coaches-cop, vcf-2011, 3 waves, 4 indicators" in capsys.readouterr().out
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:4:1: unknown key 'wavs' in the project (did you mean 'waves'?)" in err
    assert "Traceback" not in err


def test_tally_by_wave_follows_the_project(tmp_path, monkeypatch, capsys):
    data = tmp_path / "d.json"
    with DataFile.open(data) as store:
        for sid, wave, started in (
            ("s1", "12-months", "2020-01-15T10:00:00Z"),
            ("s2", "baseline", "2020-01-16T10:00:00Z"),
        ):  # entered late
            store.put(
                "sessions",
                {
                    "session_id": sid,
                    "instrument_id": "i",
                    "instrument_version": "1",
                    "framework": "vcf-2011",
                    "status": "complete",
                    "wave": wave,
                    "started_at": started,
                },
            )
    monkeypatch.chdir(tmp_path)
    assert main(["tally", str(data), "--by", "wave", "--json"]) == 0
    assert [g["value"] for g in json.loads(capsys.readouterr().out)["groups"]] == ["12-months", "baseline"]
    shutil.copy(EXAMPLES / "vcf-project.yaml", tmp_path / "vcf-project.yaml")
    assert main(["tally", str(data), "--by", "wave", "--json"]) == 0
    assert [g["value"] for g in json.loads(capsys.readouterr().out)["groups"]] == ["baseline", "12-months"]
    (tmp_path / "broken.yaml").write_text("format: vcf-project/1\nid: x\n")
    assert main(["tally", str(data), "--project", "broken.yaml"]) == 1
    assert "broken.yaml:1:1: missing required key 'framework' in the project" in capsys.readouterr().err
