"""Hostile or broken instrument files are refused with one clear line, never a crash."""

import pytest

from vcf_tui.cli import main
from vcf_tui.instrument import InstrumentError, load_instrument, parse_instrument
from vcf_tui.instrument.nodes import MAX_BYTES, MAX_DEPTH

HEAD = """\
format: vcf-instrument/1
id: t
version: "1"
framework: vcf-2011
sections:
"""


def refused(text: str) -> list[str]:
    with pytest.raises(InstrumentError) as caught:
        parse_instrument(text.encode(), "t.yaml")
    return str(caught.value).splitlines()


def test_a_condition_nested_thousands_deep_is_refused_at_the_limit():
    depth = 5000
    condition = "{not: " * depth + "{question: a, answered: true}" + "}" * depth
    text = (
        HEAD + f"- id: s\n  cycle: immediate\n  questions:\n    - {{id: a, type: text, text: a}}\n"
        f"    - {{id: b, type: text, text: b, when: {condition}}}\n"
    )
    lines = refused(text)
    assert len(lines) == 1
    assert lines[0].startswith("t.yaml:10:") and lines[0].endswith(f"refused: nested more than {MAX_DEPTH} levels deep")


def test_nesting_within_the_limit_still_loads():
    condition = "{not: " * 20 + "{question: a, answered: true}" + "}" * 20
    text = (
        HEAD + f"- id: s\n  cycle: immediate\n  questions:\n    - {{id: a, type: text, text: a}}\n"
        f"    - {{id: b, type: text, text: b, when: {condition}}}\n"
    )
    assert parse_instrument(text.encode()).question("b").when is not None


def test_an_alias_bomb_is_refused():
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [
        f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, "
        f"*a{n - 1}, *a{n - 1}, *a{n - 1}]"
        for n in range(1, 10)
    ]
    lines = refused("bomb:\n" + "\n".join("  " + line for line in bomb) + "\n")
    assert len(lines) == 1
    assert "refused: more than 200000 values once aliases are expanded" in lines[0]
    assert lines[0].startswith("t.yaml:")


def test_a_few_aliases_are_fine_and_then_reported_as_usual():
    text = HEAD + (
        "- id: s\n  cycle: immediate\n  questions:\n"
        "    - {id: a, type: single, text: a, choices: &yn [Yes, No]}\n"
        "    - {id: b, type: single, text: b, choices: *yn}\n"
    )
    assert [c.value for c in parse_instrument(text.encode()).question("b").choices] == ["Yes", "No"]


def test_a_file_over_the_size_limit_is_refused_unparsed(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text(HEAD + "# padding\n" * (MAX_BYTES // 10 + 10))
    with pytest.raises(InstrumentError) as caught:
        load_instrument(big)
    assert str(caught.value) == f"{big}: file is too large: over 1 MB (an instrument is a few KB)"


def test_validate_prints_one_line_for_a_hostile_file(tmp_path, capsys):
    deep = tmp_path / "deep.yaml"
    deep.write_text("x: " + "[" * 900 + "]" * 900 + "\n")  # libyaml itself stops at 1,000
    assert main(["validate", str(deep)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{deep}:1:{3 + MAX_DEPTH}: refused: nested more than {MAX_DEPTH} levels deep"]


@pytest.mark.parametrize(
    "text, message",
    [
        (b"\xff\xfe", "t.yaml: not UTF-8 text (invalid start byte)"),
        (b"", "t.yaml: the file is empty"),
        (b"a: [", "t.yaml:2:1: YAML syntax error: did not find expected node content"),
    ],
)
def test_broken_files_give_one_line(text, message):
    with pytest.raises(InstrumentError) as caught:
        parse_instrument(text, "t.yaml")
    assert str(caught.value) == message


def test_infinite_numbers_are_not_numbers():
    text = HEAD + "- id: s\n  cycle: immediate\n  questions:\n    - {id: n, type: number, text: n, max: .inf}\n"
    assert refused(text) == ["t.yaml:9:43: 'max' must be a number, not '.inf'"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("format: vcf-project/1\nname: x\n", "vcf-project/1"),
        ("id: x\nsections: [{format: no}]\nmeta: {a: [1, 2]}\nformat: vcf-instrument/1\n", "vcf-instrument/1"),
        ("a: &x [1]\nb: *x\nformat: later\n", "later"),
        ("- format\n- vcf-project/1\n", None),
        ("{title: t, format: vcf-project/1}", "vcf-project/1"),
        ("nested: {format: vcf-project/1}\n", None),
        ("format: [vcf-project/1]\n", None),
        ("", None),
    ],
)
def test_the_declared_format_is_read_from_the_top_level_only(tmp_path, text, expected):
    from vcf_tui.instrument.nodes import declared_format

    path = tmp_path / "f.yaml"
    path.write_text(text)
    assert declared_format(path) == expected
