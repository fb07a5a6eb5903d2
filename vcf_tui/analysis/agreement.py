"""Agreement between coders: Cohen's kappa, Krippendorff's alpha (nominal), percent agreement.

Formulas as in Cohen (1960) and Krippendorff (2011, "Computing Krippendorff's
Alpha-Reliability"): alpha = 1 - D_o / D_e from the coincidence matrix, with
units coded by fewer than two coders left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

from vcf_tui.analysis.coding import active
from vcf_tui.cycles import FRAMEWORKS, cycle_order
from vcf_tui.store.datafile import Tables
from vcf_tui.stories import is_told_step, step_cycle


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two coders' labels for the same units; None when chance agreement is total."""
    n = len(first)
    if n == 0 or n != len(second):
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Nominal alpha; ``units[i]`` holds each coder's label for unit i, None where missing."""
    coincidences: defaultdict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, a in enumerate(values):
            for j, b in enumerate(values):
                if i != j:
                    coincidences[(a, b)] += 1 / (m - 1)
    totals: defaultdict[Hashable, float] = defaultdict(float)
    for (a, _), weight in coincidences.items():
        totals[a] += weight
    n = sum(totals.values())
    if n <= 1:
        return None
    disagree_observed = sum(w for (a, b), w in coincidences.items() if a != b)
    disagree_expected = sum(totals[a] * totals[b] for a in totals for b in totals if a != b) / (n - 1)
    if disagree_expected == 0:
        return None
    return 1 - disagree_observed / disagree_expected


def _coded(tables: Tables) -> dict[str, dict[str, set[str]]]:
    """answer id -> coder -> cycles coded."""
    coded: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for coding in tables["codings"].values():
        if active(coding) and coding.get("cycle"):
            coded[coding["answer_id"]][coding.get("coder") or ""].add(coding["cycle"])
    return coded


def agreement(tables: Tables, coders: list[str]) -> dict[str, Any]:
    """Per-cycle agreement over the passages every named coder coded, the differences, and design vs coding."""
    coded = _coded(tables)
    answers = tables["answers"]
    shared = sorted(a for a, by in coded.items() if all(c in by for c in coders) and a in answers)
    frameworks = {tables["sessions"].get(answers[a].get("session_id", ""), {}).get("framework") for a in shared}
    cycles = cycle_order(
        {c for f in frameworks for c in FRAMEWORKS.get(f or "", ())}
        | {c for a in shared for cs in coded[a].values() for c in cs}
    )
    per_cycle = []
    for cycle in cycles:
        labels = [[cycle in coded[a][c] for c in coders] for a in shared]
        units_all = [[cycle in cs for cs in coded[a].values()] for a in coded if len(coded[a]) >= 2]
        per_cycle.append(
            {
                "cycle": cycle,
                "passages": len(shared),
                **_scores(labels, len(coders)),
                "krippendorff_alpha_all_coders": _round(krippendorff_alpha(units_all)),
            }
        )
    differences = [
        {
            "answer_id": a,
            "question_id": answers[a]["question_id"],
            "session_id": answers[a].get("session_id"),
            "coded": {c: sorted(coded[a][c]) for c in coders},
        }
        for a in shared
        if len({frozenset(coded[a][c]) for c in coders}) > 1
    ]
    return {
        "coders": coders,
        "passages": len(shared),
        "cycles": per_cycle,
        "differences": differences,
        "capitals": capital_agreement(tables, coders),
        "design": design_agreement(tables, coded),
    }


def _scores(labels: list[list[Any]], coders: int) -> dict[str, Any]:
    """Percent agreement, Cohen's kappa (two coders only) and Krippendorff's alpha over ``labels`` (unit x coder)."""
    agree = sum(len(set(row)) == 1 for row in labels)
    return {
        "percent_agreement": round(100 * agree / len(labels), 1) if labels else None,
        "cohen_kappa": _round(cohen_kappa([r[0] for r in labels], [r[1] for r in labels])) if coders == 2 else None,
        "krippendorff_alpha": _round(krippendorff_alpha(labels)),
    }


NO_CAPITAL = "(none)"


