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


def test_pauses_of_the_gc_in_two_threads_hold_until_the_last_ends():
    import gc
    import threading

    from vcf_tui.store.reading import paused_gc

    assert gc.isenabled()
    first_in, first_may_end = threading.Event(), threading.Event()

    def first() -> None:
        with paused_gc():
            first_in.set()
            first_may_end.wait(5)

    worker = threading.Thread(target=first)
    worker.start()
    first_in.wait(5)
    with paused_gc():  # begins after the first, ends after it
        first_may_end.set()
        worker.join()
        assert not gc.isenabled()  # the first block's end does not end this one's pause
    assert gc.isenabled()
