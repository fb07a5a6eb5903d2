"""The coding app: one screen of its own behind the key gate, so bunched keys code their own passage."""

from __future__ import annotations

from vcf_tui.analysis import coding
from vcf_tui.project.model import Project
from vcf_tui.store import DataFile
from vcf_tui.tui.coding.screen import CodingScreen
from vcf_tui.tui.key_gate import KeyGateApp


class CodingApp(KeyGateApp[None]):
    """Walks the passages on a ``CodingScreen``.

    The key gate lets a key through only once the screen is settled, and it never counts Textual's
    blank first screen as settled: composing the coding widgets there made every key wait the
    gate's 3 s fallback. So the app pushes a screen of its own at once.
    """

    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def __init__(
        self,
        store: DataFile,
        coder: str,
        passages: list[coding.Passage],
        pseudonym_key: str,
        project: Project | None = None,
    ) -> None:
        super().__init__()
        self.coding_screen = CodingScreen(store, coder, passages, pseudonym_key, project)

    def on_mount(self) -> None:
        self.push_screen(self.coding_screen)
