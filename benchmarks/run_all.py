"""Run every benchmark in turn: python benchmarks/run_all.py [--quick]. Each prints its figures beside their floors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = (
    "bench_tui.py",
    "bench_store.py",
    "bench_tally.py",
    "bench_dashboard.py",
    "bench_parquet.py",
    "bench_merge.py",
    "bench_hostile_instruments.py",
)


def main() -> int:
    extra = sys.argv[1:]
    failed = []
    for name in BENCHMARKS:
        print(f"== {name} {' '.join(extra)}", flush=True)
        if subprocess.run([sys.executable, str(HERE / name), *extra], cwd=HERE).returncode:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
