"""``scripts/fit_weights.py``: the re-scorer reproduces ``recommend``, the fit keeps signs, zero
cells and the grid, finds a known fix, and cross-validation never trains on a held-out case."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from gesform.criteria import load_criteria
from gesform.recommend import get_recommender, recommend
from gesform.validation import load_cases, run_case

from ._scripts import load_script

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "evidence" / "dev"


fw = load_script("fit_weights")


@pytest.fixture(scope="module")
def dev():
    """The dev cases, their re-scorer rows and the current weights of the fired cells."""
    cases = load_cases(DEV)
    rows, hand = fw.extract(cases)
    return cases, rows, hand


@pytest.fixture(scope="module")
def zero_cells():
    """The ``<form>.<criterion>`` cells the criteria table sets to 0, and the signed weights of
    the others."""
    catalog = get_recommender().catalog
    zero, signed = set(), {}
    for criterion, _ in load_criteria(ROOT / "rules", catalog):
        for form in catalog.ids:
            cell = criterion.cell(form)
            if cell is None or cell.weight == 0:
                zero.add(f"{form}.{criterion.id}")
            else:
                signed[f"{form}.{criterion.id}"] = cell.weight
    return zero, signed


# --- Re-scorer ---------------------------------------------------------------------------------


def test_rescorer_reproduces_recommend_order_on_every_dev_case(dev):
    cases, rows, hand = dev
    assert len(rows) == len(cases) == len(list(DEV.glob("*.yaml"))) > 0
    for case, r in zip(cases, rows, strict=True):
        rec = recommend(case.profile)
        assert [f.form for f in fw.ranking(r, hand)] == [a.structure_id for a in rec.results]
        assert [fw.score(f, hand) for f in fw.ranking(r, hand)] == [a.score for a in rec.results]
        assert fw.rank_of_chosen(r, hand) == run_case(case).rank_of_chosen
    # The current dev figure, as the evidence report counts it.
    assert fw.measure(rows, hand) == fw.tally(run_case(c).rank_of_chosen for c in cases)


def test_reproduction_check_catches_other_weights(dev):
    cases, rows, hand = dev
    rec = recommend(cases[0].profile)
    fw.check_reproduces(rows[0], hand, rec)
    top = rows[0].forms[0]
    assert top.cells, "le premier du cas 0 devrait avoir au moins une case déclenchée"
    worse = {**hand, **{c: hand[c] - 60 for c in top.cells}}
    with pytest.raises(AssertionError):
        fw.check_reproduces(rows[0], worse, rec)


def test_current_weights_are_the_table_s_and_no_zero_cell_fires(dev, zero_cells):
    _, _, hand = dev
    zero, signed = zero_cells
    assert hand, "aucune case déclenchée sur le jeu dev"
    assert zero and signed
    assert not set(hand) & zero
    for cell, w in hand.items():
        assert signed[cell] == w


# --- Optimiser ---------------------------------------------------------------------------------


def test_fit_on_dev_keeps_signs_zero_cells_and_grid(dev, zero_cells):
    _, rows, hand = dev
    zero, _ = zero_cells
    assert fw.GRID == (5, 10, 15, 20, 25, 30)
    problem = fw.Problem(rows, hand, fw.FitSettings(restarts=2))
    fitted = problem.fit()
    assert set(fitted) == set(hand)
    assert not set(problem.params) & zero
    assert set(problem.params) == {c for c in hand if hand[c] != 0}
    for cell, w in fitted.items():
        assert (w > 0) == (hand[cell] > 0), cell
        if w != hand[cell]:
            assert cell in problem.params
            assert abs(w) in fw.GRID, cell
    assert problem.objective(fitted) >= problem.objective(hand)


def _row(form, cells=(), *, excluded=False, open_conditions=0, position=0):
    return fw.FormRow(form, excluded, open_conditions, position, tuple(cells))


def _synthetic():
    """Case 1 wants A, but B leads (65 against 50: A's bonus ``a.x`` +10 is cancelled by its
    malus ``a.z`` −10); raising ``a.x`` to 25 puts A first (the tie at 65 goes to A, first in
    tie order). A zero cell fires on B: made a malus, it would help A, but it must stay 0.
    Case 2 wants B and B leads."""
    one = fw.CaseRows(
        "one",
        "A",
        (
            _row("B", ["b.y", "b.zero"], position=1),
            _row("A", ["a.x", "a.z"], position=0),
            _row("C", [], excluded=True, position=2),
        ),
    )
    two = fw.CaseRows("two", "B", (_row("B", ["b.y"], position=1), _row("A", [], position=0)))
    hand = {"a.x": 10, "a.z": -10, "b.y": 15, "b.zero": 0}
    return [one, two], hand


def test_fit_finds_the_known_fix_on_a_synthetic_problem():
    cases, hand = _synthetic()
    assert [fw.rank_of_chosen(c, hand) for c in cases] == [2, 1]
    fitted = fw.fit(cases, hand, fw.FitSettings(restarts=3))
    assert [fw.rank_of_chosen(c, fitted) for c in cases] == [1, 1]
    assert fitted["b.zero"] == 0, "une case à 0 ne bouge jamais"
    assert fitted["a.x"] > 10 and fitted["a.x"] in fw.GRID
    assert fitted["a.z"] < 0 and -fitted["a.z"] in fw.GRID
    assert fitted["b.y"] > 0
    # One more case first outweighs any penalty, even without margins.
    strict = fw.fit(cases, hand, fw.FitSettings(margin_cap=0, penalty=5))
    assert [fw.rank_of_chosen(c, strict) for c in cases] == [1, 1]
    # Nothing to gain and a penalty per move: the current weights stay.
    assert fw.fit(cases[1:], hand, fw.FitSettings(margin_cap=0)) == hand


def test_fit_is_deterministic(dev):
    _, rows, hand = dev
    settings = fw.FitSettings(restarts=3)
    assert fw.fit(rows[:16], hand, settings) == fw.fit(rows[:16], hand, settings)


def test_an_excluded_chosen_form_is_out_of_reach():
    case = fw.CaseRows("x", "A", (_row("A", ["a.x"], excluded=True), _row("B", [], position=1)))
    assert fw.case_value(case.forms, 0, [30, 0], 20) == (0, -20)
    assert fw.case_value(case.forms[1:], 0, [0], 20) == (1, 20)


# --- Cross-validation --------------------------------------------------------------------------


def test_kfold_is_deterministic_disjoint_balanced_and_stratified(dev):
    _, rows, _ = dev
    folds = fw.kfold(rows, 4)
    assert folds == fw.kfold(list(rows), 4)
    flat = [i for f in folds for i in f]
    assert sorted(flat) == list(range(len(rows)))
    assert max(map(len, folds)) - min(map(len, folds)) <= 1
    forms = {r.chosen for r in rows}
    for form in forms:
        per_fold = [sum(rows[i].chosen == form for i in f) for f in folds]
        assert max(per_fold) - min(per_fold) <= 1, form
    by_id = sorted(range(len(rows)), key=lambda i: rows[i].case_id)
    assert fw.leave_one_out(rows) == [[i] for i in by_id]


def test_no_held_out_case_enters_its_own_fit(dev):
    _, rows, hand = dev
    seen = []

    def spy(train, weights, settings):
        seen.append({c.case_id for c in train})
        return dict(weights)

    folds = fw.kfold(rows, 4)
    cv = fw.cross_validate(rows, hand, folds, "test", fitter=spy)
    all_ids = {r.case_id for r in rows}
    assert len(seen) == len(cv.folds) == 4
    for trained, fold in zip(seen, cv.folds, strict=True):
        held = set(fold.held_ids)
        assert not trained & held
        assert trained | held == all_ids
        assert set(fold.train_ids) == trained
    assert sorted(i for f in cv.folds for i in f.held_ids) == sorted(all_ids)
    # With the current weights, the held-out figure is the current one.
    assert cv.held_out() == cv.hand() == fw.measure(rows, hand)


def test_script_prints_the_figures_and_never_writes_the_rules(capsys):
    def digest():
        return {
            p: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((ROOT / "rules").rglob("*.yaml"))
        }

    before = digest()
    assert fw.main(["--no-loo", "--restarts", "1"]) == 0
    out = capsys.readouterr().out
    assert digest() == before
    assert "reproduit exactement le classement de `recommend`" in out
    assert "(a) poids actuels" in out and "(c) validation croisée" in out
    assert "4 plis stratifiés" in out and "un contre tous" not in out
    assert "Jeu validation" not in out
