"""Read cycle tags (``cycle``, ``cycles``, ``cycle: none``) against an instrument's or project's framework."""

from __future__ import annotations

from yaml.nodes import Node, SequenceNode

from vcf_tui.cycles import ALIASES
from vcf_tui.instrument.nodes import Entries, NodeReader, scalar_text, suggest

NO_CYCLE = "none"


class CycleReader(NodeReader):
    """A node reader that knows the framework: reads cycle names, with aliases and "did you mean"."""

    def __init__(self) -> None:
        super().__init__()
        self.framework = ""
        self.framework_cycles: tuple[str, ...] = ()

    def cycle(self, node: Node) -> str | None:
        raw = scalar_text(node).strip()
        name = ALIASES.get(raw.lower(), raw.lower())
        if name not in self.framework_cycles:
            cycles = ", ".join(self.framework_cycles)
            hint = suggest(name, self.framework_cycles)
            self.problem(node, f"cycle '{raw}' is not in framework {self.framework} ({cycles}){hint}")
            return None
        return name

    def cycles(self, entries: Entries) -> tuple[str, ...] | None:
        """The cycles named by ``cycles`` or ``cycle``; ``()`` for ``cycle: none``; None when neither is given."""
        if "cycles" in entries and "cycle" in entries:
            self.problem(entries["cycle"][0], "give 'cycle' or 'cycles', not both")
        if "cycle" in entries and _is_none(entries["cycle"][1]):
            return ()
        if "cycles" in entries:
            node = entries["cycles"][1]
            items = node.value if isinstance(node, SequenceNode) else [node]
            if any(_is_none(item) for item in items):
                self.problem(node, "'none' cannot be listed with cycles: write 'cycle: none' on its own")
                return ()
            found = [self.cycle(item) for item in items]
            return tuple(dict.fromkeys(c for c in found if c))
        if "cycle" in entries:
            found_one = self.cycle(entries["cycle"][1])
            return (found_one,) if found_one else ()
        return None


def _is_none(node: Node) -> bool:
    return scalar_text(node).strip().lower() == NO_CYCLE
