"""The live per-cycle tally beside the question (interview mode only)."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import Static

from vcf_tui.live_tally import LiveTally
from vcf_tui.tui.widgets.badges import cycle_name


class TallyPanel(Static):
    """Answers per cycle: this session and the whole data file."""

    def show(self, live: LiveTally, session_id: str) -> None:
        everything = live.result()
        mine = {row["cycle"]: row for row in live.session_result(session_id)["cycles"]}
        grid = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
        grid.add_column("Cycle")
        grid.add_column("now", justify="right")
        grid.add_column("all", justify="right")
        for row in everything["cycles"]:
            grid.add_row(cycle_name(row["cycle"]),
                         str(mine.get(row["cycle"], {}).get("answers", 0)), str(row["answers"]))
        counts = everything["sessions"]
        grid.add_row("", "", "")
        grid.add_row("sessions", "", f"{counts['total']}")
        grid.add_row("complete", "", f"{counts['complete']}")
        self.update(grid)
