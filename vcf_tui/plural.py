"""Counts in words, with the noun agreeing: ``1 session``, ``2 sessions``."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, plural (``noun + 's'`` unless given) for any count but 1."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
