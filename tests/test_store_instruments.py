"""The instruments table: each instrument a session used, saved with the session's first save, carried by merge."""

import hashlib
import shutil
from pathlib import Path

import orjson

from vcf_tui.analysis.merge import merge_files
from vcf_tui.instrument import load_instrument
from vcf_tui.recorder import Recorder
from vcf_tui.store import DataFile, read_tables
from vcf_tui.store.journal import journal_path


def saves(path):
    """The tables of each journal save, in order (the writer is still open)."""
    lines = journal_path(path).read_bytes().splitlines()[1:]
    return [[table for table, _ in orjson.loads(line)["put"]] for line in lines]


def test_the_first_save_of_a_session_carries_its_instrument(tmp_path, mini):
    path = tmp_path / "data.json"
    store = DataFile.open(path)
    recorder = Recorder.start(store, mini, "interview")
    recorder.submit(True)
    recorder.submit("3-5")
    assert [("instruments" in tables) for tables in saves(path)] == [True, False]
    record = read_tables(path)["instruments"][mini.sha256]
    yaml = Path(mini.path).read_text(encoding="utf-8")
    assert record == {"instrument_sha256": mini.sha256, "instrument_id": "mini", "version": "2.1", "yaml": yaml}
    assert hashlib.sha256(record["yaml"].encode()).hexdigest() == mini.sha256
    second = Recorder.start(store, mini, "self")  # the file has it already: not saved again
    second.submit(True)
    assert "instruments" not in saves(path)[-1]
    store.close()
    assert list(read_tables(path)["instruments"]) == [mini.sha256]


def test_an_instrument_file_changed_since_loading_is_not_stored(tmp_path):
    source = tmp_path / "mini.yaml"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "mini.yaml", source)
    instrument = load_instrument(source)
    source.write_text(source.read_text() + "\n# edited\n")
    with DataFile.open(tmp_path / "data.json") as store:
        Recorder.start(store, instrument, "interview").submit(True)
        assert store.records("instruments") == []


def test_merge_carries_instruments(tmp_path, mini):
    a, b, out = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "out.json"
    for path in (a, b):
        with DataFile.open(path) as store:
            Recorder.start(store, mini, "interview").submit(True)
    merge_files([str(a), str(b)], str(out))
    assert list(read_tables(out)["instruments"]) == [mini.sha256]
