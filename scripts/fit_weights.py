"""Fit the criteria-table weights on the development cases, within signs and bounds (issue #18).

Every weight of gesform lives in the criteria table (``rules/criteria/*.yaml``): a cell is
``0`` (no effect, by law or guide) or a signed weight with its reason and source. This script
asks whether other magnitudes, with the same signs, would rank the chosen form of the real
development cases (``tests/evidence/dev``) first more often, and — the figure to trust — how
such a fit does on cases it did not see (cross-validation on the development set only).

How it works:

* **re-scorer**: each case is run once through :func:`gesform.recommend`; per form we keep
  whether it is excluded, its open legal conditions, its tie position and the bonus / malus
  cells that fire. Which cells fire depends on the facts only, never on the weights, so any
  weights can be re-scored without the engine (score = 50 + the signed weights, clamped
  0…100; order: excluded last, score, open conditions, tie order —
  :func:`gesform.scoring.formula.result_order_key`). The re-scorer is checked to reproduce
  ``recommend``'s order exactly with the current weights;
* **parameters**: the magnitudes of the non-zero cells that fire in at least one training
  case; the sign stays the one the law or guide gives; the magnitude stays on the grid
  {5, 10, 15, 20, 25, 30}. Zero cells stay zero, cells that never fire keep their weight;
* **objective**: the number of training cases whose chosen form is first, then the sum of
  the margins (score of the chosen form − best other form not excluded, capped to ±20), minus
  a small penalty per cell moved away from its current weight;
* **optimiser**: coordinate descent over the grid from the current weights and from a few
  perturbed starts with fixed seeds (deterministic);
* **cross-validation**: k folds (default 4; cases sorted by chosen form then id, dealt in
  turn, so every form is spread over the folds) and leave-one-out.

The script only prints (French, Markdown); it never writes the rules. ``--validation``
measures, once and after the fit on all development cases, the fitted weights on the
validation set (measure only: the validation cases never enter a fit or a choice).

Usage::

    PYTHONPATH=src python scripts/fit_weights.py [--folds 4] [--no-loo] [--validation]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from gesform.models.results import Recommendation, Verdict  # noqa: E402
from gesform.models.rules import Effect  # noqa: E402
from gesform.scoring.formula import BASE_SCORE  # noqa: E402
from gesform.validation import Case, load_cases  # noqa: E402

EVIDENCE = ROOT / "tests" / "evidence"
COMMAND = "PYTHONPATH=src python scripts/fit_weights.py"

#: The magnitudes a fitted cell may take.
GRID: tuple[int, ...] = (5, 10, 15, 20, 25, 30)
#: The margin of a case (chosen form's score − best other's) is capped to ±MARGIN_CAP.
MARGIN_CAP = 20
#: Objective points lost per cell moved away from its current weight (prefer the hand weights
#: when the rest is equal; margins move by steps of 5, so 1 only breaks ties).
PENALTY = 1
#: Coordinate-descent starts: the current weights, then perturbed starts (seeds 1, 2, 3…).
RESTARTS = 4
#: Share of the parameters a perturbed start draws at random on the grid.
PERTURBED_SHARE = 0.5
#: Passes over the parameters at most, per start.
MAX_PASSES = 30

_WEIGHTED = (Effect.bonus, Effect.malus)


# --- Re-scorer ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormRow:
    """One form of one case, as the re-scorer needs it: what the weights cannot change
    (exclusion, open legal conditions, tie position) and the weighted cells that fire."""

    form: str
    excluded: bool
    open_conditions: int
    position: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CaseRows:
    """One case for the re-scorer: its id, the chosen form, and its forms in ``recommend``'s
    order (with the current weights)."""

    case_id: str
    chosen: str
    forms: tuple[FormRow, ...]


def rows_from(
    case_id: str,
    chosen: str,
    rec: Recommendation,
    open_conditions: Mapping[str, int],
    tie_order: Sequence[str],
) -> tuple[CaseRows, dict[str, int]]:
    """The re-scorer's rows of one answer, and the current signed weight of each fired cell."""
    position = {form: i for i, form in enumerate(tie_order)}
    weights: dict[str, int] = {}
    forms = []
    for a in rec.results:
        cells = []
        for reason in a.reasons:
            if reason.effect in _WEIGHTED:
                cells.append(reason.rule_id)
                weights[reason.rule_id] = reason.weight
        forms.append(
            FormRow(
                form=a.structure_id,
                excluded=a.verdict is Verdict.excluded,
                open_conditions=open_conditions[a.structure_id],
                position=position[a.structure_id],
                cells=tuple(cells),
            )
        )
    return CaseRows(case_id, chosen, tuple(forms)), weights


