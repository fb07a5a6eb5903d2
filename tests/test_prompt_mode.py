"""`vcf-tui ask` with questionary prompts, driven through prompt_toolkit pipes."""

from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from vcf_tui.prompt_mode import PromptSession
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, read_tables

DOWN, ENTER, ESC, SPACE = "\x1b[B", "\r", "\x1b", " "


def run_with_keys(path: Path, instrument, keys: list[str], mode: str = "interview") -> list[str]:
    shown: list[str] = []
    with DataFile.open(path) as store, create_pipe_input() as pipe:
        for chunk in keys:
            pipe.send_text(chunk)
        recorder = Recorder.start(store, instrument, mode, respondent="P1")
        PromptSession(recorder, echo=shown.append, input=pipe, output=DummyOutput()).run()
    return shown


def test_whole_session_with_keys(tmp_path, mini):
    path = tmp_path / "data.json"
    keys = [
        ENTER,
        DOWN + DOWN + ENTER,        # meetings: 3-5
        DOWN + DOWN + DOWN + ENTER,  # confidence: 4
        "Ran a drill" + ESC + ENTER,  # idea-used (longtext)
        SPACE + DOWN + DOWN + DOWN + SPACE + ENTER,  # tools: plans + Other...
        "mentoring" + ENTER,        # other text
        "abc" + ENTER,              # hours: refused by validation
        "\x7f\x7f\x7f" + "12" + ENTER,
        ENTER,                      # note: Continue
        "A moment" + ESC + ENTER,   # story 1 immediate
        ESC + ENTER,                # potential skipped
        "Used it" + ESC + ENTER,    # used
        DOWN + ENTER,               # another story? 2. No
        "It did" + ENTER,           # success
    ]
    shown = run_with_keys(path, mini, keys)
    tables = read_tables(path)
    values = {a["question_id"]: a["value"] for a in tables["answers"].values()}
    assert values == {
        "meetings": "3-5", "confidence": 4, "idea-used": "Ran a drill", "tools": ["plans", "Other: mentoring"],
        "hours": 12, "story[1].immediate": "A moment", "story[1].potential": None, "story[1].used": "Used it",
        "success": "It did",
    }
    (session,) = tables["sessions"].values()
    assert session["status"] == "complete"
    assert "  Probe: Ask for one concrete session." in shown


def test_self_mode_shows_no_probe(tmp_path, mini):
    path = tmp_path / "data.json"
    keys = [ENTER, ENTER, "\x03"]  # agree, None, then Ctrl-C
    with pytest.raises(KeyboardInterrupt):
        run_with_keys(path, mini, keys, mode="self")
    values = {a["question_id"]: a["value"] for a in read_tables(path)["answers"].values()}
    assert values == {"meetings": "None"}


def test_back_goes_to_the_previous_question(tmp_path, mini):
    path = tmp_path / "data.json"
    up = "\x1b[A"
    # agree; 1-2; on confidence pick "<- back" (the last option: up from the top wraps);
    # meetings again, its cursor on the saved 1-2: up to None
    keys = [ENTER, DOWN + ENTER, up + ENTER, up + ENTER, "\x03"]
    with pytest.raises(KeyboardInterrupt):
        run_with_keys(path, mini, keys)
    values = {a["question_id"]: a["value"] for a in read_tables(path)["answers"].values()}
    assert values == {"meetings": "None"}


def test_ctrl_c_in_ask_keeps_answers_and_says_how_to_resume(tmp_path, mini, monkeypatch, capsys):
    from vcf_tui import prompt_mode
    from vcf_tui.cli import main

    def answer_two_then_stop(self):
        self.recorder.submit(True)
        self.recorder.submit("1-2")
        raise KeyboardInterrupt

    monkeypatch.setattr(prompt_mode.PromptSession, "run", answer_two_then_stop)
    data = tmp_path / "data.json"
    assert main(["ask", mini.path, "--data", str(data)]) == 130
    err = capsys.readouterr().err
    (session,) = read_tables(data)["sessions"].values()
    assert f"--resume {session['session_id'][:8]}" in err and "Every answer so far is saved" in err
    assert {a["question_id"] for a in read_tables(data)["answers"].values()} == {"meetings"}
    monkeypatch.setattr(prompt_mode.PromptSession, "run", lambda self: self.recorder.submit(4))
    assert main(["ask", mini.path, "--data", str(data), "--resume", session["session_id"][:8]]) == 0
    values = {a["question_id"]: a["value"] for a in read_tables(data)["answers"].values()}
    assert values == {"meetings": "1-2", "confidence": 4}


def test_ctrl_c_before_any_answer_saves_nothing(tmp_path, mini, monkeypatch, capsys):
    from vcf_tui import prompt_mode
    from vcf_tui.cli import main

    def stop(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(prompt_mode.PromptSession, "run", stop)
    data = tmp_path / "data.json"
    assert main(["ask", mini.path, "--data", str(data)]) == 130
    assert "nothing was saved" in capsys.readouterr().err
    assert read_tables(data)["sessions"] == {}
