"""Compile conditions to durable-rules JSON, and flatten facts to what the engines assert.

Each condition is compiled twice: its *true form* fires when the condition is true and its
*false form* (De Morgan, inverted operators) fires when it is false. A test on an absent fact
is false in durable-rules, so "neither fired" means unknown — Kleene's logic without a NOT,
which durable-rules lacks (engine notes §2, §9).

Facts are flattened before asserting: a set fact becomes one boolean per value
(``objectives__share_staff``), so no ``$iany`` (and none of its bugs, §6.3) is ever emitted;
every fact gets a ``k__<name>`` boolean saying whether it is known; unknown facts are absent.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..facts import FACTS, FactKind, Facts
from ..models.rules import All, Any_, Condition, FactTest, Not, Rule

__all__ = [
    "MAX_TERMS_PER_RULE",
    "CompiledRule",
    "JsonCond",
    "compile_condition",
    "compile_rules",
    "dnf_terms",
    "flatten_facts",
    "known_key",
    "set_key",
]

JsonCond = dict[str, Any]
#: Suffixes of the names under which the engines report a true / false condition form.
TRUE_SUFFIX = "#t"
FALSE_SUFFIX = "#f"
#: A rule whose true or false form has more DNF terms than this is refused (§6.1: ≤ 64 per
#: ruleset, sentinel included).
MAX_TERMS_PER_RULE = 59

_INVERSE = {"$gt": "$lte", "$gte": "$lt", "$lt": "$gte", "$lte": "$gt"}
_CMP = {"gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte"}


def set_key(fact: str, value: str) -> str:
    """Flat key of one value of a set fact."""
    return f"{fact}__{value}"


def known_key(fact: str) -> str:
    """Flat key saying whether *fact* is known."""
    return f"k__{fact}"


def _and(items: list[JsonCond]) -> JsonCond:
    flat: list[JsonCond] = []
    for item in items:
        flat.extend(item["$and"] if list(item) == ["$and"] else [item])
    return flat[0] if len(flat) == 1 else {"$and": flat}


def _or(items: list[JsonCond]) -> JsonCond:
    flat: list[JsonCond] = []
    for item in items:
        flat.extend(item["$or"] if list(item) == ["$or"] else [item])
    return flat[0] if len(flat) == 1 else {"$or": flat}


def _eq(key: str, v: Any) -> JsonCond:
    return {key: v}


def _neq(key: str, v: Any) -> JsonCond:
    return {"$neq": {key: v}}


def _compile_test(t: FactTest) -> tuple[JsonCond, JsonCond]:
    spec = FACTS[t.fact]
    op, f = t.op, t.fact
    if op == "known":
        k = known_key(f)
        return ({k: True}, {k: False}) if t.known else ({k: False}, {k: True})
    if spec.kind is FactKind.set:
        if op == "contains":
            members: tuple[str, ...] = (t.contains,) if t.contains is not None else ()
        else:
            members = t.contains_any or t.contains_all or ()
        trues = [{set_key(f, v): True} for v in members]
        falses = [{set_key(f, v): False} for v in members]
        if op == "contains_all":
            return _and(trues), _or(falses)
        return _or(trues), _and(falses)
    if spec.kind is FactKind.boolean:
        v = t.is_ if op == "is" else t.is_not
        pos = {f: bool(v)}
        neg = {f: not v}
        return (pos, neg) if op == "is" else (neg, pos)
    if op in ("is", "is_not"):
        v = t.is_ if op == "is" else t.is_not
        pair = (_eq(f, v), _neq(f, v))
        return pair if op == "is" else (pair[1], pair[0])
    if op in ("in", "not_in"):
        values = t.in_ if op == "in" else t.not_in
        inside = _or([_eq(f, v) for v in values or ()])
        outside = _and([_neq(f, v) for v in values or ()])
        return (inside, outside) if op == "in" else (outside, inside)
    cmp = _CMP[op]
    return {cmp: {f: t.value}}, {_INVERSE[cmp]: {f: t.value}}


def compile_condition(cond: Condition) -> tuple[JsonCond, JsonCond]:
    """(true form, false form) of *cond* as durable-rules JSON over flattened facts."""
    if isinstance(cond, FactTest):
        return _compile_test(cond)
    if isinstance(cond, All):
        parts = [compile_condition(c) for c in cond.all]
        return _and([p[0] for p in parts]), _or([p[1] for p in parts])
    if isinstance(cond, Any_):
        parts = [compile_condition(c) for c in cond.any]
        return _or([p[0] for p in parts]), _and([p[1] for p in parts])
    assert isinstance(cond, Not)
    true_form, false_form = compile_condition(cond.not_)
    return false_form, true_form


def dnf_terms(c: JsonCond) -> int:
    """Number of alpha paths (DNF terms) durable-rules builds for *c* (engine notes §6.1)."""
    if len(c) == 1:
        ((k, v),) = c.items()
        if k == "$or":
            return sum(dnf_terms(x) for x in v)
        if k == "$and":
            return math.prod(dnf_terms(x) for x in v)
    return 1


class CompiledRule:
    """A rule's id with the true and false forms of its condition."""

    __slots__ = ("false_form", "false_key", "rule_id", "terms", "true_form", "true_key")

    def __init__(self, rule_id: str, true_form: JsonCond, false_form: JsonCond) -> None:
        self.rule_id = rule_id
        #: The names under which the engines report the true and the false form firing.
        self.true_key = rule_id + TRUE_SUFFIX
        self.false_key = rule_id + FALSE_SUFFIX
        self.true_form = true_form
        self.false_form = false_form
        self.terms = (dnf_terms(true_form), dnf_terms(false_form))

    def __repr__(self) -> str:
        return f"CompiledRule({self.rule_id!r}, terms={self.terms})"


