"""`vcf-tui validate` on hostile instrument files: each refused within seconds and a few hundred MB.

Run: python benchmarks/bench_hostile_instruments.py
Prints, per file, the whole-process time and peak memory of `vcf-tui validate`.
Goal: each under 5 s and 300 MB, with one line of error.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUN = (
    "import resource, sys; from vcf_tui.cli import main; code = main(['validate', sys.argv[1]]); "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr); sys.exit(code)"
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


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in cases().items():
            path = Path(tmp) / "hostile.yaml"
            path.write_text(text)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", RUN, str(path)], capture_output=True, text=True)
            seconds = time.perf_counter() - start
            *errors, peak = done.stderr.strip().splitlines()
            print(
                f"{name:36} {seconds:5.1f} s {peak:>5} MB  exit {done.returncode}  {len(errors)} line(s): "
                f"{errors[0][len(str(path)) :][:70] if errors else ''}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
