"""One shape check per table: what a record must look like before any reader relies on it.

Fields a check does not name are kept as they are (a newer vcf-tui may add
them); named fields are checked only for their type, so that tallies,
exports and screens never meet, say, a value that is an object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vcf_tui.store.records import KEYS, content_key

Check = Callable[[Any], bool]


def _text(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def _text_or_null(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _mapping_or_null(value: Any) -> bool:
    return value is None or isinstance(value, dict)


def _of_story(value: Any) -> bool:
    """A story's place: ``{section, instance}`` with text and a whole number."""
    return value is None or (isinstance(value, dict) and _text(value.get("section")) and _int(value.get("instance")))


def _story(value: Any) -> bool:
    """A story step's place: as ``_of_story`` plus the step's id and, when given, its position."""
    return value is None or (
        _of_story(value) and _text(value.get("step")) and (value.get("position") is None or _int(value["position"]))
    )


def _bool_or_null(value: Any) -> bool:
    return value is None or isinstance(value, bool)


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _value(value: Any) -> bool:
    return _scalar(value) or (isinstance(value, list) and all(_scalar(item) for item in value))


def _list_of_text(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _version(value: Any) -> bool:
    return value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool))


_WHAT: dict[Check, str] = {
    _text: "non-empty text",
    _text_or_null: "text or null",
    _int: "a whole number",
    _mapping_or_null: "an object or null",
    _bool_or_null: "true, false or null",
    _of_story: "null or {section: text, instance: whole number}",
    _story: "null or {section, instance, step, position}",
    _scalar: "a single value",
    _value: "text, a number, true/false, a list or null",
    _list_of_text: "a list of text",
    _version: "a version (text or number)",
}

# table -> field -> (check, required)
FIELDS: dict[str, dict[str, tuple[Check, bool]]] = {
    "meta": {
        "file_id": (_text, True),
        "schema": (_int, True),
        "device": (_text_or_null, False),
        "created_at": (_text_or_null, False),
        "journal": (_mapping_or_null, False),
    },
    "sessions": {
        "session_id": (_text, True),
        "instrument_id": (_text_or_null, False),
        "framework": (_text_or_null, False),
        "instrument_version": (_version, False),
        "instrument_sha256": (_text_or_null, False),
        "mode": (_text_or_null, False),
        "status": (_text_or_null, False),
        "consent": (_mapping_or_null, False),
        "another_story": (_mapping_or_null, False),
        "story_ends": (_mapping_or_null, False),
        "interviewer": (_text_or_null, False),
        "respondent": (_text_or_null, False),
        "wave": (_text_or_null, False),
        "started_at": (_text_or_null, False),
        "updated_at": (_text_or_null, False),
        "completed_at": (_text_or_null, False),
    },
    "answers": {
        "answer_id": (_text, True),
        "session_id": (_text, True),
        "question_id": (_text_or_null, False),
        "section_id": (_text_or_null, False),
        "type": (_text_or_null, False),
        "value": (_value, False),
        "scale": (_mapping_or_null, False),
        "capital": (_text_or_null, False),
        "evidence": (_text_or_null, False),
        "self_text": (_text_or_null, False),
        "cycles": (_list_of_text, False),
        "revision": (_int, False),
        "story": (_story, False),
        "note": (_text_or_null, False),
        "hidden": (_bool_or_null, False),
        "personal": (_bool_or_null, False),
        "of_story": (_of_story, False),
        "evidence_text": (_text_or_null, False),
        "indicator": (_text_or_null, False),
        "updated_at": (_text_or_null, False),
        "answered_at": (_text_or_null, False),
    },
    "codings": {
        "coding_id": (_text, True),
        "answer_id": (_text, True),
        "session_id": (_text_or_null, False),
        "cycle": (_text_or_null, False),
        "coder": (_text_or_null, False),
        "comment": (_text_or_null, False),
        "revision": (_int, False),
        "removed": (_bool_or_null, False),
        "at": (_text_or_null, False),
        "updated_at": (_text_or_null, False),
    },
    "instruments": {
        "instrument_sha256": (_text, True),
        "instrument_id": (_text_or_null, False),
        "version": (_version, False),
        "yaml": (_text_or_null, False),
    },
    "observations": {
        "observation_id": (_text, True),
        "cycle": (_text_or_null, False),
        "indicator": (_text_or_null, False),
        "value": (_scalar, False),
        "period": (_text_or_null, False),
        "scope": (_text_or_null, False),
        "source": (_text_or_null, False),
        "note": (_text_or_null, False),
    },
    "story_reviews": {
        "review_id": (_text, True),
        "session_id": (_text_or_null, False),
        "revision": (_int, False),
    },
}


# types every value of which a check accepts: tested first, as most values are of them (a load checks every record)
_ACCEPTS: dict[Check, frozenset[type]] = {
    _text_or_null: frozenset({str, type(None)}),
    _int: frozenset({int}),
    _mapping_or_null: frozenset({dict, type(None)}),
    _bool_or_null: frozenset({bool, type(None)}),
    _scalar: frozenset({str, int, float, bool, type(None)}),
    _value: frozenset({str, int, float, bool, type(None)}),
    _version: frozenset({str, int, float, type(None)}),
}
_NONE: frozenset[type] = frozenset()
_MISSING = object()
_PLANS: dict[str, list[tuple[str, Check, bool, frozenset[type]]]] = {
    table: [(name, check, required, _ACCEPTS.get(check, _NONE)) for name, (check, required) in fields.items()]
    for table, fields in FIELDS.items()
}


def problem(table: str, record: Any) -> str | None:
    """Why ``record`` cannot be a record of ``table``, or None if it can (an unknown table takes any object)."""
    if not isinstance(record, dict):
        return "not an object"
    if table not in KEYS:  # keyed by its content: it must encode (orjson stops at 255 levels of nesting)
        try:
            content_key(record)
        except TypeError as error:
            return f"cannot be keyed by its content ({error})"
        return None
    plan = _PLANS.get(table) or [(KEYS[table], _text, True, _NONE)]
    for field, check, required, accepted in plan:
        value = record.get(field, _MISSING)
        if value is _MISSING:
            if required:
                return f"no '{field}'"
        elif type(value) not in accepted and not check(value):
            return f"'{field}' is not {_WHAT[check]}"
    return None
