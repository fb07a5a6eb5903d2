"""Each benchmark's --quick mode runs and prints figures beside their floors (no speed is asserted here)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
FIGURE_AND_FLOOR = re.compile(r": [\d.]+ (s|ms|MB) \| floor \([^)]+\): [\d.]+ (s|ms|MB) \| x[\d.]+")


def scripts() -> list[str]:
    return sorted(p.name for p in BENCHMARKS.glob("bench_*.py"))


def test_run_all_runs_every_benchmark():
    run_all = (BENCHMARKS / "run_all.py").read_text()
    assert scripts() and all(f'"{name}"' in run_all for name in scripts())


@pytest.mark.parametrize("script", scripts())
def test_quick_mode_prints_figures_beside_floors(script):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(BENCHMARKS.parent), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--quick"],
        cwd=BENCHMARKS,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert FIGURE_AND_FLOOR.search(done.stdout), done.stdout
