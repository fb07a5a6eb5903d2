"""docs/instrument-format.md: every full-instrument example validates, and every key is documented."""

import re
from pathlib import Path

import pytest
import yaml

from vcf_tui.instrument import InstrumentError, parse_instrument
from vcf_tui.instrument.answer_fields import CHOICE_KEYS, SCALE_KEYS
from vcf_tui.instrument.conditions import CONDITION_KEYS
from vcf_tui.instrument.loader import QUESTION_KEYS, SECTION_KEYS, TOP_KEYS
from vcf_tui.instrument.stories import REPEAT_KEYS, STEP_KEYS

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "instrument-format.md"
BLOCK = re.compile(r"^```yaml( [a-z]+)?\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(marker: str) -> list[str]:
    return [body for mark, body in BLOCK.findall(DOC.read_text()) if mark.strip() == marker]


def test_the_doc_has_full_instruments_fragments_and_a_counter_example():
    assert len(blocks("instrument")) >= 4 and blocks("") and blocks("invalid")


@pytest.mark.parametrize("example", blocks("instrument"))
def test_every_full_instrument_example_validates(example):
    instrument = parse_instrument(example.encode(), "docs/instrument-format.md")
    assert instrument.sections


@pytest.mark.parametrize("fragment", blocks(""))
def test_every_fragment_is_yaml(fragment):
    assert yaml.safe_load(fragment) is not None


@pytest.mark.parametrize("example", blocks("invalid"))
def test_the_counter_example_is_refused(example):
    head = "format: vcf-instrument/1\nid: x\nversion: '1'\nframework: vcf-2011\nsections:\n"
    steps = "".join(f"      {line}\n" for line in example.splitlines())
    text = head + "  - id: s\n    kind: story\n    steps:\n" + steps
    with pytest.raises(InstrumentError, match="unknown key 'and to whom\\?' in a story step"):
        parse_instrument(text.encode())


def test_every_key_is_documented():
    text = DOC.read_text()
    keys = TOP_KEYS | SECTION_KEYS | QUESTION_KEYS | STEP_KEYS | REPEAT_KEYS | CHOICE_KEYS | SCALE_KEYS | CONDITION_KEYS
    assert sorted(key for key in keys if f"`{key}" not in text) == []


def test_the_readme_links_the_format_reference():
    assert "docs/instrument-format.md" in (ROOT / "README.md").read_text()
