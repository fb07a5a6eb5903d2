"""Golden exports: a small fixed data file and the exact bytes each export format makes of it.

Regenerate after an intended change with ``PYTHONPATH=. python -m tests.golden`` and review the diff.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from vcf_tui.cli import main

GOLDEN = Path(__file__).parent
EXPECTED = GOLDEN / "expected"
PRIVATE = ("--pseudonymise", "--key-file", "test.key", "--redact-names", "names.txt")
CASES: dict[str, tuple[str, ...]] = {
    "export.csv": ("--format", "csv"),
    "export-wide.csv": ("--format", "wide-csv"),
    "export.json": ("--format", "json"),
    "export-pseudonymised.json": ("--format", "json", *PRIVATE),
    "export.md": ("--format", "markdown"),
    "export-pseudonymised.csv": ("--format", "csv", *PRIVATE),
    "export-pseudonymised-wide.csv": ("--format", "wide-csv", *PRIVATE),
    "matrix.csv": ("--format", "matrix"),
    "matrix.md": ("--format", "matrix"),
    "matrix-pseudonymised.md": ("--format", "matrix", *PRIVATE),
}


def render(out_dir: Path) -> dict[str, bytes]:
    """Every case exported from ``data.json`` (run in this folder, so ``source_file`` is ``data.json``)."""
    here = Path.cwd()
    os.chdir(GOLDEN)
    try:
        for name, options in CASES.items():
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                code = main(["export", "data.json", *options, "-o", str(out_dir / name)])
            if code != 0:
                raise RuntimeError(f"golden export {name} failed with exit code {code}")
    finally:
        os.chdir(here)
    return {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())}


def golden_copy(folder: Path) -> Path:
    """A copy of the golden data file in ``folder``, for tests that export it with other options."""
    copy = folder / "data.json"
    copy.write_bytes((GOLDEN / "data.json").read_bytes())
    return copy