def capital_agreement(tables: Tables, coders: list[str]) -> dict[str, Any]:
    """Agreement on the capital type, over the passages every named coder coded to potential value."""
    named: dict[str, dict[str, str]] = defaultdict(dict)  # answer id -> coder -> capital
    for coding in tables["codings"].values():
        if active(coding) and coding.get("cycle") == "potential" and coding.get("coder") in coders:
            named[coding["answer_id"]][coding["coder"]] = coding.get("capital") or NO_CAPITAL
    shared = sorted(a for a, by in named.items() if len(by) == len(coders))
    labels = [[named[a][c] for c in coders] for a in shared]
    return {
        "passages": len(shared),
        **_scores(labels, len(coders)),
        "differences": [
            {"answer_id": a, "coded": dict(named[a])}
            for a, row in zip(shared, labels, strict=True)
            if len(set(row)) > 1
        ],
    }


def design_agreement(tables: Tables, coded: dict[str, dict[str, set[str]]]) -> list[dict[str, Any]]:
    """Per question: how often coders put its passages in the cycle(s) it was designed for.

    A told story step was "designed" as the cycle its narrator tagged it with, so told steps are
    grouped by that tagged cycle (``story (told, tagged applied)``), not by their position.
    """
    rows: dict[str, dict[str, Any]] = {}
    for answer_id, by_coder in coded.items():
        answer = tables["answers"].get(answer_id)
        if answer is None:
            continue
        question, designed = _design_of(answer)
        row = rows.setdefault(
            question,
            {"question": question, "designed": sorted(designed), "codings": 0, "matching": 0, "coded": Counter()},
        )
        for cycles in by_coder.values():
            for cycle in cycles:
                row["codings"] += 1
                row["matching"] += cycle in designed
                row["coded"][cycle] += 1
    result = []
    for row in sorted(rows.values(), key=lambda r: r["question"]):
        row["percent_matching"] = round(100 * row["matching"] / row["codings"], 1) if row["codings"] else None
        row["coded"] = dict(sorted(row["coded"].items()))
        result.append(row)
    return result


def _design_of(answer: dict[str, Any]) -> tuple[str, set[str]]:
    """The question an answer is grouped under for design agreement, and the cycles it was designed for."""
    story = answer.get("story")
    if not story:
        return str(answer.get("question_id")), set(answer.get("cycles") or ())
    if is_told_step(answer):
        tagged = step_cycle(answer)
        return f"{story.get('section')} (told, tagged {tagged or 'nothing'})", {tagged} if tagged else set()
    return f"{story.get('section')}.{story.get('step')}", set(answer.get("cycles") or ())


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def format_agreement(report: dict[str, Any]) -> str:
    def show(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    lines = [
        f"{report['passages']} passages coded by all of {', '.join(report['coders'])}",
        "",
        f"{'cycle':<16}{'agree %':>9}{'kappa':>9}{'alpha':>9}{'alpha*':>9}",
    ]
    for row in report["cycles"]:
        pct = "-" if row["percent_agreement"] is None else f"{row['percent_agreement']:.1f}"
        lines.append(
            f"{row['cycle']:<16}{pct:>9}{show(row['cohen_kappa']):>9}{show(row['krippendorff_alpha']):>9}"
            f"{show(row['krippendorff_alpha_all_coders']):>9}"
        )
    lines.append("alpha* : over every passage that two or more coders (of any name) coded")
    if report["differences"]:
        lines += ["", "Passages where they differ:"]
        for diff in report["differences"]:
            coded = "; ".join(f"{c}: {', '.join(v) or '-'}" for c, v in diff["coded"].items())
            lines.append(f"  {diff['question_id']} (session {str(diff['session_id'])[:8]}): {coded}")
    capitals = report["capitals"]
    if capitals["passages"]:
        pct = "-" if capitals["percent_agreement"] is None else f"{capitals['percent_agreement']:.1f}"
        lines += [
            "",
            f"Capital types, over {capitals['passages']} passages all coded to potential value: "
            f"agree {pct} %, kappa {show(capitals['cohen_kappa'])}, alpha {show(capitals['krippendorff_alpha'])}",
        ]
        for diff in capitals["differences"]:
            lines.append(f"  {diff['answer_id'][:8]}: " + "; ".join(f"{c}: {v}" for c, v in diff["coded"].items()))
    if report["design"]:
        lines += ["", "Designed cycle against coded cycle, per question:"]
        for row in report["design"]:
            coded = ", ".join(f"{c} {n}" for c, n in row["coded"].items())
            pct = "-" if row["percent_matching"] is None else f"{row['percent_matching']:.0f}%"
            lines.append(
                f"  {row['question']}: designed {', '.join(row['designed']) or '-'}; "
                f"{pct} of {row['codings']} codings match; coded {coded}"
            )
    return "\n".join(lines)
