"""Compare two runs of ``scripts/evidence_report.py --json`` case by case.

Two versions of the rules are measured on the same cases: which cases each one puts first
(or in the top 3) that the other does not, and whether that difference is more than noise.
The test is McNemar's exact test: only the cases that changed count, and under « no real
difference » a changed case is as likely to be a gain as a loss. A difference of two or three
cases is almost never significant on a few hundred cases; say so before reading a rule change
into it.

Usage::

    PYTHONPATH=src python scripts/evidence_report.py --set all --json before.json
    # … change the rules …
    PYTHONPATH=src python scripts/evidence_report.py --set all --json after.json
    python scripts/compare_outcomes.py before.json after.json
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from gesform.track_record import mcnemar_exact  # noqa: E402

MEASURES = (("first", "top-1"), ("top3", "top-3"))


@dataclass(frozen=True)
class Change:
    """How one measure moved between two runs of the same cases."""

    measure: str
    cases: int
    before: int
    after: int
    gained: tuple[str, ...]
    lost: tuple[str, ...]

    @property
    def p_value(self) -> float:
        """Two-sided exact McNemar p-value of the gained/lost split."""
        return mcnemar_exact(len(self.gained), len(self.lost))


def compare_set(
    before: dict[str, dict[str, object]], after: dict[str, dict[str, object]]
) -> list[Change]:
    """The changes of one set; both runs must hold the same cases with the same chosen form."""
    if set(before) != set(after):
        only = sorted(set(before) ^ set(after))
        raise ValueError(f"les deux mesures n'ont pas les mêmes cas : {', '.join(only[:5])}…")
    moved = [c for c in before if before[c].get("chosen") != after[c].get("chosen")]
    if moved:
        raise ValueError(f"forme choisie différente entre les deux mesures : {moved[0]}")
    changes = []
    for key, label in MEASURES:
        gained = tuple(sorted(c for c in before if after[c][key] and not before[c][key]))
        lost = tuple(sorted(c for c in before if before[c][key] and not after[c][key]))
        changes.append(
            Change(
                measure=label,
                cases=len(before),
                before=sum(bool(v[key]) for v in before.values()),
                after=sum(bool(v[key]) for v in after.values()),
                gained=gained,
                lost=lost,
            )
        )
    return changes


def report(before: dict, after: dict) -> str:
    """The comparison of every set found in both records, in French."""
    lines = []
    for name in sorted(set(before) & set(after)):
        lines.append(f"Jeu {name}")
        for ch in compare_set(before[name], after[name]):
            lines.append(
                f"  {ch.measure} : {ch.before} → {ch.after} sur {ch.cases} ; "
                f"{len(ch.gained)} gagnés, {len(ch.lost)} perdus ; "
                f"McNemar exact p = {ch.p_value:.3g}"
                + (" (au-delà du bruit au seuil de 5 %)" if ch.p_value < 0.05 else " (bruit)")
            )
            for sign, ids in (("+", ch.gained), ("-", ch.lost)):
                lines.extend(f"    {sign} {case_id}" for case_id in ids)
    if not lines:
        return "Aucun jeu commun aux deux mesures."
    return "\n".join(lines)


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"{path} : mesure illisible / unreadable record ({exc})") from None
    if not isinstance(data, dict):
        raise SystemExit(f"{path} : attendu un objet JSON par jeu / expected one object per set")
    return data


def main(argv: list[str] | None = None) -> int:
    """Print the comparison of two records."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="mesure de référence (--json)")
    parser.add_argument("after", type=Path, help="mesure à comparer (--json)")
    args = parser.parse_args(argv)
    try:
        print(report(_read(args.before), _read(args.after)))
    except (ValueError, KeyError) as exc:
        print(f"comparaison impossible / cannot compare: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
