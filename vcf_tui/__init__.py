"""vcf-tui: a terminal companion for Value-Creation Framework evaluations."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from tinydb import TinyDB

try:
    __version__ = version("vcf-tui")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = ["__version__", "open_tinydb"]


def open_tinydb(path: str | Path) -> TinyDB:
    """A data file as a read-only ``tinydb.TinyDB`` that sees every save (see ``vcf_tui.store.tinydb_view``)."""
    from vcf_tui.store.tinydb_view import open_tinydb as open_view

    return open_view(path)
