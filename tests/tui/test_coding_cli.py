"""`vcf-tui code` and `vcf-tui dashboard` take --project P (and code takes --key-file K, as export does)."""

from pathlib import Path

import pytest

from vcf_tui.cli.main import main
from vcf_tui.export.pseudonyms import pseudonym
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile
from vcf_tui.tui.coding import CodingApp
from vcf_tui.tui.dashboard import DashboardApp

PROJECT = str(Path(__file__).parent.parent.parent / "examples" / "vcf-project.yaml")


@pytest.fixture
def data(tmp_path, mini, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("vcf_tui.tui.terminal.require_terminal", lambda command: None)
    with DataFile.open(tmp_path / "data.json") as store:
        recorder = Recorder.start(store, mini, "interview", respondent="P1")
        for value in (True, "1-2", 3, "I used the drill"):
            recorder.submit(value)
    return str(tmp_path / "data.json")


def test_code_takes_a_project_and_the_export_key_file(data, tmp_path, monkeypatch):
    key_file = tmp_path / "pseudonym.key"
    key_file.write_text("s" * 40 + "\n")
    opened = []
    monkeypatch.setattr(CodingApp, "run", lambda app: opened.append(app.coding_screen))
    assert main(["code", "--coder", "Ann", "--project", PROJECT, "--key-file", str(key_file), data]) == 0
    (screen,) = opened
    assert screen.project.id and screen.project.wave_ids[0] == "baseline"
    assert pseudonym(screen.key, "respondent", "P1") == pseudonym("s" * 40, "respondent", "P1")


def test_dashboard_takes_a_project(data, monkeypatch):
    opened = []
    monkeypatch.setattr(DashboardApp, "run", lambda app: opened.append(app))
    assert main(["dashboard", "--project", PROJECT, data]) == 0
    assert opened[0].project.wave_ids == ["baseline", "5-months", "12-months"]


@pytest.mark.parametrize("command", [["code", "--coder", "Ann"], ["dashboard"]])
def test_a_missing_project_is_one_clear_error(data, capsys, command):
    assert main([*command, "--project", "nowhere.yaml", data]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("vcf-tui: ") and "nowhere.yaml" in line


def test_personal_answers_are_not_offered_for_coding(tmp_path, monkeypatch):
    from vcf_tui.instrument import load_instrument

    told = load_instrument(Path(__file__).parent.parent / "fixtures" / "told.yaml")
    monkeypatch.setattr("vcf_tui.tui.terminal.require_terminal", lambda command: None)
    monkeypatch.setenv("VCF_TUI_PSEUDONYM_KEY", "k" * 40)
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, told, "interview", respondent="P1")
        recorder.submit("Maria Secret")  # name: personal in the instrument
        recorder.submit("We ran a clinic")  # the story's first step
        assert "Maria Secret" in {a["value"] for a in store.tables["answers"].values()}
    opened = []
    monkeypatch.setattr(CodingApp, "run", lambda app: opened.append(app.coding_screen))
    assert main(["code", "--coder", "Ann", str(path)]) == 0
    assert [p.answer["value"] for p in opened[0].passages] == ["We ran a clinic"]


def test_the_dashboard_asked_for_on_the_home_screen_opens_with_the_project(data, monkeypatch):
    from vcf_tui.tui.app import VcfApp

    opened = []
    monkeypatch.setattr(VcfApp, "run", lambda app: "dashboard")  # ctrl+d on the home screen
    monkeypatch.setattr(DashboardApp, "run", lambda app: opened.append(app))
    assert main(["--data", data, "--project", PROJECT]) == 0
    assert len(opened) == 1
