"""The validator: every error class, at its exact line and column."""

from textwrap import dedent

import pytest

from vcf_tui.cli import main
from vcf_tui.instrument import InstrumentError, parse_instrument

HEAD = """\
format: vcf-instrument/1
id: t
version: "1"
framework: vcf-2011
sections:
"""


def problems(body: str, head: str = HEAD) -> list[tuple[int, int, str]]:
    with pytest.raises(InstrumentError) as caught:
        parse_instrument((head + dedent(body)).encode(), "t.yaml")
    return [(p.line, p.column, p.message) for p in caught.value.problems]


def one(body: str, head: str = HEAD) -> tuple[int, int, str]:
    found = problems(body, head)
    assert len(found) == 1, found
    return found[0]


def test_unknown_key_suggests_the_right_one():
    line, col, msg = one("""\
    - id: s
      cycle: immediate
      questions:
        - {id: q, type: text, text: hi, requird: true}
    """)
    assert (line, col) == (9, 37)
    assert msg == "unknown key 'requird' in a question (did you mean 'required'?)"


def test_missing_required_key():
    assert one("""\
    - id: s
      cycle: immediate
      questions:
        - id: q
          type: text
    """) == (9, 7, "missing required key 'text' in a question")


def test_missing_top_level_keys():
    found = problems("", head="format: vcf-instrument/1\nid: t\n")
    assert (1, 1, "missing required key 'version' in the instrument") in found
    assert (1, 1, "missing required key 'framework' in the instrument") in found
    assert (1, 1, "missing required key 'sections' in the instrument") in found


def test_duplicate_ids():
    found = problems("""\
    - id: s
      cycle: immediate
      questions:
        - {id: q, type: text, text: a}
        - {id: q, type: text, text: b}
    - id: s
      cycle: immediate
      questions:
        - {id: r, type: text, text: c}
    """)
    assert (10, 12, "duplicate question id 'q'") in found
    assert (11, 3, "duplicate section id 's'") in found


def test_bad_id():
    line, col, msg = one("""\
    - id: Section_1
      cycle: immediate
      questions:
        - {id: q, type: text, text: a}
    """)
    assert (line, col) == (6, 7)
    assert msg.startswith("bad id 'Section_1' for a section")


def test_cycle_not_in_framework():
    assert one("""\
    - id: s
      cycle: strategic
      questions:
        - {id: q, type: text, text: a}
    """) == (
        7,
        10,
        "cycle 'strategic' is not in framework vcf-2011 (immediate, potential, applied, realised, reframing)",
    )


def test_cycle_aliases_are_accepted():
    instrument = parse_instrument(
        (
            HEAD
            + dedent("""\
    - id: s
      cycles: [Realized, reframed]
      questions:
        - {id: q, type: text, text: a}
    """)
        ).encode()
    )
    assert instrument.questions()[0].cycles == ("realised", "reframing")


def test_unknown_type():
    line, col, msg = one("""\
    - id: s
      cycle: immediate
      questions:
        - {id: q, type: singel, text: a, choices: [x]}
    """)
    assert (line, col) == (9, 21)
    assert msg.startswith("unknown question type 'singel' (did you mean 'single'?)")


def test_choice_question_without_choices():
    assert one("""\
    - id: s
      cycle: immediate
      questions:
        - id: q
          type: multi
          text: a
    """) == (9, 7, "a 'multi' question needs 'choices'")


def test_bad_scale_and_number_bounds():
    found = problems("""\
    - id: s
      cycle: immediate
      questions:
        - id: q
          type: scale
          text: a
          scale: {min: 5, max: 1}
        - id: n
          type: number
          text: b
          min: ten
    """)
    assert (12, 20, "bad bounds: min (5) must be less than max (1)") in found
    assert (16, 12, "'min' must be a number, not 'ten'") in found


