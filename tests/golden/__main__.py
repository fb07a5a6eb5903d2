"""``python -m tests.golden``: rewrite tests/golden/expected/ from today's exports (then review the diff)."""

import tempfile
from pathlib import Path

from tests.golden import EXPECTED, render

with tempfile.TemporaryDirectory() as folder:
    made = render(Path(folder))
for old in EXPECTED.iterdir():
    old.unlink()
for name, data in made.items():
    (EXPECTED / name).write_bytes(data)
    print(f"wrote {EXPECTED / name}")
