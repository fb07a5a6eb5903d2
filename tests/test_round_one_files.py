"""Files written by the first release (commit cc0412c) keep loading and stay writable.

tests/fixtures/round1 was made by running that commit's code (make_round1.py.txt,
in a git worktree at cc0412c): ``closed.json`` by a writer that closed cleanly,
``killed.json`` + ``killed.json.journal`` by a writer killed with SIGKILL
mid-session (its journal header has no file_id).
"""

import shutil
from pathlib import Path

import orjson
import pytest

from vcf_tui.analysis.merge import merge_files
from vcf_tui.store import DataFile, StoreError, load, read_tables
from vcf_tui.store.journal import journal_path

ROUND1 = Path(__file__).parent / "fixtures" / "round1"


def copy(name, tmp_path):
    target = tmp_path / name
    shutil.copyfile(ROUND1 / name, target)
    if journal_path(ROUND1 / name).exists():
        shutil.copyfile(journal_path(ROUND1 / name), journal_path(target))
    return target


def test_round_one_journal_has_no_file_id_and_still_loads(tmp_path):
    header = orjson.loads((ROUND1 / "killed.json.journal").read_bytes().splitlines()[0])
    assert "file_id" not in header
    loaded = load(copy("killed.json", tmp_path))
    assert loaded.warnings == []
    sessions = loaded.tables["sessions"].values()
    assert sorted(s["respondent"] for s in sessions) == ["r-01", "r-02"]
    by_session = {s["session_id"]: s["respondent"] for s in sessions}
    answered = sorted((by_session[a["session_id"]], a["question_id"]) for a in loaded.tables["answers"].values())
    # r-01's answers are in the snapshot, r-02's only in the journal of the killed writer
    assert answered == [("r-01", "confidence"), ("r-01", "meetings"), ("r-02", "confidence"), ("r-02", "meetings")]


def test_round_one_files_open_for_writing_and_get_a_bound_journal(tmp_path):
    path = copy("killed.json", tmp_path)
    before = read_tables(path)
    with DataFile.open(path) as store:
        assert store.tables["answers"] == before["answers"]
        header = orjson.loads(journal_path(path).read_bytes().splitlines()[0])
        assert header["file_id"] == store.meta["file_id"]
    assert read_tables(path)["answers"] == before["answers"]
    assert load(copy("closed.json", tmp_path)).warnings == []


def test_round_one_files_merge(tmp_path):
    out = tmp_path / "merged.json"
    report = merge_files([str(copy("closed.json", tmp_path)), str(copy("killed.json", tmp_path))], str(out))
    assert report["totals"]["sessions"] == 3 and report["warnings"] == []


def test_a_round_one_journal_beside_another_file_is_refused(tmp_path):
    """A round-1 journal names no file, but its sessions say where they began."""
    path = copy("closed.json", tmp_path)
    shutil.copyfile(ROUND1 / "killed.json.journal", journal_path(path))
    with pytest.raises(StoreError, match=r"closed\.json\.journal: belongs to another data file"):
        load(path)
    with pytest.raises(StoreError, match="belongs to another data file"):
        DataFile.open(path)
    assert journal_path(path).read_bytes() == (ROUND1 / "killed.json.journal").read_bytes()
