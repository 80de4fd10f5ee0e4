"""The durable-rules engine: same answers as the oracle, and every measured quirk kept away."""

from __future__ import annotations

import gc
import itertools
import json
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gesform.conditions import evaluate
from gesform.engine import build_engine
from gesform.engine.base import truth_from_fired
from gesform.engine.compile import compile_condition, compile_rules, dnf_terms, flatten_facts
from gesform.engine.durable import (
    MARK,
    MAX_TERMS_PER_RULESET,
    SENTINEL,
    DurableEngine,
    _pack,
    durable_available,
)
from gesform.engine.python import PythonEngine
from gesform.models.rules import Rule

from .strategies import conditions, facts

pytestmark = pytest.mark.skipif(not durable_available(), reason="durable-rules not importable")

_dre = pytest.importorskip("durable_rules_engine")


def _rule(i: int, cond: object) -> Rule:
    return Rule.model_validate(
        {
            "id": f"t.r{i}",
            "effect": "exclude",
            "when": cond,
            "because": "test",
            "source": {"legal_basis": "x"},
        }
    )


@given(st.lists(conditions, min_size=1, max_size=6), st.lists(facts, min_size=1, max_size=4))
@settings(max_examples=300)
def test_durable_python_and_kleene_agree_on_random_conditions(conds, fact_sets):
    rules = [_rule(i, c) for i, c in enumerate(conds)]
    compiled = compile_rules(rules)
    durable = DurableEngine(compiled)
    python = PythonEngine(compiled)
    try:
        for f in fact_sets:
            flat = flatten_facts(f)
            got_d = truth_from_fired(compiled, durable.fired(flat))
            got_p = truth_from_fired(compiled, python.fired(flat))
            want = {r.id: evaluate(r.when, f) for r in rules}
            assert got_p == want, (flat, [r.when for r in rules])
            assert got_d == want, (flat, [r.when for r in rules])
    finally:
        durable.close()


def test_no_iany_is_ever_emitted():
    """§6.3: `$iany` with an inner `$or` corrupts ruleset builds; set facts are flattened."""
    cond = {"fact": "objectives", "contains_any": ["share_staff", "public_tender"]}
    true_form, false_form = compile_condition(_rule(0, cond).when)
    text = json.dumps([true_form, false_form])
    assert "$iany" not in text and "$iall" not in text
    assert true_form == {
        "$or": [{"objectives__share_staff": True}, {"objectives__public_tender": True}]
    }


def test_every_rule_is_guarded_and_each_ruleset_has_a_sentinel():
    """§6.2 and §6.4: marker guard on every rule, one sentinel per ruleset."""
    compiled = compile_rules([_rule(i, {"fact": "member_count", "gte": i}) for i in range(80)])
    chunks = _pack(compiled)
    assert len(chunks) > 1
    for chunk in chunks:
        assert chunk[SENTINEL] == {"all": [{"m": {MARK: 1}}]}
        for key, rule in chunk.items():
            if key != SENTINEL:
                assert rule["all"][0]["m"]["$and"][0] == {MARK: 1}


def test_rulesets_stay_under_the_alpha_stack_limit_when_everything_is_true():
    """§6.1: > 64 pending alpha nodes → error 303 then segfault. Pack ≤ 60 DNF terms."""
    values = ["share_staff", "public_tender", "joint_offer", "rescue", "new_activity"]
    orders = list(itertools.permutations(values))[:100]  # 100 distinct forms of 5 terms
    compiled = compile_rules(
        [_rule(i, {"fact": "objectives", "contains_any": list(o)}) for i, o in enumerate(orders)]
    )
    for chunk in _pack(compiled):
        total = sum(dnf_terms(r["all"][0]["m"]) for r in chunk.values())
        assert total <= MAX_TERMS_PER_RULESET
    engine = DurableEngine(compiled)
    try:
        flat = flatten_facts({"objectives": {v: True for v in values}})
        truth = truth_from_fired(compiled, engine.fired(flat))
        assert all(truth.values())
    finally:
        engine.close()


def test_a_rule_too_large_for_durable_is_refused_at_compile_time():
    big = {"all": [{"fact": "horizon", "in": ["one_off", "contract", "lasting"]}] * 4}
    with pytest.raises(ValueError, match="termes DNF"):
        compile_rules([_rule(0, big)])


