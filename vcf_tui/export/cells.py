"""Cells that are safe to open: CSV that a spreadsheet will not run, Markdown that a viewer will not render as HTML."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
_MARKDOWN_CONTROL = re.compile(r"([\\`*_\[\]|~#<>&])")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def csv_text(text: str) -> str:
    """Text with a leading ``'`` when a spreadsheet would read it as a formula (OWASP CSV injection)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Any) -> str:
    """A value as a CSV cell: numbers as numbers, a multi's choices joined with '; ', text made safe."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    if isinstance(value, list):
        return csv_text("; ".join(str(v) for v in value))
    return csv_text(str(value))


def _quoted(cell: str) -> str:
    """RFC 4180 quoting, also for a lone CR (which the csv module leaves bare), so a row never splits."""
    return f'"{cell.replace(chr(34), chr(34) * 2)}"' if _NEEDS_QUOTES.search(cell) else cell


def csv_line(values: Iterable[Any]) -> str:
    return ",".join(_quoted(csv_cell(v)) for v in values) + "\n"


def csv_table(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    return csv_line(header) + "".join(csv_line(row) for row in rows)


def markdown_text(value: Any) -> str:
    """Data as inert Markdown on one line: HTML escaped, Markdown control characters backslashed."""
    text = " ".join(str(value).split())
    return _MARKDOWN_CONTROL.sub(lambda m: _HTML.get(m.group(1), "\\" + m.group(1)), text)
