"""Where an export goes: only ever a new or regular file that is none of its inputs, or stdout made safe to show."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from vcf_tui.errors import VcfError
from vcf_tui.store.atomic import atomic_file, write_atomic
from vcf_tui.store.datafile import journal_path
from vcf_tui.text import json_safe, printable


class OutputError(VcfError):
    """The output path is refused or cannot be written; nothing was written."""


def codebook_path(output: Path) -> Path:
    """``wide.csv`` -> ``wide.codebook.csv`` (any other name gets ``.codebook.csv`` added)."""
    stem = output.name[:-4] if output.name.lower().endswith(".csv") else output.name
    return output.with_name(f"{stem}.codebook.csv")


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return False


def check_output(output: Path, inputs: list[str]) -> None:
    """Refuse a symlink, a device, FIFO or folder, an input (or its journal), or a missing folder."""
    if output.is_symlink():
        raise OutputError(f"{output}: is a symbolic link; an export does not replace it, give a new file name")
    if output.exists() and not output.is_file():
        raise OutputError(
            f"{output}: is not a regular file (a device, FIFO or folder); an export does not "
            "replace it, give a file name"
        )
    for name in inputs:
        if _same(output, Path(name)) or _same(output, journal_path(Path(name))):
            raise OutputError(f"{output}: is an input of this export; an export never writes to its inputs")
    if not output.parent.is_dir():
        raise OutputError(f"{output}: folder {output.parent} does not exist")


def write_export(output: Path, text: str) -> None:
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as error:
        raise OutputError(f"{output}: cannot write: {error.strerror}") from None


def write_export_parts(output: Path, parts: Iterable[bytes]) -> None:
    """Write the parts one after another to ``output``, which appears whole or not at all (as ``write_export``)."""
    try:
        with atomic_file(output) as handle:
            for part in parts:
                handle.write(part)
    except OSError as error:
        raise OutputError(f"{output}: cannot write: {error.strerror}") from None


def json_to_stdout(parts: Iterable[bytes]) -> None:
    """A json export's parts (UTF-8, each whole characters) to stdout, made safe as ``for_stdout`` makes it."""
    for part in parts:
        sys.stdout.write(json_safe(part.decode("utf-8", "surrogatepass")))


def for_stdout(text: str, fmt: str) -> str:
    """An export as written to ``-o -``, which may be a terminal: no raw control character reaches it.

    JSON stays valid JSON holding the same data (the characters json.dumps leaves raw become ``\\u`` escapes);
    every other format shows them as visible escapes (``\\x1b``), keeping newlines and tabs. Files written with
    ``-o FILE`` keep the exact data.
    """
    if fmt == "json":
        return json_safe(text)
    return printable(text)
