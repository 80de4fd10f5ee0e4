"""Conditions over facts: checking them against the fact registry and evaluating them (Kleene).

:func:`evaluate` is the reference semantics of a condition: ``True``, ``False`` or ``None``
(unknown) with Kleene's three-valued logic, plus the facts whose absence made it unknown.
The engines evaluate the compiled form of the same conditions (``engine/compile.py``); the
test suite checks that all three agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .facts import FACTS, FactKind, Facts, all3, any3
from .models.rules import All, Any_, Condition, FactTest, Not

__all__ = [
    "check_condition",
    "evaluate",
    "fact_tests",
    "facts_of",
    "test_value",
]

_OPS_BY_KIND: dict[FactKind, frozenset[str]] = {
    FactKind.boolean: frozenset({"is", "is_not", "known"}),
    FactKind.enum: frozenset({"is", "is_not", "in", "not_in", "known"}),
    FactKind.number: frozenset({"is", "is_not", "in", "not_in", "gt", "gte", "lt", "lte", "known"}),
    FactKind.set: frozenset({"contains", "contains_any", "contains_all", "known"}),
}


def check_condition(cond: Condition, loc: str = "when") -> list[tuple[str, str]]:
    """Problems of *cond* against :data:`FACTS`: ``[(field path, message)]``, empty when fine."""
    problems: list[tuple[str, str]] = []
    if isinstance(cond, All):
        for i, c in enumerate(cond.all):
            problems += check_condition(c, f"{loc}.all.{i}")
        return problems
    if isinstance(cond, Any_):
        for i, c in enumerate(cond.any):
            problems += check_condition(c, f"{loc}.any.{i}")
        return problems
    if isinstance(cond, Not):
        return check_condition(cond.not_, f"{loc}.not")
    spec = FACTS.get(cond.fact)
    if spec is None:
        return [(f"{loc}.fact", f"fait inconnu / unknown fact '{cond.fact}'")]
    op, value = cond.op, cond.value
    allowed = _OPS_BY_KIND[spec.kind]
    if op not in allowed:
        return [
            (
                f"{loc}.{op}",
                f"opérateur '{op}' impossible sur le fait '{cond.fact}' ({spec.kind}) ; "
                f"attendu : {', '.join(sorted(allowed))} / operator not valid for this fact",
            )
        ]
    if op == "known":
        return []
    values = value if isinstance(value, tuple) else (value,)
    for v in values:
        problem = _check_value(spec.kind, spec.values, v)
        if problem:
            problems.append((f"{loc}.{op}", f"fait '{cond.fact}' : {problem}"))
    return problems


def _check_value(kind: FactKind, allowed: tuple[str, ...], v: Any) -> str | None:
    if kind is FactKind.boolean:
        return None if isinstance(v, bool) else f"booléen attendu, reçu {v!r} / expected a boolean"
    if kind is FactKind.number:
        ok = isinstance(v, int | float) and not isinstance(v, bool)
        return None if ok else f"nombre attendu, reçu {v!r} / expected a number"
    if not isinstance(v, str) or v not in allowed:
        return f"valeur {v!r} impossible ; valeurs : {', '.join(allowed)} / unknown value"
    return None


def test_value(t: FactTest, facts: Facts) -> bool | None:
    """Kleene value of one fact test."""
    return _test(t, facts)


def fact_tests(cond: Condition) -> tuple[FactTest, ...]:
    """Every fact test of *cond*, in order."""
    return tuple(_tests(cond))


def _test(t: FactTest, facts: Facts) -> bool | None:
    value = facts.get(t.fact)
    op = t.op
    if op == "known":
        known = value is not None and not (
            isinstance(value, dict) and any(v is None for v in value.values())
        )
        return known is t.known
    if value is None:
        return None
    if isinstance(value, dict):  # set fact
        if op == "contains":
            return value.get(t.contains)  # type: ignore[arg-type]
        items = t.contains_any if op == "contains_any" else t.contains_all
        members = [value.get(v) for v in items or ()]
        return any3(members) if op == "contains_any" else all3(members)
    if op == "is":
        return value == t.is_
    if op == "is_not":
        return value != t.is_not
    if op == "in":
        return value in (t.in_ or ())
    if op == "not_in":
        return value not in (t.not_in or ())
    bound = t.value
    return {
        "gt": value > bound,
        "gte": value >= bound,
        "lt": value < bound,
        "lte": value <= bound,
    }[op]


def evaluate(cond: Condition, facts: Facts) -> bool | None:
    """Kleene value of *cond* on *facts*: True, False, or None when unknown facts decide it."""
    if isinstance(cond, FactTest):
        return _test(cond, facts)
    if isinstance(cond, All):
        return all3(evaluate(c, facts) for c in cond.all)
    if isinstance(cond, Any_):
        return any3(evaluate(c, facts) for c in cond.any)
    inner = evaluate(cond.not_, facts)
    return None if inner is None else not inner


def _tests(cond: Condition) -> Iterator[FactTest]:
    if isinstance(cond, FactTest):
        yield cond
    elif isinstance(cond, All):
        for c in cond.all:
            yield from _tests(c)
    elif isinstance(cond, Any_):
        for c in cond.any:
            yield from _tests(c)
    else:
        yield from _tests(cond.not_)


def facts_of(cond: Condition) -> tuple[str, ...]:
    """The facts a condition tests, in order of first appearance."""
    return tuple(dict.fromkeys(t.fact for t in _tests(cond)))
