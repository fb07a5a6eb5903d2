"""A small valid instrument, project and answers file, as text, for the hostile corpora to start from."""

from __future__ import annotations

import json

# Text from data files and instruments must be shown as text: markup and control characters.
HOSTILE_TEXT = "[bold]P07[/] [/] [link=x]y\x1b[2J\x1b]0;title\x07\r\x07\x9b31m\u202eend"

INSTRUMENT = """\
format: vcf-instrument/1
id: fuzz
version: "1.0"
title: Fuzz instrument
framework: vcf-2011
sections:
  - id: part
    title: Taking part
    cycle: immediate
    questions:
      - {id: meetings, type: single, text: "How many meetings?", choices: [None, 1-2, 3-5], required: true}
      - id: confidence
        type: scale
        text: How much more confident do you feel?
        scale: {min: 1, max: 5}
        cycle: potential
      - {id: idea, type: longtext, text: Describe an idea you used., cycles: [applied, realised]}
  - id: story
    title: A story
    kind: story
    repeat: {max: 2, prompt: "Another story?"}
    steps:
      - {cycle: immediate, text: "A moment that mattered?"}
      - {cycle: potential, text: "What did you take away?"}
"""

PROJECT = """\
format: vcf-project/1
id: fuzz-project
title: Fuzz project
framework: vcf-2011
waves:
  - {id: baseline, label: Start, date: 2019-01-15}
  - {id: 12-months, label: One year on, date: 2020-01-15}
indicators:
  - {id: attendance, cycle: immediate, text: People at each meet-up, evidence: effect, source: register,
     unit: people, scope: group}
"""

OBSERVATIONS_CSV = """\
indicator,value,period,scope,source,note
attendance,14,baseline,group,register,first
attendance,12,12-months,group,register,
"""


def answers_yaml(respondent: str, wave: str, confidence: int, text: str = "a plan") -> str:
    """A complete answers file for INSTRUMENT."""
    return (
        f"respondent: {json.dumps(respondent)}\n"
        "interviewer: Sam\n"
        f"wave: {wave}\n"
        f"answers: {{meetings: 3-5, confidence: {confidence}, idea: {json.dumps(text)}}}\n"
        "stories:\n"
        "  story:\n"
        "    - {immediate: a moment, potential: took away}\n"
    )