def extract(cases: Iterable[Case]) -> tuple[list[CaseRows], dict[str, int]]:
    """Run each case once through :func:`gesform.recommend` (current table) and keep its rows;
    also the current signed weight of every cell that fires (checked to be one per cell) —
    and that the re-scorer gives back ``recommend``'s order and scores exactly."""
    from gesform import recommend
    from gesform.recommend import get_recommender

    recommender = get_recommender()
    tie_order = recommender.catalog.tie_order
    out: list[CaseRows] = []
    weights: dict[str, int] = {}
    for case in cases:
        rec = recommend(case.profile)
        quick = recommender.quick(case.profile)
        rows, seen = rows_from(
            case.id,
            case.expect.chosen,
            rec,
            {form: q.open_conditions for form, q in quick.items()},
            tie_order,
        )
        for cell, w in seen.items():
            if weights.setdefault(cell, w) != w:
                raise AssertionError(f"{cell}: deux poids différents ({weights[cell]}, {w})")
        check_reproduces(rows, weights, rec)
        out.append(rows)
    return out, weights


def check_reproduces(rows: CaseRows, weights: Mapping[str, int], rec: Recommendation) -> None:
    """Raise :class:`AssertionError` unless re-scoring *rows* with *weights* gives exactly the
    order and the scores of *rec*."""
    expected = [(a.structure_id, a.score) for a in rec.results]
    got = [(f.form, score(f, weights)) for f in ranking(rows, weights)]
    if got != expected:
        raise AssertionError(
            f"{rows.case_id}: le re-calcul ne reproduit pas recommend : {got} ≠ {expected}"
        )


def score(row: FormRow, weights: Mapping[str, int]) -> int:
    """The form's score under *weights*: 50 + the signed weights of its fired cells, 0…100."""
    return max(0, min(100, BASE_SCORE + sum(weights[c] for c in row.cells)))


def _key(row: FormRow, s: int) -> tuple[int, int, int, int]:
    # The same as gesform.scoring.formula.result_order_key (only "excluded" of the verdict
    # matters there).
    return (int(row.excluded), -s, row.open_conditions, row.position)


def ranking(case: CaseRows, weights: Mapping[str, int]) -> list[FormRow]:
    """The case's forms in result order under *weights*."""
    return sorted(case.forms, key=lambda r: _key(r, score(r, weights)))


def rank_of_chosen(case: CaseRows, weights: Mapping[str, int]) -> int:
    """The chosen form's rank (1 = first) under *weights*: its position in the results, as
    ``scripts/evidence_report.py`` counts it."""
    return 1 + [r.form for r in ranking(case, weights)].index(case.chosen)


@dataclass(frozen=True)
class Tally:
    """Top-1 and top-3 counts over a set of cases."""

    first: int
    top3: int
    n: int

    def text(self) -> str:
        """« top-1 a/n (x %), top-3 b/n (y %) »."""
        return f"top-1 {_frac(self.first, self.n)}, top-3 {_frac(self.top3, self.n)}"


def tally(ranks: Iterable[int]) -> Tally:
    """Top-1 / top-3 from the chosen forms' ranks."""
    rs = list(ranks)
    return Tally(sum(r == 1 for r in rs), sum(r <= 3 for r in rs), len(rs))


