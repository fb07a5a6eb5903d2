"""`vcf-tui validate` on hostile instrument files: each refused within seconds and a few hundred MB.

Run: python benchmarks/bench_hostile_instruments.py [--quick] (the same cases: they take seconds)
Prints, per file, the whole-process time and peak memory of `vcf-tui validate`, beside the floor:
`validate` of a valid one-question instrument, in the same run. Goal: each under 5 s and 300 MB, with one line
of error.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import child_env, report

# the child's own peak (VmHWM): ru_maxrss would also count this process's pages, copied by fork before exec
RUN = (
    "import sys; from vcf_tui.cli import main; code = main(['validate', sys.argv[1]]); "
    "print(int(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:'))) // 1024, "
    "file=sys.stderr); sys.exit(code)"
)
HEAD = 'format: vcf-instrument/1\nid: t\nversion: "1"\nframework: vcf-2011\nsections:\n'


def cases() -> dict[str, str]:
    nested = "{not: " * 5000 + "{question: a, answered: true}" + "}" * 5000
    bomb = "".join(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}" if n else "x"] * 10) + "]\n" for n in range(12))
    questions = "".join(f"    - {{id: q{n}, type: text, text: 'hello, world'}}\n" for n in range(30_000))
    return {
        "condition nested 5,000 deep": HEAD + "- id: s\n  cycle: immediate\n  questions:\n"
        f"    - {{id: a, type: text, text: a, when: {nested}}}\n",
        "alias bomb (10^12 values)": bomb,
        "30 MB file": HEAD + "# padding\n" * 3_000_000,
        "just under 1 MB, 20,000 questions": HEAD
        + "- id: s\n  cycle: immediate\n  questions:\n"
        + questions[: questions.rindex("\n", 0, 1024 * 1024 - 200) + 1],
    }


def validate(path: Path) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """Whole-process seconds, peak MB and the finished process of `vcf-tui validate path`."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUN, str(path)], capture_output=True, text=True, env=child_env())
    return time.perf_counter() - start, int(done.stderr.strip().splitlines()[-1]), done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="accepted for run_all.py; the cases take seconds")
    parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.yaml"
        small.write_text(HEAD + "- id: s\n  cycle: immediate\n  questions:\n    - {id: a, type: text, text: a}\n")
        floor_seconds, floor_mb, _ = validate(small)
        for name, text in cases().items():
            path = Path(tmp) / "hostile.yaml"
            path.write_text(text)
            seconds, peak_mb, done = validate(path)
            errors = done.stderr.strip().splitlines()[:-1]
            report(name, seconds, "validate of a one-question instrument", floor_seconds, "s", "< 5 s", seconds < 5)
            report(name, peak_mb * 1e6, "the same", floor_mb * 1e6, "MB", "< 300 MB", peak_mb < 300)
            print(
                f"  exit {done.returncode}  {len(errors)} line(s): {errors[0][len(str(path)) :][:70] if errors else ''}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
