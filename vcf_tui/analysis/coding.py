"""Coding passages (text answers and story steps) to cycles: which passages, and the coding records.

A coder's coding of one answer to one cycle is one record whose id is derived
from (answer, coder, cycle), so coding the same thing twice updates it and two
coders' copies of a file merge without collisions. Removing a coding keeps the
record with ``removed: true`` and a higher revision, so a merge sees the removal.
A coding may also carry a capital (potential value only), an indicator, a theme,
a span of the answer's text, a confidence (1-3) and a memo (``annotate``); one
coding per passage, coder and cycle, so one span and one capital per coding.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from vcf_tui.cycles import CAPITALS, CYCLES, FRAMEWORKS
from vcf_tui.errors import VcfError
from vcf_tui.store.datafile import Tables
from vcf_tui.store.records import now
from vcf_tui.stories import is_told_step, step_cycle

TEXT_TYPES = ("text", "longtext", "story")
NAMESPACE = uuid.UUID("5f0c7f0e-8a53-4d0c-9a55-3c4f6f1b2a61")
DETAILS = ("capital", "indicator", "theme", "span", "confidence", "memo")


class CodingError(VcfError):
    """A coding detail is out of range."""


@dataclass(frozen=True)
class Passage:
    """One text answer to code, with what the coder needs to see."""

    answer: dict[str, Any]
    session: dict[str, Any]

    @property
    def answer_id(self) -> str:
        return self.answer["answer_id"]

    @property
    def framework_cycles(self) -> tuple[str, ...]:
        return FRAMEWORKS.get(self.session.get("framework") or "", FRAMEWORKS["vcf-2011"])

    @property
    def designed(self) -> tuple[str, ...]:
        """The cycles the passage was designed for; for a told story step, the cycle its narrator tagged."""
        return designed_cycles(self.answer)


def designed_cycles(answer: dict[str, Any]) -> tuple[str, ...]:
    """An answer's designed cycles: the question's, or the narrator's tag on a told story step."""
    if is_told_step(answer):
        tagged = step_cycle(answer)
        return (tagged,) if tagged else ()
    return tuple(answer.get("cycles") or ())


