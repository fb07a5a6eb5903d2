"""`export --format parquet`, and DuckDB's per-cycle query on the export beside `vcf-tui tally` on the data file.

Run: python benchmarks/bench_parquet.py [--quick] [--sizes 100000,1000000]
Prints the export's time (floor: an orjson load of the file in a process) and peak RSS (floor: `tally`
of the same file, which loads the same records: the difference is what writing Parquet adds), then the
README's per-cycle DuckDB query, whole process and query alone, beside `vcf-tui tally --json`.
"""

from __future__ import annotations

import re
import sys
import time

from benchlib import PYTHON, REPO, best, make_data, options, report, report_times, scratch, vcf

ORJSON_LOAD = "import gc, orjson, sys; gc.disable(); orjson.loads(open(sys.argv[1], 'rb').read())"
DUCKDB = "import duckdb, sys; duckdb.sql(sys.argv[1]).fetchall()"


def readme_query(folder: str) -> str:
    """The README's per-cycle query, reading the Parquet files in ``folder``."""
    section = (REPO / "README.md").read_text().split("## Analysing at scale\n", 1)[1]
    query = re.search(r"```sql\n(.*?)```", section, re.S).group(1)
    return query.replace("exports/*.parquet", f"{folder}/*.parquet")


def main() -> int:
    args = options(__doc__, full=(100_000, 1_000_000), quick=(2_000,))
    for size in args.sizes:
        runs = 1 if args.quick or size >= 1_000_000 else 3
        with scratch() as folder:
            path = make_data(folder / "data.json", size)
            (folder / "exports").mkdir()
            out = folder / "exports" / "data.parquet"
            *load, _ = best([PYTHON, "-c", ORJSON_LOAD, str(path)], runs)
            *tally, tally_rss = best(vcf("tally", "--json", str(path)), runs)
            *export, export_rss = best(vcf("export", str(path), "--format", "parquet", "-o", str(out)), runs)
            print(
                f"{size:,} answers: data file {path.stat().st_size / 1e6:.0f} MB, Parquet "
                f"{out.stat().st_size / 1e6:.1f} MB",
                flush=True,
            )
            report_times(f"export --format parquet at {size:,}", export, "orjson load, gc off", load)
            report(
                f"export --format parquet peak RSS at {size:,}",
                export_rss,
                "tally of the same file",
                tally_rss,
                "MB",
                "",
                None,
            )
            query = readme_query(str(folder / "exports"))
            duck = best([PYTHON, "-c", DUCKDB, query], runs)[:2]
            report_times(f"DuckDB per-cycle query, whole process, at {size:,}", duck, "vcf-tui tally --json", tally)
            import duckdb

            start = time.perf_counter()
            duckdb.sql(query).fetchall()
            report(
                f"DuckDB per-cycle query alone (in this process) at {size:,}",
                time.perf_counter() - start,
                "vcf-tui tally --json, whole process (wall)",
                tally[0],
                "s",
                "",
                None,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
