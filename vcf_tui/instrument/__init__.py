"""Instruments: the YAML format, its model and its checks."""

from vcf_tui.instrument.catalog import find_instruments, resolve_instrument
from vcf_tui.instrument.loader import InstrumentError, load_instrument, parse_instrument
from vcf_tui.instrument.model import Instrument, Question, Section, StoryStep
from vcf_tui.instrument.nodes import Problem, ProblemsError

__all__ = [
    "Instrument",
    "InstrumentError",
    "Problem",
    "ProblemsError",
    "Question",
    "Section",
    "StoryStep",
    "find_instruments",
    "load_instrument",
    "parse_instrument",
    "resolve_instrument",
]
