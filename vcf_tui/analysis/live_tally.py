"""A tally kept up to date as records arrive: only changed sessions are recomputed.

The tally's figures, answers per day and story reach are running sums (for
all instruments and for each one), so a redraw costs the changed sessions,
not the whole file.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from typing import Any

from vcf_tui.analysis.merge import union
from vcf_tui.analysis.tally import SessionFigures, Sums, aggregate, counts, observation_counts, session_figures
from vcf_tui.store.datafile import Tables, empty_tables
from vcf_tui.store.records import CONTENT_ADDRESSED, KEYS, keep_newer


class LiveTally:
    """Records of one or more files, merged by UUID, with per-session figures cached."""

    def __init__(self, all_tables: list[Tables] | None = None) -> None:
        self.tables: Tables = empty_tables()
        self._answers: dict[str, set[str]] = defaultdict(set)
        self._codings: dict[str, set[str]] = defaultdict(set)
        self._figures: dict[str, SessionFigures] = {}
        self._counted: dict[str, dict[str, Any]] = {}  # the session record each session was summed with
        self._sums = Sums()
        self._instrument_sums: dict[Any, Sums] = defaultdict(Sums)  # the same, for each instrument id
        self._days: dict[str, Counter[str]] = {}
        self._activity = _Activity()
        self._dirty: set[str] = set()
        self.changed: set[str] = set()  # sessions touched since the caller last cleared this
        self.load(all_tables or [])

    def load(self, all_tables: list[Tables]) -> None:
        """Start again from whole files."""
        if len(all_tables) == 1:  # one file: a copy of each table (the store keeps its own), no record by record
            self.tables = empty_tables()
            self.tables.update((table, dict(records)) for table, records in list(all_tables[0].items()))
        else:
            self.tables = union(all_tables)
        self._answers.clear()
        self._codings.clear()
        for key, answer in self.tables["answers"].items():
            self._answers[answer.get("session_id", "")].add(key)
        for key, coding in self.tables["codings"].items():
            self._codings[coding.get("session_id", "")].add(key)
        self._figures.clear()
        self._counted.clear()
        self._sums = Sums()
        self._instrument_sums.clear()
        self._days.clear()
        self._activity = _Activity()
        self._dirty = set(self.tables["sessions"])
        self._rebuilt = True  # the figures of every session are built anew at the next refresh

    def apply(self, puts: list[tuple[str, dict[str, Any]]]) -> None:
        """Take new or changed records (as read from a journal)."""
        for table, record in puts:
            if table not in KEYS or table == "meta":
                continue
            key = record.get(KEYS[table])
            if not isinstance(key, str):
                continue
            if table in CONTENT_ADDRESSED and key in self.tables[table]:
                continue  # the same instrument again (keyed by its text's sha256)
            keep_newer(self.tables[table], key, record)
            if table not in ("sessions", "answers", "codings"):
                continue  # observations and reviews belong to no session
            session_id = str(record.get("session_id", ""))
            if table == "answers":
                self._answers[session_id].add(key)
            elif table == "codings":
                self._codings[session_id].add(key)
            self._dirty.add(session_id)
            self.changed.add(session_id)

    def _refresh(self) -> None:
        answers, codings = self.tables["answers"], self.tables["codings"]
        for session_id in self._dirty:
            self._activity.remove(session_id)
            if session_id in self._counted:
                counted = self._counted.pop(session_id)
                self._sums.add(counted, self._figures[session_id], sign=-1)
                self._instrument_sums[counted.get("instrument_id")].add(counted, self._figures[session_id], sign=-1)
            mine = [answers[k] for k in self._answers.get(session_id, ())]
            self._figures[session_id] = session_figures(mine, (codings[k] for k in self._codings.get(session_id, ())))
            session = self.tables["sessions"].get(session_id)
            if session is not None:
                self._sums.add(session, self._figures[session_id])
                self._instrument_sums[session.get("instrument_id")].add(session, self._figures[session_id])
                self._counted[session_id] = session
            self._days[session_id] = Counter((a.get("answered_at") or "")[:10] for a in mine if counts(a))
            if session is not None and session.get("status") != "abandoned":
                self._activity.add(
                    session_id, session.get("instrument_id"), self._days[session_id], self._figures[session_id]
                )
        self._dirty.clear()
        if self._rebuilt:  # figures of a whole file hold no cycles: keep full collections from walking them
            gc.freeze()
            self._rebuilt = False

    def result(
        self, instrument: str | None = None, by: str | None = None, wave_order: list[str] | None = None
    ) -> dict[str, Any]:
        """The tally object (SPEC section 6): from running totals, or summed anew for a filter or grouping."""
        self._refresh()
        observations = observation_counts(self.tables["observations"].values())
        if by is None:  # from running sums: a redraw after a save costs the changed session, not every session
            total: Counter[str] = Counter()
            for per_cycle in observations.values():
                total.update(per_cycle)
            sums = self._sums if instrument is None else self._instrument_sums.get(instrument, Sums())
            return sums.result(total)
        return aggregate(
            list(self.tables["sessions"].values()),
            self._figures,
            instrument,
            by,
            observations=observations,
            wave_order=wave_order,
        )

    def session_result(self, session_id: str) -> dict[str, Any]:
        """The tally object of one session."""
        self._refresh()
        session = self.tables["sessions"].get(session_id)
        return aggregate([session] if session else [], self._figures)

    def answers_of(self, session_id: str) -> list[dict[str, Any]]:
        answers = self.tables["answers"]
        return [answers[k] for k in sorted(self._answers.get(session_id, ()))]

    def answers_per_day(self, instrument: str | None = None) -> Counter[str]:
        """Counted answers per UTC day (``2026-11-23``), for the activity line."""
        self._refresh()
        return +self._activity.days.get(instrument, Counter())  # a copy, without days that fell to 0

    def stories_by_cycle(self, instrument: str | None = None) -> dict[str, set[tuple[str, str, int]]]:
        """The stories (session, section, instance) with an answered step in each cycle."""
        self._refresh()
        return {cycle: set(stories) for cycle, stories in self._activity.reach.get(instrument, {}).items() if stories}

    def answer_count(self, session_id: str) -> int:
        answers = self.tables["answers"]
        return sum(1 for k in self._answers.get(session_id, ()) if counts(answers[k]))


Story = tuple[str, str, int]


class _Activity:
    """Running answers per day and stories per cycle, for all instruments (key None) and for each one.

    Each counted session's share is kept, so that a changed session is taken
    out and put back in; a story belongs to one session, so sets suffice.
    """

    def __init__(self) -> None:
        self.days: dict[str | None, Counter[str]] = defaultdict(Counter)
        self.reach: dict[str | None, dict[str, set[Story]]] = defaultdict(lambda: defaultdict(set))
        self._shares: dict[str, tuple[str | None, Counter[str], dict[str, set[Story]]]] = {}

    def add(self, session_id: str, instrument: str | None, days: Counter[str], figures: SessionFigures) -> None:
        stories = {cycle: set(f.stories) for cycle, f in figures.items() if f.stories}
        self._shares[session_id] = (instrument, days, stories)
        for key in {None, instrument}:
            self.days[key].update(days)
            for cycle, reached in stories.items():
                self.reach[key][cycle] |= reached

    def remove(self, session_id: str) -> None:
        share = self._shares.pop(session_id, None)
        if share is None:
            return
        instrument, days, stories = share
        for key in {None, instrument}:
            self.days[key].subtract(days)
            for cycle, reached in stories.items():
                self.reach[key][cycle] -= reached
