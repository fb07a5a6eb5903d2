"""Cycle ids from a damaged file (markup, control characters, unknown names) are ordered, not a crash."""

from tests.hostile.instrument_text import HOSTILE_TEXT
from vcf_tui.cycles import CYCLES, cycle_order


def test_unknown_cycle_ids_follow_the_cycles_in_name_order() -> None:
    found = cycle_order({HOSTILE_TEXT, "zz", "applied", "immediate", "aa"})
    assert found == ["immediate", "applied", HOSTILE_TEXT, "aa", "zz"]


def test_the_cycles_keep_their_canonical_order() -> None:
    assert cycle_order(list(reversed(CYCLES))) == list(CYCLES)
