"""The errors of the data-file layer: one line each, naming the file."""

from vcf_tui.errors import VcfError


class StoreError(VcfError):
    """A data file cannot be read or written; the message names it and says why."""


class StoreLocked(StoreError):
    """Another process is writing the data file."""


class ReadOnlyError(StoreError):
    """A write through a read-only view of a data file (``vcf_tui.open_tinydb``)."""