def coding_id(answer_id: str, coder: str, cycle: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{answer_id}\0{coder}\0{cycle}"))


def active(coding: dict[str, Any]) -> bool:
    return not coding.get("removed")


def passages(
    tables: Tables,
    coder: str | None = None,
    uncoded_only: bool = False,
    instrument: str | None = None,
    question: str | None = None,
    cycle: str | None = None,
) -> list[Passage]:
    """The passages to code, in session then answer order, filtered as asked; personal answers never."""
    from vcf_tui.analysis.personal import personal_answer_ids

    personal = personal_answer_ids(tables)
    coded_by_me = {c["answer_id"] for c in tables["codings"].values() if c.get("coder") == coder and active(c)}
    sessions = tables["sessions"]
    found = []
    for answer in tables["answers"].values():
        session = sessions.get(answer.get("session_id", ""))
        value = answer.get("value")
        if session is None or answer.get("type") not in TEXT_TYPES or not isinstance(value, str) or not value.strip():
            continue
        if answer.get("hidden") or session.get("status") == "abandoned" or answer.get("answer_id") in personal:
            continue
        if instrument and session.get("instrument_id") != instrument:
            continue
        base = answer.get("story", {}) or {}
        if question and question not in (answer["question_id"], base.get("section"), base.get("step")):
            continue
        if cycle and cycle not in designed_cycles(answer):
            continue
        if uncoded_only and answer["answer_id"] in coded_by_me:
            continue
        found.append(Passage(answer, session))
    found.sort(
        key=lambda p: (p.session.get("started_at") or "", p.session["session_id"], p.answer.get("answered_at") or "")
    )
    return found


def codings_of(tables: Tables, answer_id: str, coder: str) -> list[dict[str, Any]]:
    """``coder``'s active codings of ``answer_id``, looked up by their derived ids (no scan)."""
    found = (tables["codings"].get(coding_id(answer_id, coder, cycle)) for cycle in CYCLES)
    return [c for c in found if c is not None and active(c)]


def cycles_of(tables: Tables, answer_id: str, coder: str) -> set[str]:
    """The cycles ``coder`` has coded ``answer_id`` to."""
    return {c["cycle"] for c in codings_of(tables, answer_id, coder)}


def toggle(tables: Tables, passage: Passage, coder: str, cycle: str, comment: str | None = None) -> dict[str, Any]:
    """The coding record that toggles ``cycle`` for this passage and coder (to be saved by the caller)."""
    key = coding_id(passage.answer_id, coder, cycle)
    old = tables["codings"].get(key)
    stamp = now()
    if old is None:
        return _new_coding(passage, coder, cycle, comment, stamp)
    return dict(
        old,
        removed=active(old),
        comment=comment if comment is not None else old.get("comment"),
        at=stamp,
        updated_at=stamp,
        revision=(old.get("revision") or 1) + 1,
    )


def comment_on(tables: Tables, passage: Passage, coder: str, comment: str) -> list[dict[str, Any]]:
    """Records that set ``comment`` on this coder's active codings of the passage."""
    stamp = now()
    return [
        dict(c, comment=comment, updated_at=stamp, revision=(c.get("revision") or 1) + 1)
        for c in codings_of(tables, passage.answer_id, coder)
    ]


def _new_coding(passage: Passage, coder: str, cycle: str, comment: str | None, stamp: str) -> dict[str, Any]:
    return {
        "coding_id": coding_id(passage.answer_id, coder, cycle),
        "answer_id": passage.answer_id,
        "session_id": passage.session["session_id"],
        "cycle": cycle,
        "coder": coder,
        "comment": comment,
        "at": stamp,
        "updated_at": stamp,
        "revision": 1,
        "removed": False,
    }


def annotate(tables: Tables, passage: Passage, coder: str, cycle: str, **details: Any) -> dict[str, Any]:
    """The coding record with these details set (coding the passage to ``cycle`` if it was not)."""
    unknown = set(details) - set(DETAILS)
    if unknown:
        raise CodingError(f"unknown coding detail {', '.join(sorted(unknown))} (use {', '.join(DETAILS)})")
    _check_details(details, passage, cycle)
    key = coding_id(passage.answer_id, coder, cycle)
    old = tables["codings"].get(key)
    stamp = now()
    if old is None:
        return {**_new_coding(passage, coder, cycle, None, stamp), **details}
    return {
        **old,
        **details,
        "removed": False,
        "at": stamp,
        "updated_at": stamp,
        "revision": (old.get("revision") or 1) + 1,
    }


def _check_details(details: dict[str, Any], passage: Passage, cycle: str) -> None:
    capital = details.get("capital")
    if capital is not None and (capital not in CAPITALS or cycle != "potential"):
        raise CodingError(
            f"a capital ({', '.join(CAPITALS)}) belongs to a coding to potential value, not '{capital}' on {cycle}"
        )
    confidence = details.get("confidence")
    if confidence is not None and (not isinstance(confidence, int) or not 1 <= confidence <= 3):
        raise CodingError(f"confidence must be 1, 2 or 3, not '{confidence}'")
    span = details.get("span")
    if span is not None:
        length = len(str(passage.answer.get("value") or ""))
        if (
            not isinstance(span, list | tuple)
            or len(span) != 2
            or not all(isinstance(n, int) for n in span)
            or not 0 <= span[0] < span[1] <= length
        ):
            raise CodingError(f"span must be [start, end] with 0 <= start < end <= {length}, not {span!r}")
        details["span"] = [span[0], span[1]]
    for name in ("indicator", "theme", "memo"):
        if details.get(name) is not None and not isinstance(details[name], str):
            raise CodingError(f"{name} must be text")
