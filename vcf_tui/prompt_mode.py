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
from vcf_tui.text import printable

BACK = object()
SKIP = object()
OTHER = object()
ANSWER = "Answer:"  # the prompt line stays short; the question is printed above it


class PromptSession:
    """Asks each step of a Recorder's session with questionary until the end."""

    def __init__(self, recorder: Recorder, echo: Any = print, **io: Any) -> None:
        self.recorder = recorder
        self.mode = recorder.engine.mode
        self.io = io
        self.echo = echo
        self._section: tuple[str, int] | None = None

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
                self.echo(printable(f"  ! {error}"))

    # -- context ---------------------------------------------------------
    def _show_context(self, step: Step) -> None:
        """The part of the instrument (a fixed count, so progress never jumps back) and, for interviewers, the lens."""
        section = step.section
        instance = getattr(step, "instance", 1)  # which story, for the steps of a story section
        place = (section.id, instance) if section is not None else None
        if section is not None and place != self._section:
            sections = self.recorder.engine.instrument.sections
            part = f"part {sections.index(section) + 1} of {len(sections)}"
            story = f", story {instance}" if section.is_story and instance > 1 else ""
            self.echo(printable(f"\n== {section.heading(self.mode)} ({part}{story}) =="))
            if section.intro and (self._section is None or self._section[0] != section.id):
                self.echo(printable(reflow(section.intro)))
            self._section = place
        self.echo("")
        if self.mode == "interview":
            if step.cycles:
                self.echo(printable(f"[{', '.join(step.cycles)}]"))
            if step.probe:
                self.echo(printable(f"  Probe: {step.probe}"))

    def _say(self, text: str | None) -> None:
        """Print instrument text as plain lines: never cut off or blanked by a prompt's layout."""
        self.echo(printable(reflow(text)))

    # -- asking ----------------------------------------------------------
    def ask(self, step: Step) -> Any:
        """Print the step's text, then prompt for its answer with a short prompt line."""
        current = self.recorder.engine.value(step)
        can_go_back = self.recorder.engine.position > 0
        if isinstance(step, ConsentStep):
            self._say(self.recorder.engine.instrument.consent)
            return self._yes_no(step.prompt(self.mode), "I agree", "I do not agree", can_go_back=False)
        self._say(step.prompt(self.mode))
        if isinstance(step, AnotherStoryStep):
            return self._yes_no(ANSWER, "Yes", "No", can_go_back)
        if isinstance(step, TEXT_STEPS):
            return self._text(current, multiline=True, optional=True, can_go_back=can_go_back)
        if isinstance(step, TagStep):
            return self._tag(step, current, can_go_back)
        question = step.question
        if question.type == "note":
            return self._select("Continue", [Choice("Continue", value=None)], None, can_go_back)
        if question.type == "single":
            return self._single(question, current, can_go_back)
        if question.type == "multi":
            return self._multi(question, current)
        if question.type == "scale":
            points = [Choice(label, value=point) for point, label in question.points()]
            return self._select(ANSWER, points, current, can_go_back, optional=not question.required)
        return self._text(
            current,
            multiline=question.type == "longtext",
            optional=not question.required,
            can_go_back=can_go_back,
            step=step,
        )

    def _select(self, text: str, choices: list[Choice], current: Any, can_go_back: bool, optional: bool = False) -> Any:
        options = list(choices)
        if optional:
            options.append(Choice("(skip)", value=SKIP))
        if can_go_back:
            options.append(Choice("<- back", value=BACK))
        default = next((c for c in options if c.value == current), None)
        if optional and current is None:
            default = options[len(choices)]  # Enter with nothing chosen skips, as in the TUI
        answer = questionary.select(text, choices=options, default=default, **self.io).unsafe_ask()
        return None if answer is SKIP else answer

    def _tag(self, step: TagStep, current: Any, can_go_back: bool) -> Any:
        """A told step's cycle: by cycle name in interview mode, by the steps' plain prompts in self mode."""
        options = step.options(self.mode)
        shown = [option.prompt if self.mode == "self" else f"{option.label}: {option.prompt}" for option in options]
        choices = [
            Choice(f"{n}. {text}", value=option.cycle)
            for n, (text, option) in enumerate(zip(shown, options, strict=True), 1)
        ]
        return self._select(ANSWER, choices, current, can_go_back)

    def _yes_no(self, text: str, yes: str, no: str, can_go_back: bool) -> Any:
        return self._select(text, [Choice(f"1. {yes}", value=True), Choice(f"2. {no}", value=False)], None, can_go_back)

    def _single(self, question: Question, current: Any, can_go_back: bool) -> Any:
        choices = [Choice(c.label, value=c.value) for c in question.choices]
        if question.other:
            choices.append(Choice("Other...", value=OTHER))
        if isinstance(current, str) and current.startswith(OTHER_PREFIX):
            current = OTHER
        answer = self._select(ANSWER, choices, current, can_go_back, optional=not question.required)
        if answer is OTHER:
            other = questionary.text("Other, please say:", **self.io).unsafe_ask()
            return OTHER_PREFIX + other.strip() if other.strip() else ""
        return answer

    def _multi(self, question: Question, current: Any) -> Any:
        chosen = set(current or [])
        choices = [Choice(c.label, value=c.value, checked=c.value in chosen) for c in question.choices]
        if question.other:
            choices.append(
                Choice("Other...", value=OTHER, checked=any(str(v).startswith(OTHER_PREFIX) for v in chosen))
            )
        answer = questionary.checkbox(ANSWER, choices=choices, **self.io).unsafe_ask()
        if OTHER in answer:
            answer.remove(OTHER)
            other = questionary.text("Other, please say:", **self.io).unsafe_ask()
            if other.strip():
                answer.append(OTHER_PREFIX + other.strip())
        return answer

    def _text(self, current: Any, multiline: bool, optional: bool, can_go_back: bool, step: Step | None = None) -> Any:
        hints = []
        if multiline:
            hints.append("Esc then Enter to finish")
        if optional:
            hints.append("empty to skip")
        if can_go_back:
            hints.append("'<' to go back")
        if hints:  # on a line of their own: a multiline prompt wider than the terminal shows nothing at all
            self.echo(f"({'; '.join(hints)})")
        engine = self.recorder.engine

        def validate(answer: str) -> bool | str:
            if step is None or (can_go_back and answer.strip() == "<"):
                return True
            try:
                engine.check(step, answer)
            except InvalidAnswer as error:
                return str(error)
            return True

        answer = questionary.text(
            ANSWER,
            default="" if current is None else str(current),
            multiline=multiline,
            instruction="",
            validate=validate,
            **self.io,
        ).unsafe_ask()
        if can_go_back and answer.strip() == "<":
            return BACK
        return answer
