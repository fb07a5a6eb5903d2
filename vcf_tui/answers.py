"""Checking and normalising one answer to one question, by question type."""

from __future__ import annotations

from typing import Any

from vcf_tui.instrument.model import OTHER_PREFIX, Question


class InvalidAnswer(ValueError):
    """The answer does not fit the question; the message says why, for a person."""


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def check_answer(question: Question, raw: Any) -> Any:
    """Return the value to store for ``raw``, or None for a skipped optional question."""
    if question.type == "note":
        return None
    if is_blank(raw):
        if question.required:
            raise InvalidAnswer("An answer is required.")
        return None
    checker = _CHECKERS[question.type]
    return checker(question, raw)


def _text(question: Question, raw: Any) -> str:
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise InvalidAnswer("Give the answer as text.")
    text = str(raw)
    return text.strip() if question.type == "text" else text.rstrip()


def _number(question: Question, raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise InvalidAnswer("Give a number.")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        try:
            value = float(str(raw).strip().replace(",", "."))
        except ValueError:
            raise InvalidAnswer(f"'{raw}' is not a number.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidAnswer(f"'{raw}' is not a number.")
    if question.integer and not value.is_integer():
        raise InvalidAnswer("Give a whole number.")
    low, high = question.minimum, question.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        raise InvalidAnswer(f"Give a number from {_show(low)} to {_show(high)}.")
    return int(value) if value.is_integer() else value


def _show(bound: float | None) -> str:
    if bound is None:
        return "any"
    return str(int(bound)) if float(bound).is_integer() else str(bound)


def _one_choice(question: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raw = str(raw)
    values = [choice.value for choice in question.choices]
    if raw in values:
        return raw
    if question.other:
        text = raw[len(OTHER_PREFIX) :] if raw.startswith(OTHER_PREFIX) else raw
        if text.strip():
            return OTHER_PREFIX + text.strip()
        raise InvalidAnswer("Say what 'Other' is.")
    raise InvalidAnswer(f"'{raw}' is not one of the choices: {', '.join(values)}.")


def _single(question: Question, raw: Any) -> str:
    if isinstance(raw, list):
        raise InvalidAnswer("Pick one choice only.")
    return _one_choice(question, raw)


def _multi(question: Question, raw: Any) -> list[str]:
    items = raw if isinstance(raw, list) else [raw]
    chosen = list(dict.fromkeys(_one_choice(question, item) for item in items))
    low, high = question.min_choices, question.max_choices
    if low is not None and len(chosen) < low:
        raise InvalidAnswer(f"Pick at least {low}.")
    if high is not None and len(chosen) > high:
        raise InvalidAnswer(f"Pick at most {high}.")
    return chosen


_CHECKERS = {
    "single": _single,
    "multi": _multi,
    "scale": _number,
    "number": _number,
    "text": _text,
    "longtext": _text,
}
