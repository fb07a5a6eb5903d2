"""The coding screen's key lines: every key that works now, in two lines that fit 80 columns."""

from __future__ import annotations

from rich.text import Text

EDITING = (("Enter", "save"), ("Escape", "cancel"), ("^q", "quit"))
SUGGESTING = (("→", "complete"),)


def key_lines(cycles: int, editing: str | None, story: bool) -> Text:
    """The keys for the passage on screen: while a field is open, only the field's own keys."""
    if editing is not None:
        return _line((*EDITING, *(SUGGESTING if editing == "indicator" else ())))
    first = (
        (f"1-{cycles}", "cycle"),
        ("Enter/→", "next"),
        ("s", "skip"),
        ("←", "back"),
        ("k", "capital"),
        ("i", "indicator"),
        ("t", "theme"),
    )
    second: tuple[tuple[str, str], ...] = (("f", "confidence"), ("m", "memo"), ("c", "comment"))
    second += (("r", "review"), ("p", "plausibility"), ("n", "note")) if story else ()
    return Text("\n").join([_line(first), _line((*second, ("^q", "quit")))])


def _line(keys: tuple[tuple[str, str], ...]) -> Text:
    return Text("  ").join(Text.assemble((key, "bold"), " ", label) for key, label in keys)
