"""Change between two waves (SPEC section 10): per cycle, and over the respondents present in both.

A respondent is matched by the session's ``respondent`` (a pseudonym in pseudonymised files); several
sessions of one respondent in one wave are pooled. Paired scale means are taken over the respondents with
scale answers in the cycle in both waves: each respondent's mean in each wave, then the mean over them, so
the change compares the same people. The cycle's own mean, effect and contribution stay apart (as in the
tally, the cycle's own mean leaves contribution ratings out).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from vcf_tui.analysis.tally import CycleFigures, Mean, by_session
from vcf_tui.cycles import CYCLES, FRAMEWORKS, cycle_label, cycle_order
from vcf_tui.store.datafile import Tables

KINDS = ("own", "effect", "contribution")

PerRespondent = dict[str, dict[str, dict[str, Mean]]]  # respondent -> cycle -> kind -> pooled figures


def compare(tables: Tables, wave_a: str, wave_b: str, instrument: str | None = None) -> dict[str, Any]:
    """The comparison object (``vcf-tui compare --json``)."""
    figures = by_session(tables)
    sessions = [
        s
        for s in tables["sessions"].values()
        if s.get("status") != "abandoned" and instrument in (None, s.get("instrument_id"))
    ]
    in_wave = {w: [s for s in sessions if s.get("wave") == w] for w in (wave_a, wave_b)}
    pooled = {w: _pool(in_wave[w], figures) for w in (wave_a, wave_b)}
    pairs = sorted(set(pooled[wave_a]) & set(pooled[wave_b]))
    frameworks = {s.get("framework") for w in in_wave.values() for s in w}
    listed = {c for f in frameworks for c in FRAMEWORKS.get(f or "", ())}
    listed |= {c for w in in_wave.values() for s in w for c in figures.get(s["session_id"], {})}
    spelling = next(iter(frameworks)) if len(frameworks) == 1 else None  # mixed frameworks: the shared spelling
    cycles = []
    for cycle in cycle_order([c for c in listed if c in CYCLES]):
        row: dict[str, Any] = {"cycle": cycle, "label": cycle_label(cycle, spelling), "sessions": {}, "answers": {}}
        for wave in (wave_a, wave_b):
            found = [figures.get(s["session_id"], {}).get(cycle, CycleFigures()) for s in in_wave[wave]]
            row["sessions"][wave] = sum(f.sessions for f in found)
            row["answers"][wave] = sum(f.answers for f in found)
        for kind in KINDS:
            row["paired_scale" if kind == "own" else f"paired_{kind}"] = _paired(
                pooled, pairs, cycle, kind, wave_a, wave_b
            )
        cycles.append(row)
    new_cycles = []
    for respondent in pairs:
        before, after = (set(pooled[w][respondent]) for w in (wave_a, wave_b))
        if after - before:
            new_cycles.append({"respondent": respondent, "cycles": cycle_order(after - before)})
    return {
        "waves": [wave_a, wave_b],
        "sessions": {w: len(in_wave[w]) for w in (wave_a, wave_b)},
        "respondents": {w: len(pooled[w]) for w in (wave_a, wave_b)},
        "pairs": len(pairs),
        "cycles": cycles,
        "new_cycles": new_cycles,
    }


def _pool(sessions: list[dict[str, Any]], figures: dict[str, Any]) -> PerRespondent:
    """Each respondent's answers per cycle and kind, summed over their sessions in one wave."""
    pooled: PerRespondent = defaultdict(lambda: defaultdict(lambda: {k: Mean() for k in KINDS}))
    for session in sessions:
        respondent = session.get("respondent")
        if not respondent:
            continue
        pooled[respondent]  # present in the wave even with no answer in any cycle
        for cycle, cycle_figures in figures.get(session["session_id"], {}).items():
            if cycle_figures.answers:
                for kind in KINDS:
                    pooled[respondent][cycle][kind].add(getattr(cycle_figures, kind))
    return pooled


def _paired(
    pooled: dict[str, PerRespondent], pairs: list[str], cycle: str, kind: str, wave_a: str, wave_b: str
) -> dict[str, Any]:
    means: dict[str, list[float]] = {wave_a: [], wave_b: []}
    for respondent in pairs:
        both = [pooled[w][respondent].get(cycle, {}).get(kind) or Mean() for w in (wave_a, wave_b)]
        if all(m.scale_n for m in both):
            for wave, mean in zip((wave_a, wave_b), both, strict=True):
                means[wave].append(mean.scale_pct_sum / mean.scale_n)
    n = len(means[wave_a])
    a = round(sum(means[wave_a]) / n, 1) if n else None
    b = round(sum(means[wave_b]) / n, 1) if n else None
    return {
        "respondents": n,
        "mean_pct": {wave_a: a, wave_b: b},
        "change": round(b - a, 1) if a is not None and b is not None else None,
    }


def format_compare(report: dict[str, Any]) -> str:
    """The comparison as a readable table."""
    a, b = report["waves"]

    def paired(figures: dict[str, Any]) -> str:
        if not figures["respondents"]:
            return "-"
        means = figures["mean_pct"]
        return f"{means[a]:.1f} -> {means[b]:.1f} ({figures['change']:+.1f}, n={figures['respondents']})"

    lines = [
        f"{a} -> {b}: sessions {report['sessions'][a]} / {report['sessions'][b]}, respondents "
        f"{report['respondents'][a]} / {report['respondents'][b]}, present in both: {report['pairs']}",
        "",
        f"{'cycle':<16}{'sessions':>11}{'answers':>11}   {'paired scale %':<28}{'paired effect %':<28}"
        "paired contribution %",
    ]
    for row in report["cycles"]:
        lines.append(
            f"{row['cycle']:<16}{row['sessions'][a]:>5} / {row['sessions'][b]:<3}"
            f"{row['answers'][a]:>5} / {row['answers'][b]:<3}   {paired(row['paired_scale']):<28}"
            f"{paired(row['paired_effect']):<28}{paired(row['paired_contribution'])}"
        )
    lines += [
        "",
        "paired: respondents with scale answers in the cycle in both waves (n); the cycle's own scale "
        "leaves contribution ratings out; effect and contribution are never averaged together.",
    ]
    if report["new_cycles"]:
        lines += ["", f"Cycles reported in {b} but not in {a}:"]
        lines += [f"  {r['respondent']}: {', '.join(r['cycles'])}" for r in report["new_cycles"]]
    return "\n".join(lines)
