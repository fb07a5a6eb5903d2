"""Command line: argument parsing and dispatch, one module per command."""

from vcf_tui.cli.main import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