def test_state_is_deleted_after_each_call_and_sids_are_fresh():
    """§4: a fresh sid per call, its state deleted in finally (get_state then fails, 309)."""
    compiled = compile_rules([_rule(0, {"fact": "cross_boards", "is": True})])
    engine = DurableEngine(compiled)
    try:
        sids = set()
        for _ in range(3):
            engine.fired(flatten_facts({"cross_boards": True}))
            sids.add(engine.last_sid)
            for handle in engine.handles:
                with pytest.raises(Exception, match="309"):
                    _dre.get_state(handle, engine.last_sid)
        assert len(sids) == 3
    finally:
        engine.close()


def test_profile_matching_no_rule_runs_and_deletes_cleanly():
    """§6.2: a state that ran no action crashed delete_state; the sentinel always fires."""
    compiled = compile_rules([_rule(i, {"fact": "member_count", "gte": 100}) for i in range(30)])
    engine = DurableEngine(compiled)
    try:
        for _ in range(200):
            assert engine.fired(flatten_facts({})) == frozenset()
    finally:
        engine.close()


def test_many_consecutive_calls_leave_no_session_behind():
    """§4: at most 1024 live sids per ruleset; 5,000 calls would fail if states leaked."""
    compiled = compile_rules([_rule(0, {"fact": "cross_boards", "is": True})])
    engine = DurableEngine(compiled)
    threads_before = threading.active_count()
    try:
        for i in range(5000):
            engine.fired(flatten_facts({"cross_boards": bool(i % 2)}))
    finally:
        engine.close()
    assert threading.active_count() == threads_before


def test_building_twice_in_one_process_works_like_a_rerun_cell():
    """§2/§6.3: rebuilding the same rules (a re-run notebook cell) must not fail or share state."""
    rules = [_rule(i, {"fact": "objectives", "contains": "share_staff"}) for i in range(5)]
    results = []
    for _ in range(5):
        engine = build_engine("durable", compile_rules(rules))
        results.append(engine.fired(flatten_facts({"objectives": {"share_staff": True}})))
        del engine
        gc.collect()
    assert len(set(results)) == 1 and len(results[0]) == 5


def test_closed_engine_frees_rulesets_and_refuses_calls():
    engine = DurableEngine(compile_rules([_rule(0, {"fact": "cross_boards", "is": True})]))
    engine.close()
    engine.close()  # idempotent
    assert engine.handles == ()
    with pytest.raises(Exception, match="fermé"):
        engine.fired({})


def test_types_are_normalised_before_asserting():
    """§9: durable matches True against 1 and "true"; facts are JSON-typed by flatten_facts."""
    flat = flatten_facts({"cross_boards": True, "member_count": 3, "horizon": "lasting"})
    assert flat["cross_boards"] is True
    assert flat["member_count"] == 3 and isinstance(flat["member_count"], int)
    assert flat["k__same_territory"] is False and "same_territory" not in flat


def test_threads_give_the_sequential_answers():
    """§8: one process-wide lock; 8 threads × 200 calls equal the sequential answers."""
    cond = {"any": [{"fact": "member_count", "gte": 3}, {"fact": "cross_boards", "is": True}]}
    compiled = compile_rules([_rule(0, cond), _rule(1, {"fact": "horizon", "is": "lasting"})])
    engine = DurableEngine(compiled)
    inputs = [
        flatten_facts({"member_count": i % 6, "cross_boards": bool(i % 3), "horizon": "lasting"})
        for i in range(200)
    ]
    expected = [engine.fired(f) for f in inputs]
    errors: list[str] = []

    def work() -> None:
        for f, want in zip(inputs, expected, strict=True):
            if engine.fired(f) != want:
                errors.append("mismatch")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    engine.close()
    assert errors == []


def test_a_condition_repeated_by_several_rules_is_compiled_once_and_answers_for_all():
    """Half of the packaged forms repeat another: durable evaluates each distinct form once."""
    conds = [{"fact": "cross_boards", "is": True}, {"not": {"fact": "cross_boards", "is": True}}]
    compiled = compile_rules([_rule(i, conds[i % 2]) for i in range(6)])
    (chunk,) = _pack(compiled)
    assert sorted(chunk) == sorted([SENTINEL, "t.r0#t", "t.r0#f"])
    engine = DurableEngine(compiled)
    try:
        for value in (True, False):
            flat = flatten_facts({"cross_boards": value})
            assert engine.fired(flat) == PythonEngine(compiled).fired(flat)
            truth = truth_from_fired(compiled, engine.fired(flat))
            assert truth == {f"t.r{i}": value is (i % 2 == 0) for i in range(6)}
        assert truth_from_fired(compiled, engine.fired(flatten_facts({}))) == dict.fromkeys(
            (f"t.r{i}" for i in range(6)), None
        )
    finally:
        engine.close()
