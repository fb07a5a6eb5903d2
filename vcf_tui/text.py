"""Text from instruments, data files and users, made safe to show on a terminal.

Such text is data: it is never interpreted as markup (screens wrap it in
``rich.text.Text`` or escape it) and its control characters are shown as
visible escapes, never sent raw to the terminal.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if char == "\r":
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, newlines: bool = True) -> str:
    """``text`` with control characters as visible escapes (``\\x1b``); newlines and tabs kept if ``newlines``."""
    value = "" if text is None else str(text)
    pattern = _CONTROL if newlines else _CONTROL_OR_NEWLINE
    return pattern.sub(_escape, value)


def one_line(text: object) -> str:
    """``text`` for a single line of output: every control character, newlines included, made visible."""
    return printable(text, newlines=False)


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(data: object) -> str:
    """``data`` as indented JSON for a terminal: letters as written, but no character a terminal would act on.

    ``json`` already escapes C0 controls; DEL, C1 controls and bidi overrides are escaped here too, as
    ``\\uXXXX`` (still the same JSON value).
    """
    import json

    return json_safe(json.dumps(data, indent=2, ensure_ascii=False))


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps``, C0 escaped already) with DEL, C1 and bidi overrides as ``\\uXXXX`` too."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
