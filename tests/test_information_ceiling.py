"""``scripts/information_ceiling.py``: the one-hot encoding of facts, the top-k count, the rules'
own row, the learning curve, and a clear message when scikit-learn is missing."""

from __future__ import annotations

import builtins
import math
import shutil
from pathlib import Path

import pytest

from gesform.facts import derive_facts
from gesform.validation import load_cases, run_case

from ._scripts import load_script

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE = ROOT / "tests" / "evidence"

ic = load_script("information_ceiling")


def test_encoding_keeps_every_known_fact_and_nothing_unknown():
    facts = {
        "volunteers": True,
        "horizon": "lasting",
        "member_count": 9,
        "objectives": {"share_staff": True, "coordinate": False, "represent": None},
        "capital": None,
    }
    assert ic.encode(facts) == {
        "volunteers=True": 1.0,
        "horizon=lasting": 1.0,
        "member_count": math.log1p(9),
        "member_count?": 1.0,
        "objectives:share_staff=True": 1.0,
        "objectives:coordinate=False": 1.0,
    }


def test_a_real_profile_gives_one_feature_per_known_value():
    case = load_cases(EVIDENCE / "dev")[0]
    facts = derive_facts(case.profile)
    features = ic.encode(facts)
    known = sum(
        1 if not isinstance(v, dict) else sum(s is not None for s in v.values())
        for v in facts.values()
        if v is not None
    )
    numbers = sum(isinstance(v, int | float) and not isinstance(v, bool) for v in facts.values())
    assert len(features) == known + numbers


def test_top_k_counts_the_true_class_among_the_k_most_probable():
    classes = ["a", "b", "c", "d"]
    proba = [[0.1, 0.6, 0.2, 0.1], [0.4, 0.3, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25]]
    truth = ["c", "a", "d"]
    assert ic.top_k_hits(classes, proba, truth, 1) == 1
    assert ic.top_k_hits(classes, proba, truth, 2) == 2
    # a tie between equal probabilities goes to the class name: "d" comes last
    assert ic.top_k_hits(classes, proba, truth, 3) == 2
    assert ic.top_k_hits(classes, proba, truth, 4) == 3


@pytest.fixture
def small_evidence(tmp_path, monkeypatch):
    """Four cases of each of three forms in dev and in validation, copied from the real sets."""
    for name in ("dev", "validation"):
        target = tmp_path / name
        target.mkdir()
        for prefix in ("association", "convention", "scop"):
            for path in sorted((EVIDENCE / name).glob(f"{prefix}_*.yaml"))[:4]:
                shutil.copy(path, target / path.name)
    monkeypatch.setattr(ic, "EVIDENCE", tmp_path)
    return tmp_path


def test_the_rules_row_is_the_measure_of_the_rules_on_the_same_cases(small_evidence, capsys):
    pytest.importorskip("sklearn")
    assert ic.main(["--folds", "2", "--trees", "5"]) == 0
    out = capsys.readouterr().out
    outcomes = [run_case(c) for c in load_cases(small_evidence / "validation")]
    top1 = sum(o.first for o in outcomes)
    top3 = sum(o.in_top3 for o in outcomes)
    rules_row = next(line for line in out.splitlines() if line.startswith("| règles de gesform"))
    assert f"{top1}/12 " in rules_row and f"{top3}/12 " in rules_row
    assert "| régression logistique" in out and "| forêt aléatoire (5 arbres)" in out
    curve = [line for line in out.splitlines() if line.startswith("| ") and "/24 " in line]
    # the learning curve: one row per share, each fold learning on more cases than the last
    learnt = [int(line.split("|")[1]) for line in curve if line.split("|")[1].strip().isdigit()]
    assert len(learnt) == len(ic.CURVE) and learnt == sorted(set(learnt))


def test_without_scikit_learn_the_script_says_what_to_install(monkeypatch, capsys):
    real_import = builtins.__import__

    def refuse_sklearn(name, *args, **kwargs):
        if name.startswith("sklearn"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse_sklearn)
    assert ic.main([]) == 2
    assert "pip install -e '.[analysis]'" in capsys.readouterr().err
