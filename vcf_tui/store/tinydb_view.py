"""``open_tinydb``: a data file as a read-only ``tinydb.TinyDB``, snapshot and journal included.

Every TinyDB read goes through ``DataFileStorage.read``, which reads the file
as it is now (so a file that an interview is still writing shows every save);
query results are never cached, so no read returns what an earlier one saw.
Any write raises ReadOnlyError.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from vcf_tui.store.errors import ReadOnlyError
from vcf_tui.store.reading import read_state


class DataFileStorage(Storage):
    """A TinyDB storage over a vcf-tui data file: reads snapshot + journal, refuses writes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.warnings: list[str] = []  # what the latest read left out, as ``store.load`` reports it

    def read(self) -> dict[str, dict[str, Any]]:
        state = read_state(self.path)
        self.warnings = state.warnings
        return {
            table: {str(i): record for i, record in enumerate(records.values(), 1)}
            for table, records in state.tables.items()
        }

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise ReadOnlyError(f"{self.path}: opened read-only (vcf_tui.open_tinydb); vcf-tui alone writes data files")


class UncachedTable(Table):
    """A table whose query results are never cached: the file may change between two reads."""

    def __init__(self, storage: Storage, name: str, cache_size: int = 0, persist_empty: bool = False) -> None:
        super().__init__(storage, name, cache_size=0, persist_empty=persist_empty)


class ReadOnlyTinyDB(TinyDB):
    table_class = UncachedTable


def open_tinydb(path: str | Path) -> TinyDB:
    """A data file as a read-only TinyDB that sees every save, even while an interview is writing it.

    >>> db = open_tinydb("vcf-responses.json")  # doctest: +SKIP
    >>> db.table("answers").search(Query().cycles.any(["applied"]))  # doctest: +SKIP
    """
    read_state(path)  # refuse a missing or unusable file now, with its one-line StoreError
    return ReadOnlyTinyDB(path, storage=DataFileStorage)
