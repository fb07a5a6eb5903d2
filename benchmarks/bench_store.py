"""Durable saves: the longest single save across 6,000 consecutive saves (target <= 50 ms).

Run: python benchmarks/bench_store.py [--quick] [--sizes 100000,1000000]
Floor: the same journal lines appended to a bare file with fsync, in the same folder, in the same run.
Also shown: what one snapshot rewrite costs (serialise and write), which no save does any more (close does).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

from benchlib import make_data, options, percentile, report, scratch
from synthetic import answer

from vcf_tui.store import DataFile
from vcf_tui.store.atomic import write_atomic
from vcf_tui.store.datafile import serialise
from vcf_tui.store.journal import save_line

TARGET_MS = 50.0


def saves(store: DataFile, records: list[dict]) -> list[float]:
    timings = []
    for record in records:
        start = time.perf_counter()
        store.put("answers", record)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def bare_appends(path: Path, records: list[dict]) -> list[float]:
    """The floor: write each save's journal line at the end of a file and fsync it."""
    timings = []
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for record in records:
            start = time.perf_counter()
            os.write(fd, save_line([("answers", record)]))
            os.fsync(fd)
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        os.close(fd)
    return timings


def main() -> int:
    args = options(__doc__, full=(100_000, 1_000_000), quick=(2_000,))
    count = 600 if args.quick else 6_000
    rng = random.Random(7)
    for size in args.sizes:
        with scratch() as folder:
            path = make_data(folder / "data.json", size)
            records = [answer(rng, size + n, "bench-session") for n in range(count)]
            store = DataFile.open(path)
            timings = saves(store, records)
            start = time.perf_counter()
            data = serialise(store.tables)
            encoded = time.perf_counter() - start
            write_atomic(folder / "copy.json", data)
            written = time.perf_counter() - start - encoded
            store.close()
            floor = bare_appends(folder / "bare.journal", records)
            worst = max(range(count), key=timings.__getitem__)
            print(
                f"{size:,} answers, {count:,} saves ("
                f"{path.stat().st_size / 1e6:.0f} MB): median {statistics.median(timings):.2f} ms "
                f"(floor {statistics.median(floor):.2f}), p99 {percentile(timings, 0.99):.2f} ms "
                f"(floor {percentile(floor, 0.99):.2f}), longest was save number {worst + 1}",
                flush=True,
            )
            report(
                f"longest single save at {size:,}",
                max(timings),
                "longest bare journal append + fsync",
                max(floor),
                "ms",
                f"<= {TARGET_MS:.0f} ms",
                max(timings) <= TARGET_MS,
            )
            print(
                f"a snapshot rewrite (close only): serialise (orjson) {encoded * 1000:.0f} ms, write + fsync "
                f"+ rename {written * 1000:.0f} ms of a {len(data) / 1e6:.0f} MB snapshot",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