def measure(cases: Iterable[CaseRows], weights: Mapping[str, int]) -> Tally:
    """Top-1 / top-3 of *cases* under *weights*."""
    return tally(rank_of_chosen(c, weights) for c in cases)


def _frac(k: int, n: int) -> str:
    return f"{k}/{n} ({100 * k / n:.0f} %)" if n else "—"


# --- Objective and optimiser ------------------------------------------------------------------


@dataclass(frozen=True)
class FitSettings:
    """The fit's hyper-parameters, fixed in advance (never chosen on the validation set)."""

    grid: tuple[int, ...] = GRID
    margin_cap: int = MARGIN_CAP
    penalty: int = PENALTY
    restarts: int = RESTARTS
    max_passes: int = MAX_PASSES


def case_value(
    forms: Sequence[FormRow], chosen: int, totals: Sequence[int], cap: int
) -> tuple[int, int]:
    """(1 if the chosen form is first else 0, capped margin) of one case, from each form's
    signed total; *chosen* is the chosen form's index in *forms*."""
    scores = [max(0, min(100, BASE_SCORE + t)) for t in totals]
    c = forms[chosen]
    if c.excluded:
        return 0, -cap
    mine = _key(c, scores[chosen])
    first = 1
    best_other: int | None = None
    for i, row in enumerate(forms):
        if i == chosen or row.excluded:
            continue
        if _key(row, scores[i]) < mine:
            first = 0
        if best_other is None or scores[i] > best_other:
            best_other = scores[i]
    margin = cap if best_other is None else max(-cap, min(cap, scores[chosen] - best_other))
    return first, margin


class Problem:
    """A training set compiled for coordinate descent: incremental re-scoring of the cases a
    cell touches.

    Parameters are the cells with a non-zero current weight that fire in at least one
    training case; each keeps its sign, its magnitude moves on the grid.
    """

    def __init__(
        self, cases: Sequence[CaseRows], hand: Mapping[str, int], settings: FitSettings
    ) -> None:
        self.cases = list(cases)
        self.hand = dict(hand)
        self.settings = settings
        touched: dict[str, list[tuple[int, int]]] = {}
        for ci, case in enumerate(self.cases):
            for fi, row in enumerate(case.forms):
                for cell in row.cells:
                    touched.setdefault(cell, []).append((ci, fi))
        #: The fitted cells, sorted: fired in training, non-zero now.
        self.params: list[str] = sorted(c for c in touched if self.hand[c] != 0)
        self.touched = touched
        self.chosen = [[r.form for r in c.forms].index(c.chosen) for c in self.cases]
        #: Points of one more case first: more than the margins' sum and the penalties can
        #: change, so the number of cases first always comes first.
        self.first_points = (
            2 * settings.margin_cap * len(self.cases) + settings.penalty * len(self.params) + 1
        )

    def sign(self, cell: str) -> int:
        """The cell's fixed sign (+1 bonus, −1 malus)."""
        return 1 if self.hand[cell] > 0 else -1

    def objective(self, weights: Mapping[str, int]) -> int:
        """The fit's objective under *weights* (higher is better)."""
        total = 0
        for ci, case in enumerate(self.cases):
            totals = [sum(weights[c] for c in r.cells) for r in case.forms]
            first, margin = case_value(
                case.forms, self.chosen[ci], totals, self.settings.margin_cap
            )
            total += first * self.first_points + margin
        moved = sum(weights[c] != self.hand[c] for c in self.params)
        return total - self.settings.penalty * moved

    def descend(self, start: Mapping[str, int], order: Sequence[str]) -> dict[str, int]:
        """Coordinate descent from *start*: each cell in *order* takes the grid magnitude that
        raises the objective most (its sign kept), until a pass changes nothing."""
        s = self.settings
        weights = dict(start)
        totals = [[sum(weights[c] for c in r.cells) for r in case.forms] for case in self.cases]
        values = [
            case_value(case.forms, self.chosen[ci], totals[ci], s.margin_cap)
            for ci, case in enumerate(self.cases)
        ]

        def points(v: tuple[int, int]) -> int:
            return v[0] * self.first_points + v[1]

        for _ in range(s.max_passes):
            changed = False
            for cell in order:
                sign = self.sign(cell)
                current = weights[cell]
                spots = self.touched[cell]
                affected = sorted({ci for ci, _ in spots})
                base = sum(points(values[ci]) for ci in affected)
                best_gain = 0
                best_weight = current
                best_values: dict[int, tuple[int, int]] = {}
                for magnitude in s.grid:
                    w = sign * magnitude
                    if w == current:
                        continue
                    delta = w - current
                    for ci, fi in spots:
                        totals[ci][fi] += delta
                    new = {
                        ci: case_value(
                            self.cases[ci].forms, self.chosen[ci], totals[ci], s.margin_cap
                        )
                        for ci in affected
                    }
                    for ci, fi in spots:
                        totals[ci][fi] -= delta
                    moved = int(w != self.hand[cell]) - int(current != self.hand[cell])
                    gain = sum(points(v) for v in new.values()) - base - s.penalty * moved
                    if gain > best_gain:
                        best_gain, best_weight, best_values = gain, w, new
                if best_weight != current:
                    delta = best_weight - current
                    for ci, fi in spots:
                        totals[ci][fi] += delta
                    for ci, v in best_values.items():
                        values[ci] = v
                    weights[cell] = best_weight
                    changed = True
            if not changed:
                break
        return weights

    def fit(self) -> dict[str, int]:
        """The best weights over the starts (the current weights first, then perturbed starts
        with seeds 1, 2, …); ties go to the earlier start. Cells that are not parameters keep
        their current weight."""
        best: dict[str, int] | None = None
        best_value = 0
        for restart in range(self.settings.restarts):
            start = dict(self.hand)
            order = list(self.params)
            if restart:
                rng = random.Random(restart)
                for cell in self.params:
                    if rng.random() < PERTURBED_SHARE:
                        start[cell] = self.sign(cell) * rng.choice(self.settings.grid)
                rng.shuffle(order)
            weights = self.descend(start, order)
            value = self.objective(weights)
            if best is None or value > best_value:
                best, best_value = weights, value
        assert best is not None
        return best


