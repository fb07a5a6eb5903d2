"""`vcf-tui merge` of 20 laptops' files, and `export --format csv` of 100,000 answers.

Run: python benchmarks/bench_merge.py
Prints whole-process times beside a bare `json.load` of the same inputs in a
process, with the ratio. Goal: ratio <= 3 for both.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench_tally import timed
from synthetic import build

LOAD_ALL = "import json, sys; [json.load(open(p)) for p in sys.argv[1:]]"


def main() -> int:
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        folder = Path(tmp)
        inputs = []
        for n in range(20):
            path = folder / f"laptop-{n:02d}.json"
            build(path, 5_000, seed=n)
            inputs.append(str(path))
        out = folder / "merged.json"
        merge = timed([sys.executable, "-m", "vcf_tui", "merge", *inputs, "-o", str(out), "--force"])
        load = timed([sys.executable, "-c", LOAD_ALL, *inputs])
        print(f"merge 20 x 5,000 answers: {merge:6.3f} s   json.load of the inputs {load:6.3f} s   "
              f"ratio {merge / load:4.2f}", flush=True)
        big = folder / "big.json"
        build(big, 100_000)
        export = timed([sys.executable, "-m", "vcf_tui", "export", str(big), "--format", "csv",
                        "-o", str(folder / "out.csv")])
        load = timed([sys.executable, "-c", LOAD_ALL, str(big)])
        print(f"export csv of 100,000 answers: {export:6.3f} s   json.load {load:6.3f} s   "
              f"ratio {export / load:4.2f}")
    print("goal: ratio <= 3")
    return 0


if __name__ == "__main__":
    sys.exit(main())
