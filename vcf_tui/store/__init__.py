"""The data file: durable saves, one writer, readers that see every save (and say what they left out)."""

from vcf_tui.store.datafile import DataFile
from vcf_tui.store.errors import ReadOnlyError, StoreError, StoreLocked
from vcf_tui.store.reading import Loaded, Tables, load, read_tables
from vcf_tui.store.records import KEYS, TABLES, now

__all__ = [
    "KEYS",
    "TABLES",
    "DataFile",
    "Loaded",
    "ReadOnlyError",
    "StoreError",
    "StoreLocked",
    "Tables",
    "load",
    "now",
    "read_tables",
]
