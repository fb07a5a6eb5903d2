"""Opening a big data file on its meta record: what ``DataFile.open`` reads before the first question."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vcf_tui.store.atomic import open_regular, read_at
from vcf_tui.store.batches import Unbatchable, table_batches
from vcf_tui.store.errors import StoreError
from vcf_tui.store.reading import check_meta, signature

AHEAD_BYTES = 1 << 20  # where a big snapshot's meta record is looked for


@dataclass(frozen=True)
class Ahead:
    """A big snapshot's meta record, read from its first bytes, and the snapshot's signature then."""

    meta: dict[str, Any]
    signature: tuple[int, int, int]


def read_ahead(path: Path, at_least: int) -> Ahead | None:
    """The meta record of a snapshot of ``at_least`` bytes or more, if it comes first; else None."""
    try:
        fd = open_regular(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if info.st_size < at_least:
            return None
        start = read_at(fd, AHEAD_BYTES, 0)
        start = start[: start.rfind(b"}") + 1]  # never cut inside a character: orjson checks the UTF-8 of it all
        end = read_at(fd, 64, max(info.st_size - 64, 0))
        if not end.rstrip().endswith(b"}"):  # cut short (a copy that stopped?): read now, refused before a save
            return None
        first = next(table_batches(start), None)
        if first is None or first[0] != "meta":
            return None
        return Ahead(check_meta(path, dict([first])), signature(info))
    except (Unbatchable, StoreError, OSError):  # read whole, the file gives its error as it always did
        return None
    finally:
        os.close(fd)
