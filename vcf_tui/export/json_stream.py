"""``export --format json`` from streamed records (``export.streamed``): one session at a time, in bounded memory.

Each session is built as ``rows.flatten`` and ``json_export.to_json`` build
it: sessions by start time, answers in questionnaire order, personal answers
left out when asked, each story step with ``loop``, each answer with its
codings. The answers' kept encodings are put in place with the session's
own fields, ``loop`` and ``codings`` added at their end: the bytes orjson
gives for the whole session. Where that may not be what ``json.dumps`` gives
(a number spelt otherwise, a record orjson cannot encode, a key the export
adds already there, names to redact), the session's records are decoded and
go the way ``json_export.json_bytes`` goes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from vcf_tui.export.json_export import INDENT, json_bytes, spelled_otherwise
from vcf_tui.export.privacy import Privacy, is_personal
from vcf_tui.export.questions import Questionnaire
from vcf_tui.export.rows import NO_INSTRUMENT, exported_sessions, mark_loops, questionnaires_of, story_loops
from vcf_tui.export.sources import session_instruments
from vcf_tui.export.streamed import RECORD_END, Body, KeptAnswer, StepPlace, StoryPlace, Streamed, record_of

# An answer is kept encoded at level 0 (``streamed.body_of``); in the document its session sits at level 2
# ({"sessions": [ SESSION ]}) and the answer at level 4 ({"answers": [ ANSWER ]}): 8 spaces more.
ANSWER_INDENT = b"\n        "
LOOP = {True: b',\n  "loop": true', False: b',\n  "loop": false'}
NO_CODINGS = b',\n  "codings": []'
ANSWER_END = RECORD_END + b",\n"
Position = tuple[int, int, int, str]


@dataclass
class StreamedExport:
    """The sessions of a streamed json export, and how to encode each with its answers."""

    sessions: list[dict[str, Any]]
    streamed: Streamed
    privacy: Privacy
    questionnaires: dict[str, Questionnaire]
    remembered: dict[tuple[Any, ...], tuple[Position, bool]] = field(default_factory=dict)  # by ``place`` below

    def shown_sessions(self) -> Iterator[tuple[dict[str, Any], list[KeptAnswer], set[str]]]:
        """Each session with its shown answers in questionnaire order (dropped once given) and the answer ids of
        its story steps that loop."""
        answers = self.streamed.answers
        for session in self.sessions:
            kept = answers.pop(session["session_id"], [])  # dropped once written
            yield (session, *self.shown(session, kept))

    def encoded_sessions(self) -> Iterator[bytes]:
        """Each session with its answers and their codings, encoded in place (what ``flat_sessions`` gives)."""
        for session, shown, looping in self.shown_sessions():
            fast = self._fast(session, shown, looping)
            yield fast if fast is not None else self._slow(session, shown, looping)

    def questionnaire(self, session: dict[str, Any]) -> Questionnaire:
        return self.questionnaires.get(session["session_id"], NO_INSTRUMENT)

    def shown(self, session: dict[str, Any], kept: list[KeptAnswer]) -> tuple[list[KeptAnswer], set[str]]:
        """The kept answers shown (personal ones left out when asked), in questionnaire order, and the answer ids
        of the story steps among them that loop."""
        questionnaire = self.questionnaire(session)
        remembered, instrument = self.remembered, id(questionnaire)

        def place(answer: KeptAnswer) -> tuple[Position, bool]:
            """Position and whether personal, remembered: question id, ``personal`` and story place decide them."""
            step = answer[3]
            key = (instrument, answer[1], answer[2], None if step is None else step[0])
            found = remembered.get(key)
            if found is None:
                found = remembered[key] = _place(questionnaire, answer)
            return found

        if self.privacy.drop_personal:
            kept = [answer for answer in kept if not place(answer)[1]]
        shown = sorted(kept, key=lambda answer: place(answer)[0])
        steps = [_step_record(session["session_id"], answer) for answer in shown if answer[3] is not None]
        return shown, story_loops(steps) if steps else set()

    def _fast(self, session: dict[str, Any], shown: list[KeptAnswer], looping: set[str]) -> bytes | None:
        """The session put together from its answers' encodings; None where that may differ from json.dumps."""
        if self.privacy.redactor.pattern is not None or "answers" in session:
            return None
        codings = self.streamed.codings
        parts = []
        for answer_id, _, _, step, body in shown:
            if not isinstance(body, bytes):
                return None
            parts.append(body)
            if step is not None:
                parts.append(LOOP[answer_id in looping])
            if answer_id in codings:
                listed = _listed(codings[answer_id])
                if listed is None:
                    return None
                parts += (b',\n  "codings": ', listed)
            else:
                parts.append(NO_CODINGS)
            parts.append(ANSWER_END)
        try:
            head = orjson.dumps(session, option=orjson.OPT_INDENT_2)
        except orjson.JSONEncodeError:
            return None
        if parts:
            parts[-1] = RECORD_END
            answers = b"".join((b"[", ANSWER_INDENT, b"".join(parts).replace(b"\n", ANSWER_INDENT), INDENT, b"  ]"))
        else:
            answers = b"[]"
        encoded = b"".join(
            (head[: -len(RECORD_END)].replace(b"\n", INDENT), b",", INDENT, b'  "answers": ', answers, INDENT, b"}")
        )
        return None if spelled_otherwise(encoded) else encoded

    def _slow(self, session: dict[str, Any], shown: list[KeptAnswer], looping: set[str]) -> bytes:
        """The session from its decoded records, as ``json_export.flat_sessions`` encodes it."""
        redactor = self.privacy.redactor
        answers = [redactor.record(record_of(answer[-1])) for answer in shown]
        mark_loops(answers, looping)
        codings = self.streamed.codings
        with_codings = [
            dict(a, codings=[redactor.record(record_of(c)) for c in codings.get(a["answer_id"], [])]) for a in answers
        ]
        return json_bytes({**session, "answers": with_codings}).replace(b"\n", INDENT)


