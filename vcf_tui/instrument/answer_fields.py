"""Read what a question's answer may be: choices (single, multi), scale points and number bounds."""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from vcf_tui.instrument.model import Choice
from vcf_tui.instrument.nodes import Entries, NodeReader

SCALE_KEYS = {"min", "max", "labels"}
CHOICE_KEYS = {"value", "label"}
MAX_SCALE_POINTS = 101


def choice_fields(reader: NodeReader, entries: Entries, node: Node, qtype: str) -> dict[str, Any]:
    """``choices``, ``other`` and, for multi, ``min_choices``/``max_choices`` (at most the options offered)."""
    other = reader.flag(entries, "other")
    choices = _choices(reader, entries, node, qtype)
    fields: dict[str, Any] = {"other": other, "choices": choices}
    if qtype != "multi":
        for key in ("min_choices", "max_choices"):
            if key in entries:
                reader.problem(entries[key][0], f"'{key}' applies only to 'multi' questions")
        return fields
    low = reader.optional_number(entries, "min_choices", integer=True)
    high = reader.optional_number(entries, "max_choices", integer=True)
    offered = len(choices) + other
    what = f"the {len(choices)} choices" + (" and 'Other'" if other else "")
    for key, value in (("min_choices", low), ("max_choices", high)):
        if value is not None and value < 0:
            reader.problem(entries[key][1], f"{key} ({value}) cannot be negative")
        elif value is not None and choices and value > offered:
            reader.problem(entries[key][1], f"{key} ({value}) is more than {what}")
    if low is not None and high is not None and low > high:
        reader.problem(entries["min_choices"][1], f"min_choices ({low}) is more than max_choices ({high})")
    fields.update(min_choices=low, max_choices=high)
    return fields


def _choices(reader: NodeReader, entries: Entries, node: Node, qtype: str) -> tuple[Choice, ...]:
    if "choices" not in entries:
        reader.problem(node, f"a '{qtype}' question needs 'choices'")
        return ()
    items = entries["choices"][1]
    if not isinstance(items, SequenceNode) or not items.value:
        reader.problem(items, f"a '{qtype}' question needs a non-empty list of choices")
        return ()
    choices: list[Choice] = []
    for item in items.value:
        choice = _choice(reader, item)
        if choice is None:
            continue
        if any(c.value == choice.value for c in choices):
            reader.problem(item, f"duplicate choice '{choice.value}'")
            continue
        choices.append(choice)
    return tuple(choices)


def _choice(reader: NodeReader, node: Node) -> Choice | None:
    if isinstance(node, ScalarNode):
        return Choice(node.value, node.value)
    entries = reader.mapping(node, CHOICE_KEYS, "a choice")
    if entries is None or not reader.require(entries, node, ("value",), "a choice"):
        return None
    value = reader.text(entries, "value") or ""
    return Choice(value, reader.text(entries, "label") or value)


def bound_fields(reader: NodeReader, entries: Entries, node: Node, qtype: str) -> dict[str, Any]:
    """``minimum``, ``maximum``, ``integer`` and ``labels`` of a scale or number question."""
    bounds = entries
    if "scale" in entries:
        scale = reader.mapping(entries["scale"][1], SCALE_KEYS, "a scale")
        bounds = scale if scale is not None else {}
        if qtype != "scale":
            reader.problem(entries["scale"][0], "'scale' applies only to 'scale' questions")
    integer = qtype == "scale" or reader.flag(entries, "integer")
    low = reader.optional_number(bounds, "min", integer=integer)
    high = reader.optional_number(bounds, "max", integer=integer)
    if qtype == "scale" and ("min" not in bounds or "max" not in bounds):
        reader.problem(node, "a 'scale' question needs 'min' and 'max' (in 'scale:' or on the question)")
    if low is not None and high is not None and low >= high:
        reader.problem(bounds["min"][1], f"bad bounds: min ({low}) must be less than max ({high})")
    if qtype == "scale" and low is not None and high is not None and high - low >= MAX_SCALE_POINTS:
        reader.problem(bounds["max"][1], f"bad scale: {low} to {high} has more than {MAX_SCALE_POINTS} points")
    labels: dict[int, str] = {}
    if "labels" in bounds:
        labels = _labels(reader, bounds["labels"][1], low, high)
    return {"minimum": low, "maximum": high, "integer": integer, "labels": labels}


def _labels(reader: NodeReader, node: Node, low: float | None, high: float | None) -> dict[int, str]:
    if not isinstance(node, MappingNode):
        reader.problem(node, "labels must map scale points to text, like {1: Not at all}")
        return {}
    labels: dict[int, str] = {}
    for key_node, value_node in node.value:
        point = reader.number(key_node, "a label's point", integer=True)
        if point is None:
            continue
        if low is not None and high is not None and not low <= point <= high:
            reader.problem(key_node, f"label point {point} is outside the scale {low} to {high}")
            continue
        if not isinstance(value_node, ScalarNode):
            reader.problem(value_node, f"the label of point {point} must be text")
            continue
        labels[int(point)] = value_node.value
    return labels
