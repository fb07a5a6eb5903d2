"""vcf-tui: a terminal companion for Value-Creation Framework evaluations."""

__version__ = "0.1.0"