def test_condition_on_unknown_and_later_question():
    found = problems("""\
    - id: s
      cycle: immediate
      questions:
        - id: a
          type: text
          text: a
          when: {question: b, answered: true}
        - id: b
          type: text
          text: b
          when: {question: nope, answered: true}
    """)
    assert (
        12,
        24,
        "condition refers to question 'b', which comes later; a condition may refer only to an earlier question",
    ) in found
    assert (16, 24, "condition refers to unknown question 'nope'") in found


def test_question_without_any_cycle():
    assert one("""\
    - id: s
      questions:
        - {id: q, type: text, text: a}
    """) == (
        8,
        7,
        "question 'q' has no cycle: give it 'cycle' or 'cycles' "
        "(or 'cycle: none' for a context question), or give its section a 'cycle'",
    )


def test_note_needs_no_cycle():
    instrument = parse_instrument(
        (
            HEAD
            + dedent("""\
    - id: s
      questions:
        - {id: q, type: note, text: a}
    """)
        ).encode()
    )
    assert instrument.questions()[0].cycles == ()


def test_yaml_syntax_error_has_a_position():
    line, col, msg = one("- id: [s\n")
    assert (line, col) == (7, 1) and msg.startswith("YAML syntax error")


def test_choice_values_stay_text_as_written():
    instrument = parse_instrument(
        (
            HEAD
            + dedent("""\
    - id: s
      cycle: immediate
      questions:
        - {id: q, type: single, text: a, choices: [Yes, No, on, 1-2, 3.0]}
        - {id: r, type: text, text: b, when: {question: q, equals: Yes}}
    """)
        ).encode()
    )
    question = instrument.question("q")
    assert [c.value for c in question.choices] == ["Yes", "No", "on", "1-2", "3.0"]
    assert instrument.question("r").when.holds({"q": "Yes"})


def test_condition_value_must_be_a_choice():
    line, col, msg = one("""\
    - id: s
      cycle: immediate
      questions:
        - {id: q, type: single, text: a, choices: [Yes, No]}
        - {id: r, type: text, text: b, when: {question: q, equals: Maybe}}
    """)
    assert (line, col) == (10, 64)
    assert msg == "'Maybe' is not a choice of question 'q'"


def test_all_problems_are_reported_at_once():
    found = problems("""\
    - id: s
      cycle: immediat
      questions:
        - {id: q, type: wrong, text: a}
        - {id: r, type: single, text: b}
    """)
    assert len(found) == 3


def test_cli_validate_exit_codes(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text(HEAD + "- id: s\n  cycle: immediate\n  questions:\n    - {id: q, type: text, text: a}\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD + "- id: s\n  cycle: immediat\n  questions:\n    - {id: q, type: text, text: a}\n")
    assert main(["validate", str(good)]) == 0
    assert "ok: t@1" in capsys.readouterr().out
    assert main(["validate", str(good), str(bad), str(tmp_path / "missing.yaml")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{bad}:7:10: cycle 'immediat'")
    assert err[1] == f"{tmp_path / 'missing.yaml'}: cannot read file: No such file or directory"
    assert err[2] == "3 files checked: 2 with problems"
    assert "Traceback" not in "\n".join(err)


def test_validate_dispatches_on_the_declared_format(tmp_path, monkeypatch, capsys):
    from vcf_tui.cli import validate

    other = tmp_path / "other.yaml"
    other.write_text("format: vcf-other/1\nname: x\n")
    seen = []
    monkeypatch.setitem(validate.CHECKERS, "vcf-other/1", lambda name: seen.append(name) or "ok: other")
    assert main(["validate", str(other)]) == 0
    assert seen == [str(other)] and capsys.readouterr().out == f"{other}: ok: other\n"
    other.write_text("format: vcf-instrumnet/1\nid: x\n")
    assert main(["validate", str(other)]) == 1
    assert (
        "format must be 'vcf-instrument/1', not 'vcf-instrumnet/1' (did you mean 'vcf-instrument/1'?)"
        in capsys.readouterr().err
    )
