"""The evaluation project (SPEC section 9): waves, aspirations and indicators across instruments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

EVIDENCE = ("effect", "contribution")
SCOPES = ("individual", "group", "organisation")


def is_iso_date(text: str) -> bool:
    """Whether ``text`` is a date as ISO 8601 writes it (``2019-06-15``): a wave's date or a period."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Wave:
    """A time point; sessions name one by id."""

    id: str
    label: str
    date: str | None = None


@dataclass(frozen=True)
class Indicator:
    """A measure tied to one cycle; questions refer to it by their ``indicator`` key."""

    id: str
    cycle: str
    text: str | None = None
    evidence: str | None = None
    source: str | None = None
    unit: str | None = None
    scope: str | None = None


@dataclass(frozen=True)
class Project:
    """One evaluation: several instruments, waves and laptops."""

    id: str
    title: str
    framework: str
    waves: tuple[Wave, ...] = ()
    aspirations: dict[str, str] = field(default_factory=dict)
    indicators: tuple[Indicator, ...] = ()
    path: str = ""

    @property
    def wave_ids(self) -> list[str]:
        """Wave ids in the project's (time) order."""
        return [wave.id for wave in self.waves]

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    @property
    def indicator_cycles(self) -> dict[str, str]:
        return {indicator.id: indicator.cycle for indicator in self.indicators}
