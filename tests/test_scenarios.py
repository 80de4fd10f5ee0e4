"""Typical French situations beyond the seeds: the form the law points to comes first."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gesform import Verdict, recommend

SCENARIOS = yaml.safe_load((Path(__file__).parent / "scenarios.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_expected_form_first_and_recommended(scenario):
    rec = recommend(scenario["profile"])
    top = rec.top
    assert top.structure_id == scenario["expect_first"], [
        (a.structure_id, a.verdict.value, a.score) for a in rec.results[:4]
    ]
    assert top.verdict is Verdict.recommended, top.explain()