def streamed_export(streamed: Streamed, privacy: Privacy, instruments_dir: Path) -> StreamedExport:
    """The sessions to export, by start time, each with its questionnaire."""
    tables = streamed.tables
    sessions = exported_sessions(tables["sessions"].values(), streamed.source_file, privacy)
    stored = list(tables["instruments"].values())
    questionnaires = questionnaires_of(session_instruments(sessions, stored, instruments_dir))
    return StreamedExport(sessions, streamed, privacy, questionnaires)


def _place(questionnaire: Questionnaire, answer: KeptAnswer) -> tuple[Position, bool]:
    """The answer's position in the questionnaire and whether it is personal (``privacy.is_personal``)."""
    _, question_id, personal, step, _ = answer
    placed = {"question_id": question_id, "story": _story(None if step is None else step[0]), "personal": personal}
    return questionnaire.position(placed), is_personal(placed, questionnaire.question(placed))


def _story(place: StoryPlace | None) -> dict[str, Any] | None:
    """The fields of an answer's ``story`` that place it."""
    if place is None:
        return None
    section, instance, step_id, position = place
    return {"section": section, "instance": instance, "step": step_id, "position": position}


def _step_record(session_id: str, answer: KeptAnswer) -> dict[str, Any]:
    """The fields of a story step that ``rows.story_loops`` reads."""
    step: StepPlace = answer[3]  # type: ignore[assignment]
    place, given, cycle, answered_at = step
    return {
        "session_id": session_id,
        "answer_id": answer[0],
        "story": _story(place),
        "value": True if given else None,
        "cycles": None if cycle is None else [cycle],
        "answered_at": answered_at,
    }


def _listed(codings: list[Body]) -> bytes | None:
    """Encoded codings as the indented list an answer's field holds (at level 1); None if one was not encoded."""
    if not all(isinstance(c, bytes) for c in codings):
        return None
    items = b",\n".join(c + RECORD_END for c in codings)  # type: ignore[operator]
    return b"".join((b"[\n    ", items.replace(b"\n", b"\n    "), b"\n  ]"))
