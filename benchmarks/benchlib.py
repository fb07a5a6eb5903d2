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
    args.sizes = (
        tuple(int(s.replace("_", "")) for s in args.sizes.split(",")) if args.sizes else (quick if args.quick else full)
    )
    if args.quick:
        print(
            "quick mode: sizes far below the targets' (the interpreter dominates); it shows the benchmark runs",
            flush=True,
        )
    return args


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A temporary folder under the system's temp dir (never inside the repository), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="vcf-bench-") as folder:
        path = Path(folder).resolve()
        if REPO in path.parents:
            raise SystemExit(f"refusing to write benchmark data inside the repository ({path})")
        yield path


def make_data(path: Path, answers: int, seed: int = 1) -> Path:
    """Write a synthetic data file in a child process, so this process stays small."""
    subprocess.run(
        [
            PYTHON,
            "-c",
            "import sys; from pathlib import Path; from synthetic import build; "
            "build(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))",
            str(path),
            str(answers),
            str(seed),
        ],
        check=True,
        env=child_env(),
    )
    return path


def child_env() -> dict[str, str]:
    """The environment for child processes: this checkout first on the path."""
    return dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(REPO), str(REPO / "benchmarks"), os.environ.get("PYTHONPATH", "")])
    )


# Runs a command's Python code and, at exit (os._exit included), writes the process's own peak RSS (VmHWM)
# to a file. The kernel's ru_maxrss is not used: after fork/vfork + exec it also counts the parent's pages,
# here the benchmark's own.
PEAK = """
import atexit, os, runpy, sys

def peak():
    with open("/proc/self/status") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["VCF_BENCH_PEAK"], "w") as out:
        out.write(kib)

atexit.register(peak)
_exit = os._exit

def exit_now(code):  # vcf-tui ends with os._exit, which skips atexit
    peak()
    _exit(code)

os._exit = exit_now
flag, target, *rest = sys.argv[1:]
if flag == "-m":
    sys.argv = [target, *rest]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    sys.argv = ["-c", *rest]
    exec(compile(target, "<benchmark>", "exec"), {"__name__": "__main__"})
"""


def measured(command: list[str]) -> tuple[float, float, int]:
    """Run ``[PYTHON, -m|-c, ...]`` in a fresh process: (wall seconds, CPU seconds, peak resident bytes) of it."""
    assert command[0] == PYTHON and command[1] in ("-m", "-c"), command
    with tempfile.NamedTemporaryFile(prefix="vcf-bench-peak-") as peak:
        start = time.perf_counter()
        child = subprocess.Popen(
            [PYTHON, "-c", PEAK, *command[1:]],
            stdout=subprocess.DEVNULL,
            env=dict(child_env(), VCF_BENCH_PEAK=peak.name),
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            raise SystemExit(f"{command[1:4]} failed with exit code {child.returncode}")
        return seconds, usage.ru_utime + usage.ru_stime, int(Path(peak.name).read_text()) * 1024


def best(command: list[str], runs: int) -> tuple[float, float, int]:
    """Median wall time, median CPU time and the largest peak memory over ``runs`` runs."""
    results = [measured(command) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
        max(r[2] for r in results),
    )


def report_times(
    name: str, figure: tuple[float, float], floor_name: str, floor: tuple[float, float], limit: float | None = None
) -> None:
    """Wall time and CPU time (user + sys, which other load on a shared machine barely changes), each with its floor."""
    for label, index in (("wall", 0), ("CPU", 1)):
        met = None if limit is None else figure[index] <= limit * floor[index]
        target = "" if limit is None else f"<= {limit:g} x floor"
        report(f"{name} ({label})", figure[index], floor_name, floor[index], "s", target, met)


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
