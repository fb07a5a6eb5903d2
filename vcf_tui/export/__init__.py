"""Exports for analysis: csv, wide-csv, json and a markdown reading pack."""

from vcf_tui.export.writers import FORMATS, export

__all__ = ["FORMATS", "export"]
