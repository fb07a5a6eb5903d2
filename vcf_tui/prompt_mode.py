"""Plain prompts (questionary) over the engine: for screen readers, SSH and small terminals.

Input and output can be injected (``input=``, ``output=``) so tests drive it
with prompt_toolkit pipes.
"""

from __future__ import annotations

from typing import Any

import questionary
from questionary import Choice

from vcf_tui.analysis.prose import reflow
from vcf_tui.answers import InvalidAnswer
from vcf_tui.instrument.model import OTHER_PREFIX, Question
from vcf_tui.recorder import Recorder
from vcf_tui.steps import TEXT_STEPS, AnotherStoryStep, ConsentStep, Step, TagStep

BACK = object()
SKIP = object()
OTHER = object()


class PromptSession:
    """Asks each step of a Recorder's session with questionary until the end."""

    def __init__(self, recorder: Recorder, echo: Any = print, **io: Any) -> None:
        self.recorder = recorder
        self.mode = recorder.engine.mode
        self.io = io
        self.echo = echo
        self._section: str | None = None

    def run(self) -> None:
        """Ask until the session ends; Ctrl-C raises KeyboardInterrupt with every answer saved."""
        while (step := self.recorder.current) is not None:
            self._show_context(step)
            raw = self.ask(step)
            if raw is BACK:
                self.recorder.back()
                continue
            try:
                self.recorder.submit(raw)
            except InvalidAnswer as error:
                self.echo(f"  ! {error}")

    # -- context ---------------------------------------------------------
    def _show_context(self, step: Step) -> None:
        section = step.section
        if section is not None and section.id != self._section:
            self._section = section.id
            self.echo(f"\n== {section.title} ==")
            if section.intro:
                self.echo(reflow(section.intro))
        k, n = self.recorder.engine.progress()
        cycles = ", ".join(step.cycles) if self.mode == "interview" else ""
        self.echo(f"\n[{k}/{n}]" + (f" ({cycles})" if cycles else ""))
        if step.probe and self.mode == "interview":
            self.echo(f"  Probe: {step.probe}")

    # -- asking ----------------------------------------------------------
    def ask(self, step: Step) -> Any:
        current = self.recorder.engine.value(step)
        can_go_back = self.recorder.engine.position > 0
        if isinstance(step, ConsentStep):
            self.echo(reflow(self.recorder.engine.instrument.consent))
            return self._yes_no(step.prompt(self.mode), "I agree", "I do not agree", can_go_back=False)
        if isinstance(step, AnotherStoryStep):
            return self._yes_no(step.prompt(self.mode), "Yes", "No", can_go_back)
        if isinstance(step, TEXT_STEPS):
            return self._text(step.prompt(self.mode), current, multiline=True, optional=True,
                              can_go_back=can_go_back)
        if isinstance(step, TagStep):
            return self._tag(step, current, can_go_back)
        question = step.question
        text = step.prompt(self.mode)
        if question.type == "note":
            self.echo(reflow(text))
            return self._select("Continue", [Choice("Continue", value=None)], None, can_go_back)
        if question.type == "single":
            return self._single(question, text, current, can_go_back)
        if question.type == "multi":
            return self._multi(question, text, current)
        if question.type == "scale":
            points = [Choice(label, value=point) for point, label in question.points()]
            return self._select(text, points, current, can_go_back, optional=not question.required)
        return self._text(text, current, multiline=question.type == "longtext", optional=not question.required,
                          can_go_back=can_go_back, step=step)

    def _select(self, text: str, choices: list[Choice], current: Any, can_go_back: bool,
                optional: bool = False) -> Any:
        options = list(choices)
        if optional:
            options.append(Choice("(skip)", value=SKIP))
        if can_go_back:
            options.append(Choice("<- back", value=BACK))
        default = next((c for c in options if c.value == current), None)
        answer = questionary.select(text, choices=options, default=default, **self.io).unsafe_ask()
        return None if answer is SKIP else answer

    def _tag(self, step: TagStep, current: Any, can_go_back: bool) -> Any:
        """A told step's cycle: by cycle name in interview mode, by the steps' plain prompts in self mode."""
        options = step.options(self.mode)
        shown = [option.prompt if self.mode == "self" else f"{option.label}: {option.prompt}" for option in options]
        choices = [Choice(f"{n}. {text}", value=option.cycle)
                   for n, (text, option) in enumerate(zip(shown, options, strict=True), 1)]
        return self._select(step.prompt(self.mode), choices, current, can_go_back)

    def _yes_no(self, text: str, yes: str, no: str, can_go_back: bool) -> Any:
        return self._select(text, [Choice(f"1. {yes}", value=True), Choice(f"2. {no}", value=False)],
                            None, can_go_back)

    def _single(self, question: Question, text: str, current: Any, can_go_back: bool) -> Any:
        choices = [Choice(c.label, value=c.value) for c in question.choices]
        if question.other:
            choices.append(Choice("Other...", value=OTHER))
        if isinstance(current, str) and current.startswith(OTHER_PREFIX):
            current = OTHER
        answer = self._select(text, choices, current, can_go_back, optional=not question.required)
        if answer is OTHER:
            other = questionary.text("Other, please say:", **self.io).unsafe_ask()
            return OTHER_PREFIX + other.strip() if other.strip() else ""
        return answer

    def _multi(self, question: Question, text: str, current: Any) -> Any:
        chosen = set(current or [])
        choices = [Choice(c.label, value=c.value, checked=c.value in chosen) for c in question.choices]
        if question.other:
            choices.append(Choice("Other...", value=OTHER, checked=any(str(v).startswith(OTHER_PREFIX)
                                                                        for v in chosen)))
        answer = questionary.checkbox(text, choices=choices, **self.io).unsafe_ask()
        if OTHER in answer:
            answer.remove(OTHER)
            other = questionary.text("Other, please say:", **self.io).unsafe_ask()
            if other.strip():
                answer.append(OTHER_PREFIX + other.strip())
        return answer

    def _text(self, text: str, current: Any, multiline: bool, optional: bool, can_go_back: bool,
              step: Step | None = None) -> Any:
        hints = []
        if multiline:
            hints.append("Esc then Enter to finish")
        if optional:
            hints.append("empty to skip")
        if can_go_back:
            hints.append("'<' to go back")
        engine = self.recorder.engine

        def validate(answer: str) -> bool | str:
            if step is None or (can_go_back and answer.strip() == "<"):
                return True
            try:
                engine.check(step, answer)
            except InvalidAnswer as error:
                return str(error)
            return True

        answer = questionary.text(text, default="" if current is None else str(current), multiline=multiline,
                                  instruction=f"({'; '.join(hints)})" if hints else None,
                                  validate=validate, **self.io).unsafe_ask()
        if can_go_back and answer.strip() == "<":
            return BACK
        return answer
