"""The live per-cycle tally beside the question (interview mode only)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.widgets import Static

from vcf_tui.tally import tally
from vcf_tui.tui.widgets.badges import cycle_name


class TallyPanel(Static):
    """Answers per cycle: this session and the whole data file."""

    def show(self, tables: Any, session_id: str) -> None:
        everything = tally(tables)
        sessions = tables["sessions"]
        mine_tables = {**tables, "sessions": {session_id: sessions[session_id]}} if session_id in sessions else tables
        mine = {row["cycle"]: row for row in tally(mine_tables)["cycles"]}
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
