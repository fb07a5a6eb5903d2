"""Memory and time of reading a big file: `tally`, `export --format json`, and closing a writer.

Run: python benchmarks/bench_tally.py [--quick] [--sizes 100000,1000000]
Targets: `tally` peak RSS <= 3x the file size; `export --format json` peak RSS <= 4x the file size and
time <= 4x an orjson load of the file in a process (the floor, measured in the same run); closing a
writer (fold the journal into the snapshot, process exit included) <= 1 s beyond the compaction itself.
"""

from __future__ import annotations

import subprocess
import sys
import time

from benchlib import PYTHON, best, child_env, make_data, options, report, report_times, scratch, vcf

ORJSON_LOAD = "import gc, orjson, sys; gc.disable(); orjson.loads(open(sys.argv[1], 'rb').read())"
NOTHING = "import orjson"

CLOSE = """
import os, sys, time
from synthetic import answer
from vcf_tui.store import DataFile
from vcf_tui.store.atomic import write_atomic
from vcf_tui.store.datafile import serialise
import random

store = DataFile.open(sys.argv[1])
store.tables  # a big file's records are read on first use: read here, so that neither figure below holds it
rng = random.Random(3)
for n in range(100):
    store.put("answers", answer(rng, n, "bench-session"))
start = time.perf_counter()
write_atomic(store.path.with_name("copy.json"), serialise(store.tables))
print(time.perf_counter() - start, flush=True)
print(time.monotonic(), flush=True)
store.close()
print(time.monotonic(), flush=True)
os._exit(0)  # as the vcf-tui command ends (cli.main.run)
"""


def close_time(path: str) -> tuple[float, float, float]:
    """(close to process end, the compaction alone, store.close() alone) in seconds, in one child process."""
    child = subprocess.Popen([PYTHON, "-c", CLOSE, path], stdout=subprocess.PIPE, text=True, env=child_env())
    compaction = float(child.stdout.readline())
    closing_from = float(child.stdout.readline())
    closed = float(child.stdout.readline())
    child.communicate()
    ended = time.monotonic()  # CLOCK_MONOTONIC is one clock for every process on the machine
    if child.returncode:
        raise SystemExit(f"the closing writer failed with exit code {child.returncode}")
    return ended - closing_from, compaction, closed - closing_from


def main() -> int:
    args = options(__doc__, full=(100_000, 1_000_000), quick=(2_000,))
    for size in args.sizes:
        runs = 1 if args.quick or size >= 1_000_000 else 3
        with scratch() as folder:
            path = make_data(folder / "data.json", size)
            megabytes = path.stat().st_size
            print(f"{size:,} answers: the file is {megabytes / 1e6:.0f} MB", flush=True)
            *load, load_rss = best([PYTHON, "-c", ORJSON_LOAD, str(path)], runs)
            bare_rss = best([PYTHON, "-c", NOTHING], 1)[2]
            *tally, tally_rss = best(vcf("tally", "--json", str(path)), runs)
            report(
                f"tally --json peak RSS at {size:,}",
                tally_rss,
                "file size",
                megabytes,
                "MB",
                "<= 3 x file size",
                tally_rss <= 3 * megabytes,
            )
            report(f"tally --json peak RSS at {size:,}", tally_rss, "orjson load, gc off", load_rss, "MB", "", None)
            report_times(f"tally --json at {size:,}", tally, "orjson load, gc off", load)
            print(f"(python with orjson imported, doing nothing: {bare_rss / 1e6:.0f} MB)", flush=True)
            out = str(folder / "out.json")
            *export, export_rss = best(vcf("export", str(path), "--format", "json", "-o", out), runs)
            report(
                f"export --format json peak RSS at {size:,}",
                export_rss,
                "file size",
                megabytes,
                "MB",
                "<= 4 x file size",
                export_rss <= 4 * megabytes,
            )
            report_times(f"export --format json at {size:,}", export, "orjson load, gc off", load, 4)
            closing, compaction, close_call = close_time(str(path))
            report(
                f"close (journal folded in, process exit) at {size:,}",
                closing,
                "the compaction itself",
                compaction,
                "s",
                "<= floor + 1 s",
                closing <= compaction + 1,
            )
            print(
                f"  of which DataFile.close() {close_call:.3f} s, then the exit {closing - close_call:.3f} s",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
