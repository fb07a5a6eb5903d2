"""`vcf-tui tally --json` against a bare json.load of the same file.

Run: python benchmarks/bench_tally.py [--big]
Builds files of 10,000 and 100,000 answers (and 500,000 with --big) and
prints the whole-process tally time, the time of a bare `json.load` in a
process, and their ratio. Goal: ratio <= 2 at 100,000 answers.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import build

LOAD = "import json, sys; json.load(open(sys.argv[1]))"


def timed(command: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    sizes = [10_000, 100_000] + ([500_000] if "--big" in sys.argv else [])
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        for size in sizes:
            path = Path(tmp) / f"data-{size}.json"
            build(path, size)
            tally = timed([sys.executable, "-m", "vcf_tui", "tally", "--json", str(path)])
            load = timed([sys.executable, "-c", LOAD, str(path)])
            print(f"{size:>8,} answers ({path.stat().st_size / 1e6:5.1f} MB): tally --json {tally:6.3f} s   "
                  f"json.load {load:6.3f} s   ratio {tally / load:4.2f}", flush=True)
    print("goal: ratio <= 2 at 100,000 answers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
