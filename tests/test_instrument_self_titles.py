"""Self-completion mode shows ``self_title`` for the instrument and its sections; interview mode the titles."""

import pytest
from textual.widgets import Static

from vcf_tui.instrument import parse_instrument
from vcf_tui.prompt_mode import PromptSession
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile
from vcf_tui.tui.app import RunOptions, make_app

INSTRUMENT = parse_instrument(
    b"""\
format: vcf-instrument/1
id: titles
version: "1"
title: Five cycles review
self_title: Looking back on the year
framework: vcf-2011
sections:
  - id: capital
    title: Knowledge capital
    self_title: What you gained
    cycle: potential
    questions:
      - {id: gained, type: text, text: "What did you gain?"}
""",
    "titles.yaml",
)


@pytest.mark.parametrize(
    "mode, title, section",
    [("self", "Looking back on the year", "What you gained"), ("interview", "Five cycles review", "Knowledge capital")],
)
async def test_the_session_screen_shows_the_heading_for_its_mode(tmp_path, mode, title, section):
    with DataFile.open(tmp_path / "data.json") as store:
        app = make_app(store, RunOptions(INSTRUMENT, mode, interviewer="Sam", respondent="P1"))
        async with app.run_test(size=(100, 30)):
            assert str(app.screen.query_one("#title", Static).render()) == title
            assert str(app.screen.query_one("#section", Static).render()) == section


def test_prompt_mode_shows_the_self_title_of_a_section(tmp_path):
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    shown: list[str] = []
    with DataFile.open(tmp_path / "data.json") as store, create_pipe_input() as pipe:
        pipe.send_text("a skill\r")
        recorder = Recorder.start(store, INSTRUMENT, "self", respondent="P1")
        PromptSession(recorder, echo=shown.append, input=pipe, output=DummyOutput()).run()
    assert "\n== What you gained (part 1 of 1) ==" in shown
    assert not any("Knowledge capital" in line for line in shown)
