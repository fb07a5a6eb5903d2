"""``export --format json``: sessions with answers and codings nested, encoded one session at a time with orjson.

The text is byte for byte what ``json.dumps(..., indent=2, ensure_ascii=False)``
gives, at a fraction of the time: each session is encoded by orjson and
indented into place. Where orjson would write a number differently (floats
in exponent range, integers beyond 64 bits) that session goes through the
standard library's encoder instead.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from vcf_tui.export.rows import Flat

FORMAT = "vcf-export/1"
INDENT = b"\n    "  # a session sits two levels deep: {"sessions": [ SESSION ]}
_EXPONENT = re.compile(rb"e[-+][0-9]")  # orjson always signs an exponent: 1e+16, 5.9e-6
_MANTISSA = frozenset(b"0123456789.")


def _spelled_otherwise(encoded: bytes) -> bool:
    """Whether orjson's output may hold a number json.dumps spells otherwise (1e-05 / 0.00001, 1e+16).

    A number token stands after a space (``": "`` or indentation); text in a
    string that looks like one only costs the slow way.
    """
    if b"0.0000" in encoded:
        return True
    for match in _EXPONENT.finditer(encoded):
        start = match.start()
        while start and encoded[start - 1] in _MANTISSA:
            start -= 1
        if start == match.start():
            continue  # no digits before the e: text
        if encoded[start - 1 : start] == b"-":
            start -= 1
        if encoded[start - 1 : start] == b" ":
            return True
    return False


def _session_bytes(session: dict[str, Any]) -> bytes:
    """One session as json.dumps(indent=2, ensure_ascii=False) spells it at level 0."""
    try:
        encoded = orjson.dumps(session, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # an integer beyond 64 bits, a key that is not a string
        encoded = b""
    if not encoded or _spelled_otherwise(encoded):
        encoded = json.dumps(session, indent=2, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return encoded


def to_json(flat: Flat) -> str:
    """The export document: ``{"format": ..., "sessions": [...]}``, each answer with its codings."""
    parts = [b'{\n  "format": ' + orjson.dumps(FORMAT) + b',\n  "sessions": [']
    for number, session in enumerate(flat.sessions):
        answers = [dict(a, codings=flat.codings.get(a["answer_id"], [])) for a in flat.answers[session["session_id"]]]
        encoded = _session_bytes({**session, "answers": answers})
        parts.append(("," if number else "").encode() + INDENT + encoded.replace(b"\n", INDENT))
    parts.append(b"\n  ]\n}\n" if flat.sessions else b"]\n}\n")
    return b"".join(parts).decode("utf-8", "surrogatepass")
