"""The live per-cycle tally beside the question (interview mode only), for this instrument only."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from vcf_tui.analysis.live_tally import LiveTally
from vcf_tui.cycles import FRAMEWORKS, cycle_order
from vcf_tui.instrument import Instrument
from vcf_tui.tui.widgets.badges import cycle_name


class TallyPanel(Static):
    """Answers per cycle: in this session, and in every session of this instrument in the data file."""

    DEFAULT_CSS = "TallyPanel { width: 32; border-left: vkey $primary; padding: 0 1; }"

    def counting(self) -> None:
        self.update(Text("Answers per cycle\n(counting the data file…)", style="dim"))

    def show(self, live: LiveTally, session_id: str, instrument: Instrument) -> None:
        """Every cycle of the instrument's framework (and any other with answers), even before the first answer."""
        everything = live.result(instrument.id)
        mine = {row["cycle"]: row for row in live.session_result(session_id)["cycles"]}
        overall = {row["cycle"]: row for row in everything["cycles"]}
        grid = Table(box=None, padding=(0, 1), show_edge=False, expand=True, title="Answers per cycle",
                     title_justify="left", caption="this: this session\nall: every session of this instrument",
                     caption_justify="left")
        grid.add_column("Cycle")
        grid.add_column("this", justify="right")
        grid.add_column("all", justify="right")
        for cycle in cycle_order(set(FRAMEWORKS.get(instrument.framework, ())) | set(overall)):
            grid.add_row(cycle_name(cycle), str(mine.get(cycle, {}).get("answers", 0)),
                         str(overall.get(cycle, {}).get("answers", 0)))
        counts = everything["sessions"]
        grid.add_row("", "", "")
        grid.add_row("sessions", "", f"{counts['total']}")
        grid.add_row("complete", "", f"{counts['complete']}")
        self.update(grid)
