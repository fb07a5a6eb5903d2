"""What an answer replies to in its instrument: the question, its wording and its place in the questionnaire."""

from __future__ import annotations

import re
from typing import Any

from vcf_tui.instrument import Instrument, Question

STORY_KEY = re.compile(r"(?P<section>[a-z0-9][a-z0-9-]*)\[(?P<instance>[0-9]+)\]\.(?P<name>.+)\Z")
UNKNOWN = 1 << 30  # answers to questions the instrument does not have go last
STORY_QUESTIONS = 1 << 20  # questions about a story come after its steps


def story_place(answer: dict[str, Any]) -> tuple[str, int, str, bool] | None:
    """(section, story number, step or question id, is a step) for an answer within a story, else None."""
    story = answer.get("story")
    if isinstance(story, dict):
        instance = story.get("instance")
        return str(story.get("section")), instance if isinstance(instance, int) else 0, str(story.get("step")), True
    question_id = str(answer.get("question_id"))
    match = STORY_KEY.match(question_id) if "[" in question_id else None
    if match is None:
        return None
    return match["section"], int(match["instance"]), match["name"], False


class Questionnaire:
    """One instrument indexed for exports (None: an instrument that could not be found)."""

    def __init__(self, instrument: Instrument | None) -> None:
        self.instrument = instrument
        sections = instrument.sections if instrument else ()
        self.questions: dict[str, Question] = {q.id: q for s in sections for q in s.questions}
        self.story_questions = {f"{s.id}.{q.id}": q for s in sections for q in s.story_questions}
        self.texts = instrument.texts() if instrument else {}
        self.texts.update({key: q.text for key, q in self.story_questions.items()})
        self.told = {s.id: s.text or "" for s in sections if s.is_told}
        self.order: dict[str, tuple[int, int]] = {}
        for s, section in enumerate(sections):
            self.order[f"{section.id}."] = (s, 0)
            for q, question in enumerate(section.questions):
                self.order[question.id] = (s, q)
            for k, step in enumerate(section.steps, 1):
                self.order[f"{section.id}.{step.id}"] = (s, k)
            for q, question in enumerate(section.story_questions):
                self.order[f"{section.id}.{question.id}"] = (s, STORY_QUESTIONS + q)

    def question(self, answer: dict[str, Any]) -> Question | None:
        """The answer's question (a question about a story included); None for story steps and unknown ids."""
        place = story_place(answer)
        if place is None:
            return self.questions.get(str(answer.get("question_id")))
        return None if place[3] else self.story_questions.get(f"{place[0]}.{place[2]}")

    def text(self, answer: dict[str, Any]) -> str:
        """What was asked: a question's or a step's text, a told story's prompt, or a question about a story."""
        place = story_place(answer)
        if place is None:
            return self.texts.get(str(answer.get("question_id")), "")
        if place[3] and place[0] in self.told:
            return self.told[place[0]]
        return self.texts.get(f"{place[0]}.{place[2]}", "")

    def position(self, answer: dict[str, Any]) -> tuple[int, int, int, str]:
        """Sort key: section, story number (0 for questions), place as asked or told, then the id of unknown ones."""
        question_id = str(answer.get("question_id"))
        place = story_place(answer)
        if place is None or f"{place[0]}." not in self.order:
            section, item = self.order.get(question_id, (UNKNOWN, 0))
            return section, 0, item, question_id
        name, instance, step, is_step = place
        section, item = self.order.get(f"{name}.{step}", (self.order[f"{name}."][0], 0))
        position = answer["story"].get("position") if is_step else None
        if isinstance(position, int):  # a told story: the order it was told in
            item = position
        return section, instance, item, question_id