def fit(
    cases: Sequence[CaseRows], hand: Mapping[str, int], settings: FitSettings | None = None
) -> dict[str, int]:
    """Weights fitted on *cases* (see :class:`Problem`): every cell of *hand*, the fitted
    ones moved on the grid with their sign, the others unchanged."""
    return Problem(cases, hand, settings or FitSettings()).fit()


# --- Cross-validation -------------------------------------------------------------------------


def kfold(cases: Sequence[CaseRows], k: int) -> list[list[int]]:
    """The held-out indices of each of *k* folds: cases sorted by chosen form then id, and
    dealt to the folds in turn (0, 1, …, k−1, 0, …), so each form's cases are spread over the
    folds and the folds differ in size by one at most. Deterministic."""
    order = sorted(range(len(cases)), key=lambda i: (cases[i].chosen, cases[i].case_id))
    folds: list[list[int]] = [[] for _ in range(k)]
    for j, i in enumerate(order):
        folds[j % k].append(i)
    return [sorted(f, key=lambda i: cases[i].case_id) for f in folds]


def leave_one_out(cases: Sequence[CaseRows]) -> list[list[int]]:
    """One fold per case (sorted by id)."""
    return [[i] for i in sorted(range(len(cases)), key=lambda i: cases[i].case_id)]


@dataclass
class FoldResult:
    """One fold: who trained, who was held out, the fitted weights and the held-out ranks."""

    train_ids: tuple[str, ...]
    held_ids: tuple[str, ...]
    weights: dict[str, int]
    held_ranks: dict[str, int]
    hand_ranks: dict[str, int]


