"""Told stories with plain prompts (`vcf-tui ask`): the cycle by name, or by plain prompt in self mode."""

import io
import re
from pathlib import Path

import questionary
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from vcf_tui.cycles import CYCLES
from vcf_tui.instrument import load_instrument
from vcf_tui.prompt_mode import PromptSession
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, read_tables

FIXTURES = Path(__file__).parent / "fixtures"
DOWN, UP, ENTER, ESC, SPACE = "\x1b[B", "\x1b[A", "\r", "\x1b", " "
KEYS = [
    "Ana" + ENTER,  # name
    "We met" + ESC + ENTER,  # told step 1
    DOWN + DOWN + ENTER,  # its cycle: the 3rd option, applied
    "The log" + ESC + ENTER,  # evidence
    ESC + ENTER,  # an empty step 2 ends the story
    SPACE + ENTER,  # who benefited: Me
    DOWN + DOWN + DOWN + ENTER,  # contribution: 4
    DOWN + ENTER,  # another story? No
    ESC + ENTER,
    ESC + ENTER,  # the fixed story's steps, skipped (so no evidence asked)
    UP + UP + ENTER,  # kind (optional: the cursor starts on "(skip)"): It happened
]


def run(tmp_path: Path, mode: str, monkeypatch) -> tuple[str, dict]:
    """Run the told fixture with KEYS; returns everything shown (every menu in full) and the answers saved."""
    menus: list[str] = []
    select = questionary.select

    def spy(message, choices, **kwargs):
        menus.extend([message, *(choice.title for choice in choices)])
        return select(message, choices, **kwargs)

    monkeypatch.setattr(questionary, "select", spy)
    path = tmp_path / "data.json"
    screen = io.StringIO()
    shown: list[str] = []
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=200), term="xterm")
    with DataFile.open(path) as store, create_pipe_input() as pipe:
        pipe.send_text("".join(KEYS))
        recorder = Recorder.start(store, load_instrument(FIXTURES / "told.yaml"), mode)
        PromptSession(recorder, echo=shown.append, input=pipe, output=output).run()
        assert recorder.session["status"] == "complete"
    text = "\n".join([re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue()), *shown, *menus])
    return text, {a["question_id"]: a for a in read_tables(path)["answers"].values()}


def test_interview_mode_picks_the_cycle_by_name(tmp_path, monkeypatch):
    shown, answers = run(tmp_path, "interview", monkeypatch)
    assert "1. Immediate value: What happened? Who was there?" in shown
    step = answers["story[1].step-1"]
    assert (step["value"], step["cycles"], step["evidence_text"]) == ("We met", ["applied"], "The log")
    assert answers["story[1].who-benefited"]["value"] == ["Me"]
    assert answers["story[1].contribution"]["value"] == 4
    assert answers["fixed[1].kind"]["value"] == "It happened"


def test_self_mode_picks_from_plain_prompts_and_shows_no_cycle_name(tmp_path, monkeypatch):
    shown, answers = run(tmp_path, "self", monkeypatch)
    assert "3. What did you do with it?" in shown and "5. Did it change how success is judged?" in shown
    assert "Tell us about something the group did" in shown
    for cycle in CYCLES.values():
        assert cycle.id not in shown.lower() and cycle.label not in shown
    step = answers["story[1].step-1"]
    assert (step["value"], step["cycles"], step["evidence_text"]) == ("We met", ["applied"], "The log")
