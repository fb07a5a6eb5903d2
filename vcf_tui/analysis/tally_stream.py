"""The tally of data files read in batches (``store.streaming``): the same result, without keeping every record.

Answers and codings are folded into their session's figures as they arrive
(``SessionTally``), sessions are kept (their fields the tally reads), observations counted.
Tables may come in any order, so sessions meet their figures only at the end.
Raises ``WholeLoadNeeded`` where the files must be read whole; the caller then
tallies ``load``'s tables instead (``tally.tally``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vcf_tui.analysis.per_session import SessionTally
from vcf_tui.analysis.tally import SESSION_FIELDS, ObservationCounts, aggregate, count_observations
from vcf_tui.store.reading import paused_gc
from vcf_tui.store.streaming import stream_files


def streamed_tally(
    paths: list[str] | list[Path],
    warnings: list[str],
    instrument: str | None = None,
    by: str | None = None,
    status: str | None = None,
    wave_order: list[str] | None = None,
    indicator_cycles: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """``tally.tally`` of the files' records; what the reader left out is added to ``warnings``."""
    sessions: dict[str, dict[str, Any]] = {}
    folded: defaultdict[Any, SessionTally] = defaultdict(SessionTally)  # session id -> its figures so far
    observations: ObservationCounts = {}
    with paused_gc():  # many small acyclic records, each dropped after its batch: the cyclic GC only costs time
        for table, records in stream_files(paths, warnings):
            if table == "answers":
                for answer in records.values():
                    folded[answer.get("session_id", "")].answer(answer)
            elif table == "codings":
                for coding in records.values():
                    folded[coding.get("session_id", "")].coding(coding)
            elif table == "sessions":
                sessions.update((key, _slim(session)) for key, session in records.items())
            elif table == "observations":
                count_observations(observations, records.values(), indicator_cycles)
        figures = {key: folded[key].result() if key in folded else {} for key in sessions}
    return aggregate(list(sessions.values()), figures, instrument, by, status, observations, wave_order)


def _slim(session: dict[str, Any]) -> dict[str, Any]:
    """The fields of a session that the tally reads (a session's other fields may be long: consent, notes)."""
    return {name: session[name] for name in SESSION_FIELDS if name in session}
