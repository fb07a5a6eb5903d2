"""What every benchmark shares: a scratch folder outside the repo, timing, peak memory and the report line.

House rule: every figure is printed beside a floor measured in the same run, on the same machine.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def options(description: str, full: tuple[int, ...], quick: tuple[int, ...]) -> argparse.Namespace:
    """``--quick`` (small sizes, seconds) or ``--sizes`` (answers in the data file, comma-separated)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help=f"small sizes {quick}, a few seconds")
    parser.add_argument("--sizes", help=f"answers in the data file, comma-separated (default {full})")
    args = parser.parse_args()
    args.sizes = tuple(int(s.replace("_", "")) for s in args.sizes.split(",")) if args.sizes else (
        quick if args.quick else full)
    if args.quick:
        print("quick mode: sizes far below the targets' (the interpreter dominates); it shows the benchmark runs",
              flush=True)
    return args


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A temporary folder under the system's temp dir (never inside the repository), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="vcf-bench-") as folder:
        path = Path(folder).resolve()
        if REPO in path.parents:
            raise SystemExit(f"refusing to write benchmark data inside the repository ({path})")
        yield path


def child_env() -> dict[str, str]:
    """The environment for child processes: this checkout first on the path."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), str(REPO / "benchmarks"),
                                                        os.environ.get("PYTHONPATH", "")]))


def measured(command: list[str]) -> tuple[float, int]:
    """Run ``command`` in a fresh process; (wall seconds, peak resident memory in bytes) of that process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=child_env())
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{command[:4]} failed with exit code {child.returncode}")
    return seconds, usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux


def best(command: list[str], runs: int) -> tuple[float, int]:
    """Median time and the largest peak memory over ``runs`` runs."""
    results = [measured(command) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def vcf(*arguments: str) -> list[str]:
    return [PYTHON, "-m", "vcf_tui", *arguments]


def show(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":
        return f"{value / 1e6:.0f} MB"
    return f"{value:.2f}{unit}"


def report(name: str, figure: float, floor_name: str, floor: float, unit: str, target: str, met: bool | None) -> None:
    """One line: the figure, its floor measured in this run, their ratio, the target and whether it is met."""
    ratio = f"x{figure / floor:.2f}" if floor else "x-"
    verdict = "" if met is None else (" met" if met else " NOT met")
    goal = f" | target {target}{verdict}" if target else ""
    print(f"{name}: {show(figure, unit)} | floor ({floor_name}): {show(floor, unit)} | {ratio}{goal}", flush=True)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
