"""Typical French situations beyond the seeds: the form the law points to comes first."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gesform import Verdict, recommend

HERE = Path(__file__).parent
SCENARIOS = yaml.safe_load((HERE / "scenarios.yaml").read_text(encoding="utf-8"))
SPARSE = yaml.safe_load((HERE / "scenarios_sparse.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_expected_form_first_and_recommended(scenario):
    rec = recommend(scenario["profile"])
    top = rec.top
    assert top.structure_id == scenario["expect_first"], [
        (a.structure_id, a.verdict.value, a.score) for a in rec.results[:4]
    ]
    assert top.verdict is Verdict.recommended, top.explain()


@pytest.mark.parametrize("scenario", SPARSE, ids=[s["id"] for s in SPARSE])
def test_expected_form_first_from_a_first_interview(scenario):
    """Few answers: the form the law points to still comes first, and is never excluded."""
    rec = recommend(scenario["profile"])
    assert rec.top.structure_id == scenario["expect_first"], [
        (a.structure_id, a.verdict.value, a.score) for a in rec.results[:4]
    ]
    assert rec.top.verdict is not Verdict.excluded, rec.top.explain()


def test_every_scenario_is_described_with_its_law():
    ids = [s["id"] for s in SCENARIOS + SPARSE]
    assert len(ids) == len(set(ids))
    for s in SCENARIOS + SPARSE:
        assert s["situation"] and s["law"] and s["expect_first"], s["id"]
