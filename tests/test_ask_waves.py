"""With a project, a session's wave must be one of its waves, in `ask` and `ask --answers` too."""

from pathlib import Path

from vcf_tui.cli import main

MINI = str(Path(__file__).parent / "fixtures" / "mini.yaml")
PROJECT = """format: vcf-project/1
id: coaches
title: Coaches
framework: vcf-2011
waves:
  - {id: baseline}
  - {id: 5-months}
"""


def setup_files(tmp_path: Path, wave: str) -> tuple[Path, Path, Path]:
    project = tmp_path / "vcf-project.yaml"
    project.write_text(PROJECT)
    answers = tmp_path / "a.yaml"
    answers.write_text(f"respondent: P01\nwave: {wave}\nconsent: true\nanswers: {{meetings: None}}\n")
    return project, answers, tmp_path / "d.json"


def test_a_wave_the_project_does_not_have_is_refused_and_nothing_saved(tmp_path, capsys):
    project, answers, data = setup_files(tmp_path, "6-months")
    code = main(["ask", MINI, "--data", str(data), "--answers", str(answers), "--project", str(project)])
    assert code == 1
    assert "wave 6-months: not a wave of project coaches" in capsys.readouterr().err
    assert not data.exists()


def test_the_project_in_the_working_folder_is_used(tmp_path, capsys, monkeypatch):
    _, answers, data = setup_files(tmp_path, "6-months")
    monkeypatch.chdir(tmp_path)
    assert main(["ask", MINI, "--data", str(data), "--answers", str(answers)]) == 1
    assert not data.exists()


def test_a_project_wave_is_saved(tmp_path):
    project, answers, data = setup_files(tmp_path, "5-months")
    assert main(["ask", MINI, "--data", str(data), "--answers", str(answers), "--project", str(project)]) == 0
    assert data.exists()


def test_prompted_ask_checks_the_wave_before_anything_is_made(tmp_path, capsys):
    project, _, data = setup_files(tmp_path, "x")
    code = main(["ask", MINI, "--data", str(data), "--wave", "12-months", "--project", str(project)])
    assert code == 1
    assert "--wave 12-months: not a wave of project coaches" in capsys.readouterr().err
    assert not data.exists()
