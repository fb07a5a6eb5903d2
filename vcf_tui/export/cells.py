"""Cells that are safe to open: CSV that a spreadsheet will not run, Markdown that a viewer will not render as HTML."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from vcf_tui.text import one_line

FORMULA_STARTS = frozenset("=+-@\t\r")
_MARKDOWN_CONTROL = re.compile(r"([\\`*_\[\]|~#<>&])")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def csv_field(value: Any) -> str:
    """A value as written in a CSV file.

    Numbers stay numbers; a multi's choices are joined with '; '; text that a spreadsheet would run as a formula
    (OWASP CSV injection) gets a leading ``'``; a cell with a comma, a quote, a CR or an LF is quoted (RFC 4180,
    also for a lone CR, which the csv module leaves bare), so a row never splits.
    """
    if value is None:
        return ""
    kind = type(value)
    if kind is int or kind is float:
        return repr(value)
    text = "; ".join(map(str, value)) if kind is list else value if kind is str else str(value)
    if text and text[0] in FORMULA_STARTS:
        text = "'" + text
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


def csv_fields(values: Iterable[Any]) -> str:
    """Cells joined into (part of) a row, without the line end."""
    return ",".join(map(csv_field, values))


def csv_table(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    return "".join(csv_fields(row) + "\n" for row in [header, *rows])


def markdown_text(value: Any) -> str:
    """Data as inert Markdown on one line: control characters as visible escapes (``\\x1b``), HTML escaped,
    Markdown control characters backslashed."""
    text = one_line(" ".join(str(value).split()))
    return _MARKDOWN_CONTROL.sub(lambda m: _HTML.get(m.group(1), "\\" + m.group(1)), text)
