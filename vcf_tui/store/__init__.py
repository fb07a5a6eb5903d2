"""The data file: durable saves, one writer, readers that see every save."""

from vcf_tui.store.datafile import DataFile, StoreError, StoreLocked, read_tables
from vcf_tui.store.records import KEYS, TABLES, now

__all__ = ["KEYS", "TABLES", "DataFile", "StoreError", "StoreLocked", "now", "read_tables"]
