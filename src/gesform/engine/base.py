"""The small interface every rule engine implements, and the shared truth decoding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from ..errors import EngineError
from .compile import FALSE_SUFFIX, TRUE_SUFFIX, CompiledRule

__all__ = ["FALSE_SUFFIX", "TRUE_SUFFIX", "RuleEngine", "TruthDecoder", "truth_from_fired"]


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


class TruthDecoder:
    """:func:`truth_from_fired` for one compiled rule base, its lookups built once."""

    __slots__ = ("_ids", "_keys")

    def __init__(self, rules: Iterable[CompiledRule]) -> None:
        rules = tuple(rules)
        self._ids = tuple(r.rule_id for r in rules)
        self._keys: dict[str, tuple[str, bool]] = {}
        for r in rules:
            self._keys[r.true_key] = (r.rule_id, True)
            self._keys[r.false_key] = (r.rule_id, False)

    def __call__(self, fired: frozenset[str]) -> dict[str, bool | None]:
        """Per rule, in rule order: True, False, or None when neither form fired."""
        out: dict[str, bool | None] = dict.fromkeys(self._ids)
        keys = self._keys
        for key in fired:
            found = keys.get(key)
            if found is None:
                continue
            rule_id, value = found
            if out[rule_id] is not None:
                raise EngineError(f"la règle '{rule_id}' est à la fois vraie et fausse")
            out[rule_id] = value
        return out