@dataclass
class CrossValidation:
    """The folds of one cross-validation and the held-out tallies."""

    name: str
    folds: list[FoldResult] = field(default_factory=list)

    def held_out(self) -> Tally:
        """Top-1 / top-3 of every case when it was held out."""
        return tally(r for f in self.folds for r in f.held_ranks.values())

    def hand(self) -> Tally:
        """Top-1 / top-3 of the same cases with the current weights."""
        return tally(r for f in self.folds for r in f.hand_ranks.values())


def cross_validate(
    cases: Sequence[CaseRows],
    hand: Mapping[str, int],
    folds: Sequence[Sequence[int]],
    name: str,
    settings: FitSettings | None = None,
    fitter: Callable[..., dict[str, int]] = fit,
) -> CrossValidation:
    """For each fold: fit on the other cases, then rank the held-out ones."""
    cv = CrossValidation(name)
    for held in folds:
        held_set = set(held)
        train = [c for i, c in enumerate(cases) if i not in held_set]
        weights = fitter(train, hand, settings)
        held_cases = [cases[i] for i in held]
        cv.folds.append(
            FoldResult(
                train_ids=tuple(c.case_id for c in train),
                held_ids=tuple(c.case_id for c in held_cases),
                weights=weights,
                held_ranks={c.case_id: rank_of_chosen(c, weights) for c in held_cases},
                hand_ranks={c.case_id: rank_of_chosen(c, hand) for c in held_cases},
            )
        )
    return cv


# --- Report -----------------------------------------------------------------------------------


def changes(weights: Mapping[str, int], hand: Mapping[str, int]) -> dict[str, int]:
    """The cells whose weight differs from the current one, with their new weight."""
    return {c: w for c, w in sorted(weights.items()) if w != hand[c]}


def _signed(w: int) -> str:
    return f"{w:+d}".replace("-", "−")


def cv_section(cv: CrossValidation) -> list[str]:
    """The Markdown lines of one cross-validation: figures, then the cases it moves."""
    held, hand = cv.held_out(), cv.hand()
    lines = [
        f"- **{cv.name}** — tenus à l'écart : {held.text()} "
        f"(poids actuels sur les mêmes cas : {hand.text()})",
    ]
    gained = sorted(
        cid for f in cv.folds for cid, r in f.held_ranks.items() if r == 1 and f.hand_ranks[cid] > 1
    )
    lost = sorted(
        cid for f in cv.folds for cid, r in f.held_ranks.items() if r > 1 and f.hand_ranks[cid] == 1
    )
    lines.append(f"  - cas gagnés en tête : {', '.join(f'`{c}`' for c in gained) or 'aucun'}")
    lines.append(f"  - cas perdus en tête : {', '.join(f'`{c}`' for c in lost) or 'aucun'}")
    return lines


