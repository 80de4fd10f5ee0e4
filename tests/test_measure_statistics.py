"""The statistics that say how far the measured accuracy can be trusted: Wilson intervals
(``gesform.track_record``, used by ``scripts/evidence_report.py`` and by the answers' track
record) and the case-by-case McNemar test of ``scripts/compare_outcomes.py``."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gesform.track_record import wilson_interval
from gesform.validation import load_cases, run_case

from ._scripts import load_script

report = load_script("evidence_report")
compare = load_script("compare_outcomes")


#: Newcombe (1998), Statistics in Medicine 17:857-872, table I (Wilson score, 95 %).
@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (5, 10, 0.2366, 0.7634),
    ],
)
def test_wilson_interval_matches_published_values(k, n, low, high):
    got = wilson_interval(k, n)
    assert got == pytest.approx((low, high), abs=5e-4)


@given(st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_holds_the_proportion_and_stays_in_bounds(kn):
    k, n = kn
    low, high = wilson_interval(k, n)
    assert 0.0 <= low <= k / n <= high <= 1.0


@given(st.integers(1, 400), st.integers(0, 400))
def test_more_cases_narrow_the_interval_of_the_same_proportion(n, k):
    k = min(k, n)
    low1, high1 = wilson_interval(k, n)
    low4, high4 = wilson_interval(4 * k, 4 * n)
    assert high4 - low4 < high1 - low1


def test_an_impossible_proportion_is_refused():
    with pytest.raises(ValueError):
        wilson_interval(3, 2)
    with pytest.raises(ValueError):
        wilson_interval(0, 0)


@pytest.mark.parametrize(
    ("gained", "lost", "p"),
    [(0, 0, 1.0), (2, 0, 0.5), (0, 6, 0.03125), (3, 3, 1.0), (1, 4, 0.375), (10, 2, 0.0386)],
)
def test_mcnemar_exact_matches_the_binomial_tail(gained, lost, p):
    assert compare.mcnemar_exact(gained, lost) == pytest.approx(p, abs=1e-4)


@given(st.integers(0, 60), st.integers(0, 60))
def test_mcnemar_is_symmetric_and_a_probability(gained, lost):
    p = compare.mcnemar_exact(gained, lost)
    assert p == compare.mcnemar_exact(lost, gained)
    assert 0.0 < p <= 1.0
    assert math.isclose(p, 1.0) or gained != lost


def _case(chosen: str, rank: int) -> dict[str, object]:
    return {"chosen": chosen, "rank": rank, "first": rank == 1, "top3": rank <= 3}


def test_compare_counts_gains_and_losses_case_by_case(tmp_path, capsys):
    before = {"dev": {"a": _case("gie", 1), "b": _case("scic", 2), "c": _case("scop", 4)}}
    after = {"dev": {"a": _case("gie", 2), "b": _case("scic", 1), "c": _case("scop", 1)}}
    top1, top3 = compare.compare_set(before["dev"], after["dev"])
    assert (top1.before, top1.after, top1.gained, top1.lost) == (1, 2, ("b", "c"), ("a",))
    assert (top3.gained, top3.lost) == (("c",), ())
    paths = [tmp_path / "before.json", tmp_path / "after.json"]
    for path, record in zip(paths, (before, after), strict=True):
        path.write_text(json.dumps(record), encoding="utf-8")
    assert compare.main([str(p) for p in paths]) == 0
    out = capsys.readouterr().out
    assert "top-1 : 1 → 2 sur 3 ; 2 gagnés, 1 perdus" in out and "+ c" in out and "- a" in out


def test_compare_refuses_runs_of_different_cases(tmp_path, capsys):
    before = {"dev": {"a": _case("gie", 1)}}
    after = {"dev": {"b": _case("gie", 1)}}
    paths = [tmp_path / "before.json", tmp_path / "after.json"]
    for path, record in zip(paths, (before, after), strict=True):
        path.write_text(json.dumps(record), encoding="utf-8")
    assert compare.main([str(p) for p in paths]) == 2
    assert "pas les mêmes cas" in capsys.readouterr().err


def test_evidence_report_writes_the_record_compare_reads():
    outcomes = [run_case(c) for c in load_cases(report.ROOT / "tests" / "cases")]
    record = report.outcomes_record(outcomes)
    assert set(record) == {o.case.id for o in outcomes}
    assert all(v["first"] == (v["rank"] == 1) for v in record.values())
    changes = compare.compare_set(record, record)
    assert all(not ch.gained and not ch.lost and ch.p_value == 1.0 for ch in changes)


def _outcome_choosing(case, form):
    """*case* run as if the group had chosen *form*."""
    expect = case.expect.model_copy(update={"chosen": form, "acceptable": ()})
    return run_case(case.model_copy(update={"expect": expect}))


def test_a_miss_is_told_by_its_cause():
    (belfort,) = [
        c for c in load_cases(report.ROOT / "tests" / "cases") if c.id == "belfort_siae_ges"
    ]
    first = run_case(belfort)
    assert first.first and report.miss_cause(first) is None
    results = first.recommendation.results
    by_form = {a.structure_id: a for a in results}
    for form, assessment in by_form.items():
        outcome = _outcome_choosing(belfort, form)
        cause = report.miss_cause(outcome)
        gap = results[0].score - assessment.score
        if outcome.first:
            assert cause is None
        elif assessment.verdict.value == "excluded":
            assert cause == "excluded", form
        else:
            assert cause == ("tie" if gap == 0 else "close" if gap <= 5 else "far"), form
    assert report.outcomes_record([first])["belfort_siae_ges"]["miss"] is None


def test_a_profile_that_says_nothing_the_criteria_read_is_a_miss_without_signal():
    (belfort,) = [
        c for c in load_cases(report.ROOT / "tests" / "cases") if c.id == "belfort_siae_ges"
    ]
    bare = belfort.profile.model_validate(
        {"members": [{"name": "A"}, {"name": "B"}], "members_complete": False}
    )
    case = belfort.model_copy(update={"profile": bare})
    results = run_case(case).recommendation.results
    assert not any(r.weight for a in results for r in a.reasons)
    last_not_excluded = [a for a in results if a.verdict.value != "excluded"][-1]
    outcome = _outcome_choosing(case, last_not_excluded.structure_id)
    assert report.miss_cause(outcome) == "no_signal"
    line = report._miss_lines([outcome])
    assert line and "1 aucun critère ne pèse" in line[0] and "0 à égalité" in line[0]
