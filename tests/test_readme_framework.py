"""The commands of README's 'Working with the framework', run as written on a copy of examples/."""

import json
import shlex
import shutil
from pathlib import Path

from vcf_tui.cli import main

ROOT = Path(__file__).parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Working with the framework", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_readme_commands_run_as_written(tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path / "examples")
    commands = readme_commands()
    assert len(commands) == 6 and all(c.startswith("vcf-tui ") for c in commands)
    for command in commands:
        capsys.readouterr()
        assert main(shlex.split(command)[1:]) == 0, command
    report = json.loads(capsys.readouterr().out)  # the last: compare --json
    assert report["pairs"] == 1 and report["new_cycles"] == [{"respondent": "P01", "cycles": ["realised"]}]
    rows = {row["cycle"]: row for row in report["cycles"]}
    assert rows["potential"]["paired_scale"]["change"] == 50.0
