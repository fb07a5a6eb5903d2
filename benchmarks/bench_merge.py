"""`vcf-tui merge` of 20 laptops' files and `export --format csv`, beside an orjson load of the same inputs.

Run: python benchmarks/bench_merge.py [--quick] [--sizes 100000]
SIZE is the total answers: merge reads 20 files of SIZE/20 answers, export one file of SIZE. Whole-process
times; floor: orjson loads of the same files in one process, in the same run. Goal: <= 3x the floor.
"""

from __future__ import annotations

import sys

from benchlib import PYTHON, best, make_data, options, report_times, scratch, vcf

LOAD_ALL = "import gc, orjson, sys; gc.disable(); [orjson.loads(open(p, 'rb').read()) for p in sys.argv[1:]]"


def main() -> int:
    args = options(__doc__, full=(100_000,), quick=(2_000,))
    runs = 1 if args.quick else 3
    for size in args.sizes:
        with scratch() as folder:
            inputs = [str(make_data(folder / f"laptop-{n:02d}.json", size // 20, seed=n)) for n in range(20)]
            out = str(folder / "merged.json")
            merge = best(vcf("merge", *inputs, "-o", out, "--force"), runs)[:2]
            load = best([PYTHON, "-c", LOAD_ALL, *inputs], runs)[:2]
            report_times(f"merge 20 x {size // 20:,} answers", merge, "orjson load of the inputs, gc off", load, 3)
            big = str(make_data(folder / "big.json", size))
            export = best(vcf("export", big, "--format", "csv", "-o", str(folder / "out.csv")), runs)[:2]
            load = best([PYTHON, "-c", LOAD_ALL, big], runs)[:2]
            report_times(f"export --format csv of {size:,} answers", export, "orjson load, gc off", load, 3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
