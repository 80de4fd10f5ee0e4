"""The small interface every rule engine implements, and the shared truth decoding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from ..errors import EngineError
from .compile import FALSE_SUFFIX, TRUE_SUFFIX, CompiledRule

__all__ = ["FALSE_SUFFIX", "TRUE_SUFFIX", "RuleEngine", "truth_from_fired"]


@runtime_checkable
class RuleEngine(Protocol):
    """Evaluates compiled rules on flattened facts; stateless between calls, thread-safe."""

    name: str

    def fired(self, flat_facts: Mapping[str, Any]) -> frozenset[str]:
        """Keys ``<rule id>#t`` / ``<rule id>#f`` of the condition forms that matched."""
        ...

    def close(self) -> None:
        """Free what the engine holds (idempotent)."""
        ...


def truth_from_fired(
    rules: Iterable[CompiledRule], fired: frozenset[str]
) -> dict[str, bool | None]:
    """Per rule: True (true form fired), False (false form fired), None (neither: unknown)."""
    out: dict[str, bool | None] = {}
    for rule in rules:
        t = rule.true_key in fired
        f = rule.false_key in fired
        if t and f:
            raise EngineError(f"la règle '{rule.rule_id}' est à la fois vraie et fausse")
        out[rule.rule_id] = True if t else (False if f else None)
    return out
