"""Dashboard: from a save by another process to the dashboard redrawn with it (target <= 1 s at 1M answers).

Run: python benchmarks/bench_dashboard.py [--quick] [--sizes 100000,1000000]
A writer process saves answers at random moments; the dashboard (headless, its own 0.5 s poll) is timed
from the save's return to the end of the redraw that includes it. Floor, in the same run: a minimal
Textual app that polls the same journal at the same interval and shows the new lines in a label.
(A writer no longer rewrites the snapshot while it is open, so no save makes the dashboard reload the file.)
"""

from __future__ import annotations

import asyncio
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchlib import PYTHON, child_env, make_data, options, report, scratch
from textual import work
from textual.app import App, ComposeResult
from textual.widgets import Static

from vcf_tui.store.datafile import journal_path
from vcf_tui.tui.dashboard import DashboardApp

POLL = 0.5
WRITER = """
import random, sys, time
from synthetic import answer
from vcf_tui.store import DataFile

store = DataFile.open(sys.argv[1])
session_id = next(iter(store.tables["sessions"]))
rng = random.Random(5)
print("ready", flush=True)
for n, line in enumerate(sys.stdin):
    record = dict(answer(rng, n, session_id), answer_id=f"live-{n}")
    store.put("answers", record)
    print(time.monotonic(), record["answer_id"], flush=True)
store.close()
"""


class Writer:
    """Another vcf-tui process writing the file: ``save()`` returns the answer id and when the save returned."""

    def __init__(self, path: Path) -> None:
        self.child = subprocess.Popen(
            [PYTHON, "-c", WRITER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=child_env()
        )
        assert self.child.stdout.readline().strip() == "ready"

    async def send(self, command: str) -> tuple[float, str]:
        self.child.stdin.write(command + "\n")
        self.child.stdin.flush()
        stamp, what = (await asyncio.to_thread(self.child.stdout.readline)).split()
        return float(stamp), what

    def close(self) -> None:
        self.child.stdin.close()
        self.child.wait()


class TailApp(App[None]):
    """The floor: poll the journal's new bytes on the same interval and show how many lines came."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.journal = journal_path(path)
        self.offset = self.journal.stat().st_size
        self.seen: list[tuple[float, bytes]] = []

    def compose(self) -> ComposeResult:
        yield Static("", markup=False)

    def on_mount(self) -> None:
        self.set_interval(POLL, self.poll)

    @work(thread=True, exclusive=True)
    def poll(self) -> None:
        with open(self.journal, "rb") as handle:
            handle.seek(self.offset)
            tail = handle.read()
        self.offset += len(tail)
        if tail:
            self.call_from_thread(self.show, tail)

    def show(self, tail: bytes) -> None:
        self.query_one(Static).update(f"{len(tail.splitlines())} new lines")
        self.seen.append((time.monotonic(), tail))


async def floor_latency(path: Path, writer: Writer, saves: int, rng: random.Random) -> list[float]:
    app = TailApp(path)
    timings = []
    async with app.run_test(size=(100, 30)):
        for _ in range(saves):
            await asyncio.sleep(rng.uniform(0, POLL))
            saved, answer_id = await writer.send("save")
            while not any(answer_id.encode() in tail for _, tail in app.seen):
                await asyncio.sleep(0.002)
            timings.append(next(t for t, tail in app.seen if answer_id.encode() in tail) - saved)
    return timings


async def dashboard_latency(path: Path, writer: Writer, saves: int, rng: random.Random) -> list[float]:
    """Save-to-redrawn times (wall)."""
    app = DashboardApp([str(path)], poll_seconds=POLL)
    drawn: list[tuple[float, int]] = []
    redraw = app.redraw

    def timed_redraw(full: bool = False) -> None:
        redraw(full)
        drawn.append((time.monotonic(), len(app.live.tables["answers"])))

    app.redraw = timed_redraw
    timings = []
    async with app.run_test(size=(100, 30)):
        for _ in range(saves):
            await asyncio.sleep(rng.uniform(0, POLL))
            count = len(app.live.tables["answers"]) + 1
            saved, _ = await writer.send("save")
            while not any(n >= count and t > saved for t, n in drawn):
                await asyncio.sleep(0.002)
            timings.append(next(t for t, n in drawn if n >= count and t > saved) - saved)
    return timings


def main() -> int:
    args = options(__doc__, full=(100_000, 1_000_000), quick=(2_000,))
    saves = 3 if args.quick else 10
    for size in args.sizes:
        with scratch() as folder:
            path = make_data(folder / "data.json", size)
            writer = Writer(path)
            try:
                floor = asyncio.run(floor_latency(path, writer, saves, random.Random(1)))
                started = time.perf_counter()
                figures = asyncio.run(dashboard_latency(path, writer, saves, random.Random(1)))
                total = time.perf_counter() - started
            finally:
                writer.close()
            report(
                f"save to dashboard redrawn at {size:,} (longest of {saves})",
                max(figures),
                f"longest, a minimal app polling the journal every {POLL} s",
                max(floor),
                "s",
                "<= 1 s",
                max(figures) <= 1,
            )
            print(
                f"  median {statistics.median(figures):.3f} s (floor median {statistics.median(floor):.3f} s); "
                f"whole run with the dashboard's start {total:.1f} s",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