def compile_rules(rules: Mapping[str, Rule] | list[Rule]) -> tuple[CompiledRule, ...]:
    """Compile every rule; ValueError naming the rule if a form has too many DNF terms."""
    items = list(rules.values()) if isinstance(rules, Mapping) else list(rules)
    out = []
    for rule in items:
        t, f = compile_condition(rule.when)
        compiled = CompiledRule(rule.id, t, f)
        if max(compiled.terms) > MAX_TERMS_PER_RULE:
            raise ValueError(
                f"règle '{rule.id}' : {max(compiled.terms)} termes DNF, au plus "
                f"{MAX_TERMS_PER_RULE} (limite de durable-rules) / too many DNF terms"
            )
        out.append(compiled)
    return tuple(out)


def _flat_plan() -> tuple[tuple[str, int, tuple[tuple[str, str], ...], str], ...]:
    """Per fact of :data:`FACTS`: (name, kind code, (value, flat key) of a set, known key)."""
    codes = {FactKind.set: 0, FactKind.number: 1}
    return tuple(
        (
            name,
            codes.get(spec.kind, 2),
            tuple((v, set_key(name, v)) for v in spec.values),
            known_key(name),
        )
        for name, spec in FACTS.items()
    )


_FLAT_PLAN = _flat_plan()


def flatten_facts(facts: Facts) -> dict[str, Any]:
    """Facts as one flat JSON object: unknowns absent, sets one boolean per value, k__ flags."""
    flat: dict[str, Any] = {}
    get = facts.get
    for name, kind, values, known in _FLAT_PLAN:
        value = get(name)
        if kind == 0:  # set: one boolean per known value, known when every value is
            if isinstance(value, dict):
                for v, key in values:
                    item = value.get(v)
                    if item is not None:
                        flat[key] = bool(item)
                flat[known] = all(v is not None for v in value.values())
            else:
                flat[known] = False
        elif value is None:
            flat[known] = False
        else:
            if kind == 1 and not isinstance(value, dict):  # a number fact is never a dict
                value = float(value) if isinstance(value, float) else int(value)
            flat[name] = value
            flat[known] = True
    return flat