def report(
    cases: Sequence[CaseRows],
    hand: Mapping[str, int],
    cvs: Sequence[CrossValidation],
    full: Mapping[str, int],
    settings: FitSettings,
    n_params: int,
) -> str:
    """The Markdown report (French)."""
    ranks_full = {c.case_id: rank_of_chosen(c, full) for c in cases}
    lines = [
        f"## Ajustement des poids sur le jeu dev ({len(cases)} cas)",
        "",
        "Le re-calcul linéaire reproduit exactement le classement de `recommend` sur les "
        f"{len(cases)} cas (vérifié). {n_params} cases non nulles se déclenchent dans au moins "
        f"un cas : leur grandeur est ajustée sur {{{', '.join(map(str, settings.grid))}}}, "
        "signe inchangé ; les cases à 0 restent à 0, les autres gardent leur poids. "
        f"Objectif : cas en tête, puis somme des marges (plafonnées à ±{settings.margin_cap}), "
        f"moins {settings.penalty} par case déplacée ; {settings.restarts} départs "
        "(poids actuels, puis départs perturbés de graines fixes).",
        "",
        f"- **(a) poids actuels** (à la main), jeu dev : {measure(cases, hand).text()}",
        f"- **(b) ajustés sur tout le jeu dev, mesurés sur ce même jeu** (dans l'échantillon : "
        f"chiffre optimiste, à ne pas retenir) : {tally(ranks_full.values()).text()}",
        "- **(c) validation croisée** (chaque cas classé par des poids ajustés sans lui — le "
        "chiffre à retenir) :",
    ]
    for cv in cvs:
        lines += [f"  {line}" for line in cv_section(cv)]
    moved = changes(full, hand)
    lines += [
        "",
        f"### (d) Cases que l'ajustement sur tout le jeu dev changerait ({len(moved)})",
        "",
    ]
    if not moved:
        lines.append("Aucune : les poids actuels sont déjà le meilleur point trouvé.")
    else:
        head = " | ".join(f"même choix ({cv.name})" for cv in cvs)
        lines += [
            f"| Case | Actuel → ajusté | {head} |",
            "| --- | ---: | " + " | ".join("---:" for _ in cvs) + " |",
        ]
        for cell, w in moved.items():
            same = " | ".join(
                f"{sum(f.weights.get(cell) == w for f in cv.folds)}/{len(cv.folds)}" for cv in cvs
            )
            lines.append(f"| `{cell}` | {_signed(hand[cell])} → {_signed(w)} | {same} |")
    for cv in cvs:
        if len(cv.folds) > 8:
            continue
        lines += ["", f"Plis ({cv.name}) :", ""]
        for i, f in enumerate(cv.folds, start=1):
            held = tally(f.held_ranks.values())
            hand_t = tally(f.hand_ranks.values())
            lines.append(
                f"- pli {i} : {len(f.train_ids)} cas d'ajustement, {len(f.held_ids)} tenus à "
                f"l'écart ; ajusté {held.text()} ; actuel {hand_t.text()} ; "
                f"cases changées : {len(changes(f.weights, hand))}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Fit, cross-validate and print the report (the rules are never written)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--folds", type=int, default=4, help="nombre de plis (défaut : 4)")
    parser.add_argument("--no-loo", action="store_true", help="sans le « un contre tous »")
    parser.add_argument(
        "--restarts", type=int, default=RESTARTS, help=f"départs (défaut : {RESTARTS})"
    )
    parser.add_argument(
        "--penalty", type=int, default=PENALTY, help=f"pénalité par case déplacée ({PENALTY})"
    )
    parser.add_argument(
        "--margin-cap", type=int, default=MARGIN_CAP, help=f"plafond des marges ({MARGIN_CAP})"
    )
    parser.add_argument(
        "--validation",
        action="store_true",
        help="après l'ajustement sur tout le jeu dev, mesurer une fois sur le jeu validation",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    settings = FitSettings(restarts=args.restarts, penalty=args.penalty, margin_cap=args.margin_cap)
    cases, hand = extract(load_cases(EVIDENCE / "dev"))
    n_params = len(Problem(cases, hand, settings).params)
    cvs = [
        cross_validate(
            cases, hand, kfold(cases, args.folds), f"{args.folds} plis stratifiés", settings
        )
    ]
    if not args.no_loo:
        cvs.append(cross_validate(cases, hand, leave_one_out(cases), "un contre tous", settings))
    full = fit(cases, hand, settings)
    print(report(cases, hand, cvs, full, settings, n_params))
    if args.validation:
        # Measure only: the validation cases enter no fit and no choice.
        val_cases, val_hand = extract(load_cases(EVIDENCE / "validation"))
        weights = {**val_hand, **{c: w for c, w in full.items() if c in val_hand}}
        print(
            f"\n### Jeu validation ({len(val_cases)} cas, mesure seule)\n\n"
            f"- poids actuels : {measure(val_cases, val_hand).text()}\n"
            f"- poids ajustés sur tout le jeu dev : {measure(val_cases, weights).text()}"
        )
    print(f"\nDurée : {time.perf_counter() - started:.1f} s. Reproduire : `{COMMAND}`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
