"""Per-answer save latency (durable, fsync included) as the data file grows.

Run: python benchmarks/bench_store.py
Prints median and p95 per save for vcf-tui's journaled store and for
TinyDB's default JSONStorage, at 100 / 1,000 / 10,000 / 50,000 answers
already in the file, and the ratio 50,000 / 100. Goal: ratio <= 2, p95 <= 15 ms.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from synthetic import build
from tinydb import TinyDB

from vcf_tui.store import DataFile
from vcf_tui.store.records import new_id, now

SIZES = (100, 1_000, 10_000, 50_000)


def answer(n: int) -> dict:
    return {"answer_id": new_id(), "session_id": f"s{n // 20}", "question_id": f"q{n % 20}",
            "value": "A realistic answer of a few words", "cycles": ["applied"], "indicator": "use-of-tools",
            "story": None, "note": None, "answered_at": now(), "updated_at": now(), "revision": 1}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_vcf(folder: Path, size: int, saves: int = 300) -> list[float]:
    path = folder / f"vcf-{size}.json"
    build(path, size)
    store = DataFile.open(path)
    timings = []
    for n in range(saves):
        record = answer(size + n)
        start = time.perf_counter()
        store.put("answers", record)
        timings.append((time.perf_counter() - start) * 1000)
    store.close()
    return timings


def time_tinydb(folder: Path, size: int) -> list[float]:
    path = folder / f"tinydb-{size}.json"
    build(path, size)
    saves = {100: 100, 1_000: 60, 10_000: 20, 50_000: 8}[size]
    db = TinyDB(path)
    table = db.table("answers")
    timings = []
    for n in range(saves):
        record = answer(size + n)
        start = time.perf_counter()
        table.insert(record)
        timings.append((time.perf_counter() - start) * 1000)
    db.close()
    return timings


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        folder = Path(tmp)
        for size in SIZES:
            vcf = time_vcf(folder, size)
            tiny = time_tinydb(folder, size)
            rows.append((size, statistics.median(vcf), percentile(vcf, 0.95),
                         statistics.median(tiny), percentile(tiny, 0.95)))
            print(f"{size:>7,} answers   vcf-tui median {rows[-1][1]:7.2f} ms  p95 {rows[-1][2]:7.2f} ms   "
                  f"| TinyDB default median {rows[-1][3]:8.2f} ms  p95 {rows[-1][4]:8.2f} ms", flush=True)
    ratio_vcf = rows[-1][1] / rows[0][1]
    ratio_tiny = rows[-1][3] / rows[0][3]
    worst_p95 = max(row[2] for row in rows)
    print(f"ratio 50,000 / 100 (median): vcf-tui {ratio_vcf:.2f}   TinyDB default {ratio_tiny:.1f}")
    print(f"goal ratio <= 2 and p95 <= 15 ms: {'met' if ratio_vcf <= 2 and worst_p95 <= 15 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
