"""TUI start: `vcf-tui run` to the first question on screen, beside a minimal Textual app started the same way.

Run: python benchmarks/bench_tui.py [--quick] [--sizes 100000,1000000]
Both are started as `python -c ...` processes, headless at 80x24, and timed from process start to the
first screen drawn (the first question, or the minimal app's one label). Targets: <= 3x the minimal
app at 100,000 answers, <= 6x at 1,000,000. Also, without a target: start to the tally panel filled
(the file's records are read and counted in a worker after the first question is drawn), the longest
stall of the interface meanwhile (a 20 ms timer's longest gap, beside a minimal app's), and the key
press accepting an answer to the next question drawn, at the first size.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchlib import PYTHON, child_env, make_data, options, percentile, report, report_times, scratch

SIGNAL = """
import os, time

def signal(node, line="shown", stop=True):
    def say():  # straight to fd 1 with the time: Textual captures sys.stdout while it runs
        os.write(1, f"{line} {time.monotonic()} {time.process_time()}\\n".encode())
        if stop:
            node.app.exit()
    node.call_after_refresh(say)
"""

MINIMAL = (
    SIGNAL
    + """
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("How many meetings did you attend?")
    def on_mount(self):
        signal(self)

Minimal().run(headless=True, size=(80, 24))
"""
)

RUN_HEADLESS = """
import sys
from textual.app import App
from vcf_tui.cli import main
run = App.run
App.run = lambda self, **kw: run(self, headless=True, size=(80, 24))
import vcf_tui.tui.terminal
vcf_tui.tui.terminal.require_terminal = lambda command: None  # headless: no terminal is needed
sys.exit(main(["run", "coach-cop-review", "--data", sys.argv[1], "--interviewer", "B", "--respondent", "P0"]))
"""  # `vcf-tui run` on the data file, headless at 80x24: the end of each script that times the TUI

VCF_RUN = (
    SIGNAL
    + """
import sys
from textual.app import App
from vcf_tui.cli import main
from vcf_tui.tui.screens.session import SessionScreen

from vcf_tui.tui.app import VcfApp

shown = SessionScreen.show_step
def show_and_mark(self):
    if not getattr(self, "marked", False):
        self.marked = True
        signal(self, "shown", stop=False)  # runs first after the refresh that drew the question
    shown(self)
SessionScreen.show_step = show_and_mark

built = VcfApp._tally_built
def built_and_stop(self, live):
    built(self, live)
    signal(self, "counted")  # the tally panel drawn with the whole file's figures
VcfApp._tally_built = built_and_stop
"""
    + RUN_HEADLESS
)

STALLS = (
    """
import os, sys, time
from textual.app import App
from vcf_tui.cli import main
from vcf_tui.tui.app import VcfApp
from vcf_tui.tui.screens.session import SessionScreen

gaps, last = [], [0.0]

def tick():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now

shown = SessionScreen.show_step
def watch(screen):
    last[0] = time.perf_counter()
    screen.set_interval(0.02, tick)  # a redraw-sized task every 20 ms: how late does it run?

def show_and_watch(self):
    if not getattr(self, "watched", False):
        self.watched = True
        self.call_after_refresh(watch, self)  # from the first question drawn
    shown(self)
SessionScreen.show_step = show_and_watch

built = VcfApp._tally_built
def built_and_stop(self, live):
    built(self, live)
    os.write(1, f"{max(gaps) if gaps else 0} {len(gaps)}\\n".encode())
    self.exit()
VcfApp._tally_built = built_and_stop
"""
    + RUN_HEADLESS
)

MINIMAL_STALLS = """
import os, time
from textual.app import App
from textual.widgets import Label

gaps, last = [], [0.0]

class Minimal(App):
    def compose(self):
        yield Label("How many meetings did you attend?")
    def on_mount(self):
        last[0] = time.perf_counter()
        self.set_interval(0.02, self.tick)
        self.set_timer(3, self.done)
    def tick(self):
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
    def done(self):
        os.write(1, f"{max(gaps)} {len(gaps)}\\n".encode())
        self.exit()

