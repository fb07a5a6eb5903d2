"""Loading a file leaves its records out of later full garbage collections, and the collector as it was."""

import gc

from vcf_tui.store import DataFile, read_tables


def test_loaded_records_are_frozen_and_the_collector_stays_on(tmp_path):
    path = tmp_path / "data.json"
    with DataFile.open(path) as store:
        store.put_many([("answers", {"answer_id": f"a{n}", "session_id": "s", "value": [n]}) for n in range(500)])
    before = gc.get_freeze_count()
    tables = read_tables(path)
    try:
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + 500  # every record (and its list) is in the frozen generation
        assert len(tables["answers"]) == 500
    finally:
        gc.unfreeze()
