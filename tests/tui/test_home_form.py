"""The home screen as a form (issue #14), the who-is-this dialog, waves from a project, and `vcf-tui --data`."""

import os
import stat

from textual.widgets import Input, Select

from vcf_tui.cli import main
from vcf_tui.project import Wave
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.dialogs import AskWho
from vcf_tui.tui.screens.session import SessionScreen

PROJECT = """format: vcf-project/1
id: cop
framework: vcf-2011
waves:
  - {id: baseline, label: Launch}
  - {id: 12-months, label: One year on}
"""


async def test_tab_follows_the_form_and_enter_in_the_last_field_starts(home_store, own_settings):
    app = make_app(home_store, RunOptions())
    async with app.run_test(size=(100, 30)) as pilot:
        order = []
        for _ in range(4):
            await pilot.press("tab")
            order.append(app.focused.id)
        assert order == ["mode", "interviewer", "wave", "respondent"]
        await pilot.press("shift+tab", "shift+tab", *"Sam", "enter")  # Enter goes on to the next field
        assert app.focused.id == "wave"
        await pilot.press(*"baseline", "enter", *"P07", "enter")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("1", "enter")
    (session,) = home_store.records("sessions")
    assert (session["interviewer"], session["respondent"], session["wave"]) == ("Sam", "P07", "baseline")
    assert stat.S_IMODE(os.stat(own_settings).st_mode) == 0o600
    again = make_app(home_store, RunOptions())
    async with again.run_test(size=(100, 30)):
        assert again.screen.query_one("#interviewer", Input).value == "Sam"  # remembered between runs


async def test_an_interview_without_interviewer_or_respondent_asks_for_them(store, mini, own_settings):
    app = make_app(store, RunOptions(mini, "interview"))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, AskWho)
        await pilot.press("enter")  # nothing typed: it says so and stays
        assert isinstance(app.screen, AskWho)
        assert "Fill this in" in str(app.screen.query_one("#ask-message").render())
        await pilot.press(*"Ann", "enter", *"P3", "enter")
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("1", "enter")
    (session,) = store.records("sessions")
    assert (session["interviewer"], session["respondent"]) == ("Ann", "P3")
    again = make_app(store, RunOptions(mini, "interview", respondent="P4"))
    async with again.run_test(size=(100, 30)):
        assert isinstance(again.screen, AskWho)  # the remembered name is offered, not taken unasked
        assert again.screen.query_one("#ask-interviewer", Input).value == "Ann"
        assert not again.screen.query("#ask-respondent")


async def test_self_mode_asks_nothing(store, mini):
    app = make_app(store, RunOptions(mini, "self"))
    async with app.run_test(size=(100, 30)):
        assert isinstance(app.screen, SessionScreen)


async def test_escape_in_the_dialog_leaves_without_a_session(store, mini):
    app = make_app(store, RunOptions(mini, "interview"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")
    assert store.records("sessions") == []


async def test_the_home_screen_offers_the_project_waves(home_store):
    waves = (Wave("baseline", "Launch"), Wave("12-months", "One year on"))
    app = make_app(home_store, RunOptions(waves=waves))
    async with app.run_test(size=(100, 30)) as pilot:
        wave = app.screen.query_one("#wave", Select)
        wave.value = "12-months"
        app.screen.query_one("#interviewer", Input).value = "Sam"
        app.screen.query_one("#respondent", Input).value = "P1"
        await pilot.press("ctrl+n", "1", "enter")
        assert isinstance(app.screen, SessionScreen)
    (session,) = home_store.records("sessions")
    assert session["wave"] == "12-months"


def test_run_refuses_a_wave_the_project_does_not_have(tmp_path, monkeypatch, capsys, mini):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "vcf-project.yaml").write_text(PROJECT)
    assert main(["run", mini.path, "--wave", "6-months", "--data", "d.json"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--wave 6-months: not a wave of project cop" in error
    assert "baseline, 12-months" in error
    assert not (tmp_path / "d.json").exists()


def test_bare_command_opens_the_home_screen_on_the_data_flag(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(
        "vcf_tui.cli.session.run_app", lambda options, name, project: seen.append((options.data, name, project)) or 0
    )
    monkeypatch.setenv("VCF_TUI_DATA", str(tmp_path / "env.json"))
    assert main(["--data", str(tmp_path / "f.json")]) == 0
    assert main([]) == 0
    assert main(["--project", "p.yaml"]) == 0
    assert seen == [
        (str(tmp_path / "f.json"), None, None),
        (str(tmp_path / "env.json"), None, None),
        (str(tmp_path / "env.json"), None, "p.yaml"),
    ]


def test_a_fifo_at_the_settings_path_is_not_waited_on(tmp_path, monkeypatch):
    import os

    from vcf_tui.tui.settings import load_settings, settings_path

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    settings_path().parent.mkdir(parents=True)
    os.mkfifo(settings_path())
    assert load_settings() == {}
