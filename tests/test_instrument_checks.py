"""Validator checks of SPEC 3 and 8: context and personal questions, choice counts, told stories, self titles."""

from textwrap import dedent

import pytest

from vcf_tui.instrument import InstrumentError, parse_instrument

HEAD = """\
format: vcf-instrument/1
id: t
version: "1"
framework: vcf-2011
sections:
"""


def load(body: str):
    return parse_instrument((HEAD + dedent(body)).encode(), "t.yaml")


def problems(body: str) -> list[tuple[int, int, str]]:
    with pytest.raises(InstrumentError) as caught:
        load(body)
    return [(p.line, p.column, p.message) for p in caught.value.problems]


def test_cycle_none_marks_a_context_question_even_in_a_section_with_a_cycle():
    instrument = load("""\
    - id: s
      cycle: immediate
      questions:
        - {id: role, type: text, text: "Your role?", cycle: none}
        - {id: q, type: text, text: a}
    """)
    assert instrument.question("role").cycles == ()
    assert instrument.question("q").cycles == ("immediate",)


def test_cycle_none_cannot_be_listed_with_cycles():
    assert problems("""\
    - id: s
      questions:
        - {id: q, type: text, text: a, cycles: [none, applied]}
    """) == [(8, 44, "'none' cannot be listed with cycles: write 'cycle: none' on its own")]


def test_cycle_and_cycles_together():
    assert problems("""\
    - id: s
      questions:
        - {id: q, type: text, text: a, cycle: applied, cycles: [applied, realised]}
    """) == [(8, 36, "give 'cycle' or 'cycles', not both")]


def test_personal_defaults_to_no_cycle_unless_it_names_one():
    instrument = load("""\
    - id: s
      cycle: immediate
      questions:
        - {id: email, type: text, text: "Your email?", personal: true}
        - {id: named, type: text, text: Name a colleague, personal: true, cycle: applied}
    """)
    assert instrument.question("email").cycles == () and instrument.question("email").personal
    assert instrument.question("named").cycles == ("applied",)


def test_min_and_max_choices_above_the_number_of_choices():
    found = problems("""\
    - id: s
      cycle: immediate
      questions:
        - {id: q, type: multi, text: a, choices: [x, y], min_choices: 3, max_choices: 4}
        - {id: r, type: multi, text: b, choices: [x, y], other: true, max_choices: 3}
    """)
    assert found == [
        (9, 67, "min_choices (3) is more than the 2 choices"),
        (9, 83, "max_choices (4) is more than the 2 choices"),
    ]


def test_required_on_a_note():
    assert problems("""\
    - id: s
      questions:
        - {id: n, type: note, text: Thanks, required: true}
    """) == [(8, 41, "'required' does not apply to a note, which asks for no answer")]


TOLD = """\
- id: context
  cycle: none
  questions:
    - {id: role, type: single, text: "Your role?", choices: [Coach, Athlete]}
- id: story
  title: A story
  self_title: Something that mattered
  kind: story
  order: told
  text: Tell me about something the group did that made a difference.
  self_text: Tell us about something the group did that made a difference.
  evidence_prompt: "How do you know? What could someone else check?"
  steps:
    - {cycle: immediate, text: "What happened? Who was there?"}
    - {cycle: realised, text: "What difference did it make, and to whom?"}
  questions:
    - {id: who, type: multi, text: "Who benefited?", cycle: none, choices: [Me, My athletes]}
    - {id: how-much, type: scale, text: "How much did the group contribute?", cycle: realised,
       evidence: contribution, scale: {min: 1, max: 5}, when: {question: who, includes: Me}}
    - {id: coach-only, type: text, text: "What changed for you?", cycle: applied,
       when: {question: role, equals: Coach}}
  repeat: {max: 3, prompt: "Another story?"}
"""


def test_a_told_story_loads_with_its_prompts_and_story_questions():
    instrument = load(TOLD)
    story = instrument.section("story")
    assert story.is_told and story.text.startswith("Tell me") and story.self_text.startswith("Tell us")
    assert story.evidence_prompt == "How do you know? What could someone else check?"
    assert [s.cycle for s in story.steps] == ["immediate", "realised"]
    assert [q.id for q in story.story_questions] == ["who", "how-much", "coach-only"]
    assert story.story_questions[1].evidence == "contribution" and story.story_questions[0].cycles == ()
    assert story.repeat.max == 3
    assert story.heading("self") == "Something that mattered" and story.heading("interview") == "A story"
    assert [q.id for q in instrument.questions()] == ["role"]  # story questions are asked per story


def test_told_story_mistakes():
    found = problems("""\
    - id: story
      kind: story
      order: told
      steps:
        - {cycle: immediate, text: a}
        - {cycle: immediate, text: b}
      repeat: {max: 0}
    """)
    assert found == [
        (6, 3, "a story with order: told needs 'text', the prompt that opens each story"),
        (
            11,
            15,
            "cycle 'immediate' is offered twice: in a story with order: told each step offers one "
            "cycle the narrator's step can be tagged with",
        ),
        (12, 17, "repeat max must be from 1 to 20, not 0"),
    ]


def test_story_order_is_fixed_or_told():
    assert problems("""\
    - id: story
      kind: story
      order: tod
      steps:
        - {cycle: immediate, text: a}
    """) == [(8, 10, "'order' must be one of fixed, told, not 'tod' (did you mean 'told'?)")]


def test_story_keys_on_a_question_section():
    assert problems("""\
    - id: s
      cycle: immediate
      text: Tell me a story
      evidence_prompt: How do you know?
      questions:
        - {id: q, type: text, text: a}
    """) == [
        (8, 3, "'text' belongs in a section with kind: story"),
        (9, 3, "'evidence_prompt' belongs in a section with kind: story"),
    ]


def test_story_question_ids_are_unique_in_the_instrument():
    found = problems(TOLD.replace("{id: who,", "{id: role,").replace("question: who,", "question: role,"))
    assert (22, 12, "duplicate question id 'role'") in found


def test_only_the_same_story_may_refer_to_a_story_question():
    later = (
        TOLD
        + """\
- id: after
  cycle: applied
  when: {question: who, answered: true}
  questions:
    - {id: q, type: text, text: a, when: {question: how-much, at_least: 3}}
"""
    )
    message = (
        "condition refers to '{}', a question of story section 'story', asked once per story; "
        "only a later question of the same story section may refer to it"
    )
    assert problems(later) == [(30, 20, message.format("who")), (32, 53, message.format("how-much"))]


def test_self_title_on_the_instrument():
    text = HEAD.replace("sections:", "title: Applied value review\nself_title: Looking back\nsections:")
    instrument = parse_instrument((text + TOLD).encode())
    assert instrument.heading("self") == "Looking back"
    assert instrument.heading("interview") == "Applied value review"
