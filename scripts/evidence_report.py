"""Measure gesform on the real cases from public sources (``tests/evidence``), set by set.

For the development set and the validation set separately, prints top-1 (the chosen form is
ranked first), top-3 with their 95 % Wilson intervals, the same figures by chosen form and by
lot (the lots of ``tests/evidence/SPLIT.md``), and the table of cases (Markdown), as recorded in
``docs/validation.md`` (section « Cas réels hors graines »). Accuracy is measured here, never
asserted per case. ``--json PATH`` also writes each case's outcome, for
``scripts/compare_outcomes.py`` to compare two runs case by case.

Usage::

    PYTHONPATH=src python scripts/evidence_report.py [--set dev|validation|all] [--engine ...]
        [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gesform.track_record import wilson_interval

if TYPE_CHECKING:
    from gesform.validation import CaseOutcome

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = ROOT / "tests" / "evidence"
SETS = ("dev", "validation")
COMMAND = "PYTHONPATH=src python scripts/evidence_report.py"


def measure(name: str, engine: str | None = None) -> list[CaseOutcome]:
    """The outcome of every case of the set *name* (``dev`` or ``validation``)."""
    from gesform.validation import load_cases, run_case

    return [run_case(c, engine=engine) for c in load_cases(EVIDENCE / name)]


def set_report(
    name: str, engine: str | None = None, outcomes: list[CaseOutcome] | None = None
) -> str:
    """The Markdown section for one set: the figures, then one row per case."""
    from gesform.models.results import CLOSE_MARGIN

    if outcomes is None:
        outcomes = measure(name, engine)
    lots = lots_of_cases()
    n = len(outcomes)
    first = sum(o.first for o in outcomes)
    top3 = sum(o.in_top3 for o in outcomes)
    tied_first = sum(o.first or o.top in o.tied_with for o in outcomes)
    near = {o.case.id: _close_ids(o) for o in outcomes}
    clear = [o for o in outcomes if not near[o.case.id]]
    close = [o for o in outcomes if near[o.case.id]]
    clear_first = sum(o.first for o in clear)
    close_in = sum(o.first or o.case.expect.chosen in near[o.case.id] for o in close)
    lines = [
        f"### Jeu {name} ({n} cas)",
        "",
        f"- **top-1** : {first}/{n} ({_pct(first, n)} ; {_interval(first, n)}) — la forme "
        "choisie est en tête",
        f"- **top-3** : {top3}/{n} ({_pct(top3, n)} ; {_interval(top3, n)}) — la forme choisie "
        "est dans les trois premières",
        "- *intervalle de confiance à 95 % (Wilson) : la part que l'on mesurerait sur d'autres "
        "cas réels du même genre ; un écart de quelques cas entre deux règles reste dans ce "
        "bruit (`scripts/compare_outcomes.py` le teste cas par cas)*",
        f"- **en tête ou à égalité avec la première** : {tied_first}/{n} "
        f"({_pct(tied_first, n)}) — même verdict et même score que la forme en tête, l'ordre "
        "ne tenant plus qu'au catalogue (chiffre d'appoint : le top-1 reste la mesure)",
        f"- **classement net** (aucune autre forme à {CLOSE_MARGIN} points ou moins de la "
        f"première) : {len(clear)}/{n} réponses, la forme choisie en tête dans "
        f"{clear_first}/{len(clear)} ({_pct(clear_first, len(clear))})",
        f"- **classement serré** (la réponse le dit) : {len(close)}/{n} réponses, la forme "
        f"choisie en tête ou parmi les formes serrées dans {close_in}/{len(close)} "
        f"({_pct(close_in, len(close))})",
        *_richness_lines(outcomes),
        *_miss_lines(outcomes),
        "",
        *_group_table("Forme choisie", outcomes, lambda o: f"`{o.case.expect.chosen}`"),
        "",
        *_group_table("Lot", outcomes, lambda o: _lot_label(lots.get(o.case.id))),
        "",
        "| Cas | Choisi | Rang | Obtenu (top 3) | Verdict de la forme choisie |",
        "| --- | --- | ---: | --- | --- |",
    ]
    for o in sorted(outcomes, key=lambda o: (o.case.expect.chosen, o.case.id)):
        tie = f" (= {', '.join(f'`{t}`' for t in o.tied_with)})" if o.tied_with else ""
        lines.append(
            f"| `{o.case.id}` | `{o.case.expect.chosen}` | {o.rank_of_chosen}{tie} | "
            f"{', '.join(f'`{t}`' for t in o.top3)} | {o.verdict_of_chosen.label} |"
        )
    return "\n".join(lines)


def _richness_lines(outcomes: list[CaseOutcome]) -> list[str]:
    """Top-1 and top-3 on the cases whose source gave fewer answers, then on the others.

    The split is at the median number of quoted answers of the set, fixed before measuring:
    it shows how much of the error comes from profiles the sources leave thin.
    """
    import statistics

    if not outcomes:
        return []
    median = statistics.median(len(o.case.quotes) for o in outcomes)
    halves = (
        (
            f"au plus {median:g} réponses citées",
            [o for o in outcomes if len(o.case.quotes) <= median],
        ),
        (
            f"plus de {median:g} réponses citées",
            [o for o in outcomes if len(o.case.quotes) > median],
        ),
    )
    return [
        f"- **profils {label}** : {len(part)} cas, top-1 {sum(o.first for o in part)}/{len(part)} "
        f"({_pct(sum(o.first for o in part), len(part))}), top-3 "
        f"{sum(o.in_top3 for o in part)}/{len(part)}"
        for label, part in halves
    ]


#: Why a case missed the first place, from the least to the most informative profile
#: (``{margin}``: the answer's close margin, ``CLOSE_MARGIN``).
MISS_CAUSES = {
    "no_signal": "aucun critère ne pèse (aucune forme n'a de raison pondérée : l'ordre ne tient "
    "qu'aux conditions légales encore ouvertes et au catalogue)",
    "tie": "à égalité de score avec la première",
    "close": "à {margin} points ou moins de la première",
    "far": "à plus de {margin} points de la première",
    "excluded": "exclue par une règle de droit",
}


def miss_cause(outcome: CaseOutcome) -> str | None:
    """Why the chosen form is not first (a key of :data:`MISS_CAUSES`), or ``None`` when it is.

    ``no_signal`` when no form carries a weighted reason: the profile says nothing the criteria
    read, and any order is the catalogue's. Otherwise by the score gap to the first form.
    """
    from gesform.models.results import CLOSE_MARGIN, Verdict

    if outcome.first:
        return None
    if outcome.verdict_of_chosen is Verdict.excluded:
        return "excluded"
    results = outcome.recommendation.results
    if not any(r.weight for a in results for r in a.reasons):
        return "no_signal"
    gap = results[0].score - outcome.recommendation[outcome.case.expect.chosen].score
    if gap == 0:
        return "tie"
    return "close" if gap <= CLOSE_MARGIN else "far"


def _miss_lines(outcomes: list[CaseOutcome]) -> list[str]:
    """One line: the cases missed, counted by :func:`miss_cause`."""
    from gesform.models.results import CLOSE_MARGIN

    causes = [c for c in map(miss_cause, outcomes) if c is not None]
    if not causes:
        return []
    parts = [
        f"{causes.count(key)} {label.format(margin=CLOSE_MARGIN)}"
        for key, label in MISS_CAUSES.items()
    ]
    return [f"- **cas manqués ({len(causes)}), pourquoi** : " + " ; ".join(parts)]


def lots_of_cases(split_md: Path = EVIDENCE / "SPLIT.md") -> dict[str, int]:
    """The lot of each evidence case, read from the split record (``## Lot N`` sections)."""
    lots: dict[str, int] = {}
    lot = 0
    for line in split_md.read_text(encoding="utf-8").splitlines():
        heading = re.fullmatch(r"## Lot (\d+)", line.strip())
        if heading:
            lot = int(heading.group(1))
            continue
        row = re.fullmatch(r"\| `[a-z_]+` \| `([a-z0-9_]+)` \| (?:dev|validation) \|", line)
        if row and lot:
            lots[row.group(1)] = lot
    return lots


def _lot_label(lot: int | None) -> str:
    return f"lot {lot}" if lot else "hors lot"


def _group_table(
    title: str, outcomes: list[CaseOutcome], key: Callable[[CaseOutcome], str]
) -> list[str]:
    """A Markdown table of top-1 and top-3 for each group of cases, groups in label order
    (lots by number)."""
    groups: dict[str, list[CaseOutcome]] = {}
    for o in outcomes:
        groups.setdefault(key(o), []).append(o)

    def order(label: str) -> tuple[int, str]:
        number = re.fullmatch(r"lot (\d+)", label)
        return (int(number.group(1)) if number else 0, label)

    lines = [
        f"| {title} | Cas | top-1 | top-3 | top-1, IC 95 % |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label in sorted(groups, key=order):
        part = groups[label]
        first = sum(o.first for o in part)
        lines.append(
            f"| {label} | {len(part)} | {first} ({_pct(first, len(part))}) | "
            f"{sum(o.in_top3 for o in part)} | {_interval(first, len(part), short=True)} |"
        )
    return lines


def _close_ids(outcome: CaseOutcome) -> set[str]:
    """The forms the answer says are close to the first one."""
    return {a.structure_id for a in outcome.recommendation.close_to_top()}


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.0f} %" if n else "—"


def _interval(k: int, n: int, *, short: bool = False) -> str:
    if not n:
        return "—"
    low, high = wilson_interval(k, n)
    span = f"{100 * low:.0f}–{100 * high:.0f} %"
    return span if short else f"IC 95 % {span}"


def outcomes_record(outcomes: list[CaseOutcome]) -> dict[str, dict[str, object]]:
    """Each case's outcome as plain data: chosen form, its rank, first, in the top 3."""
    return {
        o.case.id: {
            "chosen": o.case.expect.chosen,
            "rank": o.rank_of_chosen,
            "first": o.first,
            "top3": o.in_top3,
            "miss": miss_cause(o),
        }
        for o in outcomes
    }


def main(argv: list[str] | None = None) -> int:
    """Print the report for the requested set(s)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all")
    parser.add_argument("--engine", default=None, help="moteur de règles (par défaut : durable)")
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        metavar="PATH",
        help="écrit aussi l'issue de chaque cas (pour scripts/compare_outcomes.py)",
    )
    args = parser.parse_args(argv)
    names = SETS if args.set == "all" else (args.set,)
    measured = {name: measure(name, engine=args.engine) for name in names}
    parts = [set_report(name, outcomes=outcomes) for name, outcomes in measured.items()]
    print("\n\n".join(parts))
    if args.json is not None:
        record = {name: outcomes_record(outcomes) for name, outcomes in measured.items()}
        args.json.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    print(f"\nReproduire : `{COMMAND}`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
