"""The console script ends with os._exit once its work is done: everything it printed still arrives, codes kept."""

import json
import os
import subprocess
import sys
from pathlib import Path

from vcf_tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"} | {"PYTHONPATH": str(ROOT)}


def test_output_redirected_to_a_file_arrives_whole(tmp_path, mini, capsys):
    answers = tmp_path / "a.yaml"
    answers.write_text("respondent: P01\nconsent: true\nanswers: {meetings: None}\n")
    data = tmp_path / "d.json"
    assert main(["ask", mini.path, "--data", str(data), "--answers", str(answers)]) == 0
    capsys.readouterr()
    assert main(["tally", "--json", str(data)]) == 0
    expected = capsys.readouterr().out
    out = tmp_path / "tally.json"
    with out.open("wb") as handle:  # a file, not a terminal: stdout is block-buffered until the flush
        done = subprocess.run(
            [sys.executable, "-m", "vcf_tui", "tally", "--json", str(data)],
            stdout=handle,
            stderr=subprocess.PIPE,
            env=ENV,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr.decode()
    assert out.read_text() == expected
    assert json.loads(expected)


def test_printed_output_is_flushed_before_the_process_ends(tmp_path, mini, capsys):
    assert main(["ask", mini.path, "--template"]) == 0
    expected = capsys.readouterr().out
    out = tmp_path / "template.yaml"
    with out.open("wb") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "vcf_tui", "ask", mini.path, "--template"],
            stdout=handle,
            stderr=subprocess.PIPE,
            env=ENV,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr.decode()
    assert out.read_text() == expected != ""


def test_an_error_still_says_why_and_exits_1(tmp_path):
    missing = tmp_path / "missing.json"
    done = subprocess.run(
        [sys.executable, "-m", "vcf_tui", "tally", str(missing)], capture_output=True, env=ENV, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr.decode().startswith("vcf-tui: ") and "missing.json" in done.stderr.decode()
    assert b"Traceback" not in done.stderr


def test_main_itself_returns_its_code_to_the_caller(tmp_path):
    assert main(["tally", str(tmp_path / "missing.json")]) == 1  # no os._exit here: tests and callers go on
