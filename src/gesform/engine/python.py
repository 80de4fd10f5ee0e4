"""The plain-Python engine: interprets the compiled JSON conditions with durable's semantics.

It is the test oracle of the durable-rules engine (same compiled conditions, same facts) and
the engine used where durable-rules cannot run (Python 3.13 and later).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from .compile import CompiledRule, JsonCond

__all__ = ["PythonEngine", "matches"]

_CMP: dict[str, Callable[[Any, Any], bool]] = {
    "$gt": operator.gt,
    "$gte": operator.ge,
    "$lt": operator.lt,
    "$lte": operator.le,
    "$neq": operator.ne,
}


def matches(cond: JsonCond, facts: Mapping[str, Any]) -> bool:
    """Whether durable-rules JSON *cond* matches *facts* (a test on an absent key is false)."""
    ((key, value),) = cond.items()
    if key == "$and":
        return all(matches(c, facts) for c in value)
    if key == "$or":
        return any(matches(c, facts) for c in value)
    cmp = _CMP.get(key)
    if cmp is not None:
        ((name, operand),) = value.items()
        return name in facts and cmp(facts[name], operand)
    return key in facts and facts[key] == value


class PythonEngine:
    """Evaluates compiled rules in plain Python (no state, safe from any thread)."""

    name = "python"

    def __init__(self, rules: tuple[CompiledRule, ...]) -> None:
        self._rules = rules

    def fired(self, flat_facts: Mapping[str, Any]) -> frozenset[str]:
        """Keys of the condition forms that match *flat_facts*."""
        out = set()
        for rule in self._rules:
            if matches(rule.true_form, flat_facts):
                out.add(rule.true_key)
            if matches(rule.false_form, flat_facts):
                out.add(rule.false_key)
        return frozenset(out)

    def close(self) -> None:
        """Nothing to free."""

    def __repr__(self) -> str:
        return f"PythonEngine({len(self._rules)} rules)"
