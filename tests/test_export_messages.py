"""What export and merge say when they are done: counts agree with their nouns, the merge table stays aligned."""

import json

import pytest

from tests.golden import golden_copy
from vcf_tui.cli import main


@pytest.fixture(autouse=True)
def no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("VCF_TUI_PSEUDONYM_KEY", raising=False)


def one_session(tmp_path, name="data.json"):
    """The golden file with its second session (and that session's answers) left out."""
    path = golden_copy(tmp_path).rename(tmp_path / name)
    records = json.loads(path.read_text())
    second = sorted(records["sessions"])[1]
    gone = records["sessions"].pop(second)["session_id"]
    records["answers"] = {k: a for k, a in records["answers"].items() if a["session_id"] != gone}
    path.write_text(json.dumps(records))
    return path


@pytest.mark.parametrize("fmt", ["csv", "wide-csv", "json", "markdown", "matrix"])
def test_export_says_one_session_not_one_sessions(tmp_path, capsys, fmt):
    data = one_session(tmp_path)
    out = tmp_path / ("out.csv" if fmt == "matrix" else "out")
    assert main(["export", str(data), "--format", fmt, "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"{fmt} export of 1 session written to ")


def test_reading_pack_says_one_session(tmp_path, capsys):
    assert main(["export", str(one_session(tmp_path)), "--format", "markdown", "-o", "-"]) == 0
    assert "\n1 session (1 complete); " in capsys.readouterr().out


def test_merge_report_stays_aligned_with_a_long_file_name_and_counts_agree(tmp_path, capsys):
    long_name = "a-data-file-with-a-name-much-longer-than-thirty-two-characters.json"
    data = one_session(tmp_path, long_name)
    assert main(["merge", str(data), "-o", str(tmp_path / "merged.json"), "--dry-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header, first = lines[0], lines[1]
    assert first.startswith(str(data) + "  ")
    assert header.index("table") == first.index("sessions")  # the table column starts where its header does
    assert len(header) == len(first)  # and the figures end under theirs
    assert "merged: 1 session, " in "\n".join(lines)


def test_export_help_describes_every_format_and_the_readme_too(capsys):
    from pathlib import Path

    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    formats = text.split("--format {", 1)[1].split("}", 1)[0].split(",")
    assert formats == ["csv", "wide-csv", "json", "markdown", "matrix", "parquet"]
    assert all(f" {fmt}: " in text or f"; {fmt}: " in text or f". {fmt}: " in text for fmt in formats)
    assert ".loop" in text and "--key-file" in text and "$VCF_TUI_PSEUDONYM_KEY" in text
    readme = Path(__file__).parent.parent.joinpath("README.md").read_text()
    export_section = readme.split("- `export` only reads", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{fmt}`" in export_section for fmt in formats)
    assert "`…step-K.loop`" in export_section and "`-o -`" in export_section
