"""The live per-cycle tally beside the question (interview mode only)."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import Static

from vcf_tui.analysis.live_tally import LiveTally
from vcf_tui.cycles import FRAMEWORKS, cycle_order
from vcf_tui.tui.widgets.badges import cycle_name


class TallyPanel(Static):
    """Answers per cycle: this session and the whole data file."""

    DEFAULT_CSS = "TallyPanel { width: 30; border-left: vkey $primary; padding: 0 1; }"

    def show(self, live: LiveTally, session_id: str, framework: str) -> None:
        """Every cycle of ``framework`` (and any other with answers), even before the first answer."""
        everything = live.result()
        mine = {row["cycle"]: row for row in live.session_result(session_id)["cycles"]}
        overall = {row["cycle"]: row for row in everything["cycles"]}
        grid = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
        grid.add_column("Cycle")
        grid.add_column("now", justify="right")
        grid.add_column("all", justify="right")
        for cycle in cycle_order(set(FRAMEWORKS.get(framework, ())) | set(overall)):
            grid.add_row(cycle_name(cycle), str(mine.get(cycle, {}).get("answers", 0)),
                         str(overall.get(cycle, {}).get("answers", 0)))
        counts = everything["sessions"]
        grid.add_row("", "", "")
        grid.add_row("sessions", "", f"{counts['total']}")
        grid.add_row("complete", "", f"{counts['complete']}")
        self.update(grid)
