"""The live tally's running figures, answers per day and story reach equal a tally summed anew, after every change."""

import random

from tests.test_tally import session, told
from vcf_tui.analysis.live_tally import LiveTally
from vcf_tui.analysis.tally import aggregate, by_session
from vcf_tui.store.datafile import empty_tables

CYCLES = ("immediate", "potential", "applied", "realised", "transformative")


def changes(rng: random.Random, count: int) -> list:
    """Sessions of two instruments, told steps over several days, then statuses and instruments that change."""
    puts = []
    for n in range(count):
        sid = f"s{rng.randrange(8)}"
        kind = rng.random()
        if kind < 0.25:
            status = rng.choice(("complete", "in_progress", "abandoned"))
            puts.append(
                (
                    "sessions",
                    dict(
                        session(sid, status=status, instrument=rng.choice(("a", "b"))),
                        updated_at=f"2026-01-01T00:00:{n % 60:02d}Z",
                    ),
                )
            )
        else:
            day = f"2026-03-0{rng.randrange(1, 6)}T10:00:00Z"
            record = told(f"{sid}-x{rng.randrange(5)}", sid, rng.choice(CYCLES), rng.randrange(1, 4), day)
            record["story"]["instance"] = rng.randrange(1, 3)
            record["revision"] = n + 2  # a later revision replaces the answer
            puts.append(("answers", record))
    return puts


def test_running_activity_equals_a_fresh_count_after_every_change():
    live = LiveTally([empty_tables()])
    for n, put in enumerate(changes(random.Random(3), 400), 1):
        live.apply([put])
        fresh = LiveTally([live.tables])
        for instrument in (None, "a", "b", "missing"):
            assert live.result(instrument) == aggregate(
                list(live.tables["sessions"].values()), by_session(live.tables), instrument, observations={}
            ), f"after put {n}"
            assert live.answers_per_day(instrument) == fresh.answers_per_day(instrument), f"after put {n}"
            assert live.stories_by_cycle(instrument) == fresh.stories_by_cycle(instrument), f"after put {n}"
    assert live.answers_per_day() and live.stories_by_cycle()  # the data did reach days and cycles


def test_an_abandoned_session_leaves_the_activity():
    live = LiveTally([empty_tables()])
    live.apply(
        [
            ("sessions", session("s1", status="in_progress")),
            ("answers", told("x1", "s1", "applied", 1, "2026-03-01T10:00:00Z")),
        ]
    )
    assert live.answers_per_day() == {"2026-03-01": 1}
    assert live.stories_by_cycle("inst") == {"applied": {("s1", "story", 1)}}
    live.apply([("sessions", dict(session("s1", status="abandoned"), updated_at="2026-02-01T00:00:00Z"))])
    assert live.answers_per_day() == {} and live.stories_by_cycle() == {}


def test_figures_of_a_whole_file_are_frozen_out_of_full_collections():
    import gc

    live = LiveTally([empty_tables()])
    live.apply(changes(random.Random(5), 200))
    live.load([live.tables])
    before = gc.get_freeze_count()
    try:
        live.result()
        assert gc.get_freeze_count() > before  # built once, then left out of full collections
        frozen = gc.get_freeze_count()
        live.apply(changes(random.Random(6), 5))
        live.result()
        assert gc.get_freeze_count() <= frozen  # a few changed sessions are not frozen again (old ones freed)
    finally:
        gc.unfreeze()


def test_one_file_is_copied_table_by_table_and_kept_apart_from_the_store():
    from vcf_tui.analysis.merge import union

    source = empty_tables()
    source["future_table"] = {"k": {"anything": 1}}
    LiveTally([source]).apply(changes(random.Random(7), 50))  # fills nothing of the source
    assert source["answers"] == {} and source["sessions"] == {}
    live = LiveTally([empty_tables()])
    live.apply(changes(random.Random(8), 80))
    one = LiveTally([live.tables])
    assert one.tables == union([live.tables]) and list(one.tables) == list(union([live.tables]))
    one.apply(changes(random.Random(9), 20))
    assert one.tables != live.tables  # its own tables: the file's are not changed by it
