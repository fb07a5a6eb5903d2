"""The full-screen commands refuse without a terminal, and never exit 0 after an error in the app."""

import subprocess
import sys
from pathlib import Path

import pytest

from vcf_tui.cli.main import main
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile

ROOT = Path(__file__).parent.parent.parent
MINI = str(ROOT / "tests" / "fixtures" / "mini.yaml")


def coded_file(path, mini):
    with DataFile.open(path) as store:
        recorder = Recorder.start(store, mini, "interview")
        for value in (True, "1-2", 3, "I used the drill"):
            recorder.submit(value)


@pytest.mark.parametrize(
    "command",
    [["run", MINI, "--data", "data.json"], ["dashboard", "data.json"], ["code", "--coder", "Ann", "data.json"], []],
)
def test_full_screen_commands_refuse_without_a_terminal(tmp_path, mini, command):
    data = tmp_path / "data.json"
    coded_file(data, mini)
    env = {"PYTHONPATH": str(ROOT), "VCF_TUI_DATA": str(data), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "vcf_tui", *command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("vcf-tui: '") and "needs a terminal" in line


def test_an_error_inside_the_app_gives_a_non_zero_exit(tmp_path, mini, monkeypatch):
    from textual.app import App

    from vcf_tui.tui import app as tui_app

    class BrokenApp(tui_app.VcfApp):
        def on_mount(self) -> None:
            raise RuntimeError("a bug")

        def run(self, **options):
            return App.run(self, headless=True)

    monkeypatch.setattr(tui_app, "make_app", lambda store, options: BrokenApp(store, options))
    monkeypatch.setattr("vcf_tui.tui.terminal.require_terminal", lambda command: None)
    assert main(["run", mini.path, "--data", str(tmp_path / "data.json")]) != 0