Minimal().run(headless=True, size=(80, 24))
"""


def longest_stall(script: str, *arguments: str) -> float:
    """Seconds between two runs of a 20 ms timer, at worst: from the first question drawn to the tally panel filled."""
    child = subprocess.run([PYTHON, "-c", script, *arguments], capture_output=True, text=True, env=child_env())
    if child.returncode or not child.stdout.strip():
        raise SystemExit(f"the stall run failed (exit code {child.returncode}): {child.stderr[-500:]}")
    return float(child.stdout.split()[0])


def start_to_first_screen(script: str, *arguments: str) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds from process start to the first screen drawn ("shown"), and to the tally panel
    filled ("counted"): the CPU time barely changes with other load on a shared machine."""
    start = time.monotonic()  # CLOCK_MONOTONIC: one clock for every process on the machine
    child = subprocess.Popen([PYTHON, "-c", script, *arguments], stdout=subprocess.PIPE, text=True, env=child_env())
    marks = {}
    for line in child.communicate()[0].splitlines():
        name, wall, cpu = line.split()
        marks[name] = (float(wall) - start, float(cpu))
    if child.returncode or "shown" not in marks:
        raise SystemExit(f"the app did not draw its first screen (exit code {child.returncode})")
    marks.setdefault("counted", marks["shown"])
    return marks


def median_marks(runs: list[dict[str, tuple[float, float]]], name: str) -> tuple[float, float]:
    return statistics.median(r[name][0] for r in runs), statistics.median(r[name][1] for r in runs)


def many_scales(folder: Path, count: int) -> Path:
    lines = [
        "format: vcf-instrument/1",
        "id: bench",
        'version: "1"',
        "framework: vcf-2011",
        "sections:",
        "  - id: s",
        "    cycle: potential",
        "    questions:",
    ]
    lines += [f"      - {{id: q{n}, type: scale, text: Question {n}, scale: {{min: 1, max: 5}}}}" for n in range(count)]
    path = folder / "bench.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


async def accept_to_next(data: Path, instrument_path: Path, answers: int) -> list[float]:
    """Milliseconds from accepting an answer to the next question drawn (the save included)."""
    from vcf_tui.instrument import load_instrument
    from vcf_tui.store import DataFile
    from vcf_tui.tui.app import RunOptions, make_app

    store = DataFile.open(data)
    app = make_app(store, RunOptions(load_instrument(instrument_path), "interview", interviewer="B", respondent="P0"))
    timings = []
    async with app.run_test(size=(80, 24)) as pilot:
        for n in range(answers):
            screen = app.screen
            await pilot.press(str(1 + n % 5))
            shown = asyncio.Event()
            start = time.perf_counter()
            screen.action_accept()
            screen.call_after_refresh(shown.set)
            await shown.wait()
            timings.append((time.perf_counter() - start) * 1000)
            await pilot.pause()
    store.close()
    return timings


def main() -> int:
    args = options(__doc__, full=(100_000, 1_000_000), quick=(2_000,))
    for n, size in enumerate(args.sizes):
        runs = 2 if args.quick else 3 if size >= 1_000_000 else 5
        with scratch() as folder:
            data = make_data(folder / "data.json", size)
            floors = [start_to_first_screen(MINIMAL) for _ in range(runs)]
            figures = [start_to_first_screen(VCF_RUN, str(data)) for _ in range(runs)]
            floor = median_marks(floors, "shown")
            limit = 3 if size <= 100_000 else 6
            report_times(
                f"start to first question drawn at {size:,} answers (median of {runs})",
                median_marks(figures, "shown"),
                "minimal Textual app, same start",
                floor,
                limit,
            )
            report_times(
                f"start to the tally panel filled (counted in a worker; keys are answered meanwhile) at {size:,}",
                median_marks(figures, "counted"),
                "minimal Textual app, same start",
                floor,
                None,
            )
            stall = longest_stall(STALLS, str(data))
            report(
                f"longest stall of the interface while the file is read and counted, at {size:,}",
                stall,
                "a minimal Textual app, the same 20 ms timer for 3 s",
                longest_stall(MINIMAL_STALLS),
                "s",
                "",
                None,
            )
            if n == 0:
                following = asyncio.run(accept_to_next(data, many_scales(folder, 60), 20 if args.quick else 50))
                print(
                    f"accept to next question at {size:,} answers: median {statistics.median(following):.1f} ms, "
                    f"p95 {percentile(following, 0.95):.1f} ms",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
