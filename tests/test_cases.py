"""Real cases from the seeds: the chosen form ranks high, the law's exclusions hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from gesform.validation import load_cases, run_case

CASES_DIR = Path(__file__).parent / "cases"
CASES = load_cases(CASES_DIR)


def test_at_least_the_fourteen_cases_are_there():
    assert len(CASES) >= 14


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case(case):
    outcome = run_case(case)
    rec = outcome.recommendation
    chosen = rec[case.expect.chosen]
    report = f"{case.id}: top 3 = {outcome.top3}\n{chosen.explain()}"
    assert outcome.in_top3, report
    assert not outcome.exclusion_problems, (outcome.exclusion_problems, report)
    if case.expect.vehicle:
        assert outcome.vehicle == case.expect.vehicle, report


#: Measured floor, not the goal. The issue's target is 12/14 first; docs/validation.md records
#: why it is not met (thin sources leave legal conditions unanswered) — never tune a rule to it.
FLOOR_FIRST = 7
FLOOR_FIRST_OR_ACCEPTABLE = 10


def test_accuracy_does_not_regress():
    outcomes = [run_case(c) for c in CASES]
    first = [o for o in outcomes if o.first]
    acceptable = [o for o in outcomes if o.first or o.top in o.case.expect.acceptable]
    misses = [f"{o.case.id}: {o.top3}" for o in outcomes if not o.first]
    assert all(o.in_top3 for o in outcomes), misses
    assert len(first) >= FLOOR_FIRST, misses
    assert len(acceptable) >= FLOOR_FIRST_OR_ACCEPTABLE, misses


def test_example_profiles_match_their_cases():
    import yaml

    from gesform import Profile

    root = Path(__file__).resolve().parents[1] / "examples"
    by_id = {c.id: c for c in CASES}
    pairs = {
        "belfort": "belfort_siae_ges",
        "gessa": "gessa_sambre_avesnois",
        "musique_sologne": "musique_sologne_ge",
    }
    for example, case_id in pairs.items():
        data = yaml.safe_load((root / f"{example}.yaml").read_text(encoding="utf-8"))
        assert Profile.model_validate(data) == by_id[case_id].profile
