"""The value-creation cycles of the two built-in frameworks, as data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cycle:
    """One cycle of value creation."""

    id: str
    label: str
    meaning: str


CYCLES: dict[str, Cycle] = {
    cycle.id: cycle
    for cycle in (
        Cycle("immediate", "Immediate value", "Taking part is worth something in itself."),
        Cycle("potential", "Potential value", "Knowledge capital kept for later use."),
        Cycle("applied", "Applied value", "Practice changes through use of what was gained."),
        Cycle("realised", "Realised value", "Performance improves on what people care about."),
        Cycle("reframing", "Reframing value", "What counts as success is redefined."),
        Cycle("transformative", "Transformative value", "Deeper change in identity, practice or system."),
        Cycle("orienting", "Orienting value", "Finding one's bearings in the wider landscape."),
        Cycle("enabling", "Enabling value", "Better conditions for learning together."),
        Cycle("strategic", "Strategic value", "Two-way exchange with those who set direction."),
    )
}
"""Every cycle, in the canonical display order of SPEC section 2."""

FRAMEWORKS: dict[str, tuple[str, ...]] = {
    "vcf-2011": ("immediate", "potential", "applied", "realised", "reframing"),
    "vcf-2020": (
        "immediate",
        "potential",
        "applied",
        "realised",
        "transformative",
        "orienting",
        "enabling",
        "strategic",
    ),
}

SPELLINGS: dict[str, dict[str, str]] = {"vcf-2011": {"realised": "Realized value"}}
"""Labels in a framework's own spelling: the 2011 framework writes "realized"; ids stay ``realised``."""

ALIASES: dict[str, str] = {"realized": "realised", "reframed": "reframing"}

CAPITALS: tuple[str, ...] = ("human", "social", "tangible", "reputational", "learning")


def canonical_cycle(name: str) -> str:
    """Return the cycle id for ``name``, accepting the spelling aliases."""
    lowered = name.strip().lower()
    return ALIASES.get(lowered, lowered)


def cycle_label(cycle: str, framework: str | None = None) -> str:
    """A cycle's label, spelt as ``framework`` spells it (an unknown cycle is shown as its id)."""
    spelt = SPELLINGS.get(framework or "", {}).get(cycle)
    if spelt:
        return spelt
    return CYCLES[cycle].label if cycle in CYCLES else cycle


def cycle_order(cycle_ids: set[str] | list[str]) -> list[str]:
    """Sort cycle ids into the canonical order; ids that are no cycle (from a damaged file) follow, by name."""
    order = {cycle: index for index, cycle in enumerate(CYCLES)}
    return sorted(set(cycle_ids), key=lambda cycle: (order.get(cycle, len(order)), cycle))
