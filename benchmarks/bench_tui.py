"""TUI speed with 10,000 answers already in the data file.

Run: python benchmarks/bench_tui.py
Prints (1) process start to the first question on screen (median of 5 runs,
headless), and (2) the key press that accepts an answer to the next question
shown (median and p95 of 100). Goals: < 1.0 s and < 50 ms.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import build

from vcf_tui.instrument import load_instrument
from vcf_tui.store import DataFile
from vcf_tui.tui.app import RunOptions, make_app

FIRST_QUESTION = """
import sys
from vcf_tui.instrument import resolve_instrument
from vcf_tui.store import DataFile
from vcf_tui.tui.app import RunOptions, make_app
from vcf_tui.tui.screens.session import SessionScreen

shown = SessionScreen.show_step
def show_and_stop(self):
    shown(self)
    def stop():
        print("shown", flush=True)
        self.app.exit()
    self.app.call_after_refresh(stop)
SessionScreen.show_step = show_and_stop
store = DataFile.open(sys.argv[1])
make_app(store, RunOptions(resolve_instrument("coach-cop-review"), "interview")).run(headless=True, size=(80, 24))
store.close()
"""


def many_scales(folder: Path, count: int = 150) -> Path:
    lines = ["format: vcf-instrument/1", "id: bench", 'version: "1"', "framework: vcf-2011", "sections:",
             "  - id: s", "    cycle: potential", "    questions:"]
    for n in range(count):
        lines.append(f"      - {{id: q{n}, type: scale, text: Question {n}, scale: {{min: 1, max: 5}}}}")
    path = folder / "bench.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def first_question(data: Path) -> list[float]:
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", FIRST_QUESTION, str(data)], stdout=subprocess.PIPE,
                                 text=True)
        line = child.stdout.readline()
        timings.append(time.perf_counter() - start)
        child.wait()
        assert line.strip() == "shown", line
    return timings


async def next_question(data: Path, instrument_path: Path, answers: int = 100) -> list[float]:
    instrument = load_instrument(instrument_path)
    store = DataFile.open(data)
    app = make_app(store, RunOptions(instrument, "interview"))
    timings = []
    async with app.run_test(size=(80, 24)) as pilot:
        for n in range(answers):
            screen = app.screen
            await pilot.press(str(1 + n % 5))
            shown = asyncio.Event()
            start = time.perf_counter()
            screen.action_accept()
            screen.call_after_refresh(shown.set)  # runs once the next question has been drawn
            await shown.wait()
            timings.append(time.perf_counter() - start)
            await pilot.pause()
            assert screen.recorder.current.key == f"q{n + 1}"
    store.close()
    return timings


def main() -> int:
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        folder = Path(tmp)
        data = folder / "data.json"
        build(data, 10_000)
        first = first_question(data)
        print(f"start to first question: median {statistics.median(first):.3f} s "
              f"(min {min(first):.3f}, max {max(first):.3f}); goal < 1.0 s", flush=True)
        following = [t * 1000 for t in asyncio.run(next_question(data, many_scales(folder)))]
        ordered = sorted(following)
        print(f"accept to next question: median {statistics.median(following):.1f} ms, "
              f"p95 {ordered[int(0.95 * (len(ordered) - 1))]:.1f} ms; goal < 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
