"""A blank answers file for ``vcf-tui ask INSTRUMENT --answers``, printed by ``ask --template``.

Every question and story is there, blank, with what it takes as a comment;
filled in, the file replays as it stands (a blank answer is a skip).
"""

from __future__ import annotations

from vcf_tui.instrument.model import AllOf, AnyOf, Condition, Instrument, Not, Question, Section, Test
from vcf_tui.steps import FIRST_STEP_PROMPT
from vcf_tui.text import one_line


def answers_template(instrument: Instrument) -> str:
    """The YAML text of a blank answers file for ``instrument``."""
    lines = [
        f"# Answers for {instrument.id} {plain(instrument.version)}: {plain(instrument.title)}",
        f"# Fill in, then save as one session with: vcf-tui ask {instrument.id} --answers THIS-FILE",
        "# A blank answer is skipped (a required one must be given). Choices are written as listed;",
        "# a multi answer is a list such as [a, b]; a long text may follow '|' on indented lines.",
        "respondent:   # respondent id (a pseudonym, not a name)",
        "interviewer:  # optional",
        "wave:         # optional time point, e.g. baseline or 12-months",
    ]
    if instrument.consent:
        lines.append("consent:      # true when the respondent agrees to take part")
    lines += [
        "# mode: self  # optional: interview (the default) or self",
        "# notes: {question-id: the interviewer's note}  # optional",
    ]
    questions = [s for s in instrument.sections if not s.is_story and any(q.type != "note" for q in s.questions)]
    lines.append("answers:" if questions else "answers: {}")
    for section in questions:
        lines += _section_lines(section)
    stories = [s for s in instrument.sections if s.is_story]
    if stories:
        lines.append("stories:")
    for section in stories:
        lines += _story_lines(section)
    return "\n".join(lines) + "\n"


def plain(text: object) -> str:
    """Instrument text for a comment: on one line, its control characters made visible."""
    return one_line(" ".join(str(text).split()))


def _section_lines(section: Section) -> list[str]:
    lines = [f"  # -- {plain(section.title)}"]
    if section.when is not None:
        lines.append(f"  # (this part is asked only when {describe(section.when)})")
    for question in section.questions:
        if question.type != "note":
            lines += [f"  # {plain(question.text)}", f"  {question.id}:  # {_takes(question)}"]
    return lines


def _story_lines(section: Section) -> list[str]:
    when = f"; asked only when {describe(section.when)}" if section.when is not None else ""
    lines = [
        f"  {section.id}:  # {plain(section.title)}: a list of up to {section.repeat.max} stories, "
        f"each one '- ' entry; delete the entry if no story is told{when}"
    ]
    if section.is_told:
        lines += [
            "    - steps:  # in the order told, one '- ' entry per step, as many as the story has",
            f"        - cycle:  # {' | '.join(step.cycle for step in section.steps)}",
            f"          text:  # {plain(section.text or FIRST_STEP_PROMPT)}",
        ]
        if section.evidence_prompt:
            lines.append(f"          evidence:  # {plain(section.evidence_prompt)}")
    else:
        lines += [
            f"    {'- ' if number == 0 else '  '}{step.id}:  # {plain(step.text)}"
            for number, step in enumerate(section.steps)
        ]
        if section.evidence_prompt:
            lines.append(f"      evidence:  # for each step told: {plain(section.evidence_prompt)}")
            lines += [f"        {step.id}:" for step in section.steps]
    asked = [q for q in section.story_questions if q.type != "note"]
    if asked:
        lines.append("      answers:  # asked once per story, after its steps")
        for question in asked:
            lines += [f"        # {plain(question.text)}", f"        {question.id}:  # {_takes(question)}"]
    return lines


def _takes(question: Question) -> str:
    """What a question takes, for its comment: type, whether required, choices or range, condition."""
    parts = [question.type + (", required" if question.required else "") + (", personal" if question.personal else "")]
    if question.type in ("single", "multi"):
        if question.type == "multi":
            parts.append(_count_range(question))
        choices = [plain(c.value if c.value == c.label else f"{c.value} ({c.label})") for c in question.choices]
        if question.other:
            choices.append("any other text")
        parts.append("choices: " + " | ".join(choices))
    elif question.type == "scale":
        points = ", ".join(f"{p} = {plain(label)}" for p, label in sorted(question.labels.items()))
        parts.append(f"{_number(question.minimum)} to {_number(question.maximum)}" + (f" ({points})" if points else ""))
    elif question.type == "number":
        bounds = f"from {_number(question.minimum)} to {_number(question.maximum)}"
        parts.append(bounds + (", a whole number" if question.integer else ""))
    elif question.type == "longtext":
        parts.append("several lines after '|'")
    if question.when is not None:
        parts.append(f"asked only when {describe(question.when)}")
    return "; ".join(p for p in parts if p)


def _count_range(question: Question) -> str:
    low, high = question.min_choices, question.max_choices
    if low is not None and high is not None:
        return f"a list of {low} to {high}"
    if low is not None:
        return f"a list of at least {low}"
    return f"a list of at most {high}" if high is not None else "a list"


def _number(bound: float | None) -> str:
    if bound is None:
        return "any"
    return str(int(bound)) if float(bound).is_integer() else str(bound)


def describe(condition: Condition) -> str:
    """A condition as a short phrase: ``meetings not in [None] and confidence at least 3``."""
    if isinstance(condition, Test):
        operand = condition.operand
        shown = f"[{', '.join(map(str, operand))}]" if isinstance(operand, list | tuple) else str(operand)
        return plain(f"{condition.question} {condition.op.replace('_', ' ')} {shown}")
    if isinstance(condition, AllOf):
        return " and ".join(_grouped(part) for part in condition.parts)
    if isinstance(condition, AnyOf):
        return " or ".join(_grouped(part) for part in condition.parts)
    assert isinstance(condition, Not)
    return f"not {_grouped(condition.part)}"


def _grouped(condition: Condition) -> str:
    text = describe(condition)
    return f"({text})" if isinstance(condition, AllOf | AnyOf) else text
