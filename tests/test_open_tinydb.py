"""vcf_tui.open_tinydb: a read-only TinyDB over snapshot + journal, current on every query."""

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tinydb import Query

import vcf_tui
from vcf_tui.errors import VcfError
from vcf_tui.store import DataFile, StoreError
from vcf_tui.store.journal import journal_path

WRITER = """
import sys
from vcf_tui.store import DataFile
store = DataFile.open(sys.argv[1])
for line in sys.stdin:
    n, cycle = line.split()
    store.put("answers", {"answer_id": "a" + n, "session_id": "s1", "question_id": "q" + n, "cycles": [cycle]})
    print("saved", n, flush=True)
"""


@pytest.fixture
def writer(tmp_path):
    path = tmp_path / "data.json"
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )

    def save(n, cycle):
        child.stdin.write(f"{n} {cycle}\n")
        child.stdin.flush()
        assert child.stdout.readline().split() == ["saved", str(n)]

    yield path, save, child
    child.kill()
    child.wait()


def applied_ids(db):
    return sorted(doc["answer_id"] for doc in db.table("answers").search(Query().cycles.any(["applied"])))


def test_sees_every_save_of_a_running_writer_and_after_sigkill(writer):
    path, save, child = writer
    save(1, "applied")
    db = vcf_tui.open_tinydb(path)
    assert applied_ids(db) == ["a1"]
    save(2, "applied")
    save(3, "potential")
    assert applied_ids(db) == ["a1", "a2"]  # the same query again: not a stale cached result
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert journal_path(path).exists()
    assert applied_ids(vcf_tui.open_tinydb(path)) == ["a1", "a2"]
    assert len(db.table("answers")) == 3


def test_writing_through_it_raises_a_clear_error(tmp_path):
    path = tmp_path / "data.json"
    DataFile.open(path).close()
    before = path.read_bytes()
    db = vcf_tui.open_tinydb(path)
    for write in (
        lambda: db.table("answers").insert({"answer_id": "x"}),
        db.drop_tables,
        lambda: db.table("meta").truncate(),
    ):
        with pytest.raises(VcfError, match="opened read-only"):
            write()
    assert path.read_bytes() == before


def test_a_missing_or_unusable_file_is_refused_at_once(tmp_path):
    with pytest.raises(StoreError, match="no such data file"):
        vcf_tui.open_tinydb(tmp_path / "absent.json")
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    with pytest.raises(StoreError, match="not a vcf-tui data file"):
        vcf_tui.open_tinydb(bad)


def test_the_readme_example_runs(writer, tmp_path, monkeypatch, capsys):
    path, save, _ = writer
    save(1, "applied")
    save(2, "realised")
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Data files", 1)[1].split("\n## ", 1)[0]
    (example,) = re.findall(r"```python\n(.*?)```", section, re.S)
    monkeypatch.chdir(path.parent)
    assert path.name == "data.json"
    exec(compile(example.replace("vcf-responses.json", "data.json"), "README.md", "exec"), {})
    assert capsys.readouterr().out == "1 answers about applied value\n"
