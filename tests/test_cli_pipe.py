"""Output piped into a reader that leaves early (``| head``) ends quietly, with no traceback."""

import os
import subprocess
import sys
from pathlib import Path

from vcf_tui.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_a_closed_pipe_ends_the_output_without_a_traceback(tmp_path, mini):
    answers = tmp_path / "a.yaml"
    answers.write_text("respondent: P01\nconsent: true\nanswers: {meetings: None}\n")
    data = tmp_path / "d.json"
    assert main(["ask", mini.path, "--data", str(data), "--answers", str(answers)]) == 0
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has already left: every write fails with a broken pipe
    try:
        done = subprocess.run(
            [sys.executable, "-m", "vcf_tui", "tally", "--json", str(data)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    assert done.returncode == 141


def test_json_for_a_terminal_keeps_letters_and_escapes_what_a_terminal_would_act_on():
    import json

    from vcf_tui.text import json_text

    data = {"respondent": "José \x9b31m \u202eevil \x1b[2J"}
    text = json_text(data)
    assert json.loads(text) == data  # the same value
    assert "José" in text
    assert not any(ch in text for ch in "\x9b\u202e\x1b")
