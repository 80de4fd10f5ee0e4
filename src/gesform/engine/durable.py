"""The durable-rules engine, embedded safely (see ``docs/engine.md`` and the engine notes §10).

durable-rules 2.0.28 is fragile when embedded. This adapter avoids each measured problem:

* no ``Host`` and no ``durable.lang`` global host: the raw C API only, so no timer threads,
  no "ruleset already registered" on a re-run cell, no segfault under threads (§2, §7, §8);
* the whole profile is ONE fact, asserted once per ruleset; every rule is a single pattern,
  so facts fire every matching rule, not just the first as events would (§3);
* a fresh session id per call from a counter modulo 10⁶ (pairwise distinct 32-bit hashes),
  its state deleted in ``finally`` — nothing left behind, never more than one live sid (§4);
* rulesets packed to at most 60 DNF terms, so the alpha stack of 64 never overflows (§6.1);
* each distinct condition form compiled once (half of them repeat), its firing standing for
  every rule key that shares it;
* a sentinel rule per ruleset, so every state runs an action before ``delete_state`` (§6.2);
* no ``$iany`` at all: set facts are flattened to booleans (§6.3);
* every rule guarded by a marker field the engine's own state object lacks (§6.4);
* facts normalised to JSON types before asserting (§9); negation compiled away (§2, §9);
* one process-wide lock around every C call; C rulesets freed on ``close()`` or collection.
"""

from __future__ import annotations

import itertools
import json
import sys
import threading
import weakref
from collections.abc import Mapping
from typing import Any

from ..errors import EngineError, EngineUnavailableError
from .compile import CompiledRule, JsonCond, dnf_terms

__all__ = [
    "IMPORT_ERROR",
    "MARK",
    "MAX_TERMS_PER_RULESET",
    "SENTINEL",
    "DurableEngine",
    "durable_available",
    "unavailable_message",
]

#: Why durable-rules did not import here (``None`` when it did).
IMPORT_ERROR: str | None = None
try:  # durable-rules does not import on Python 3.13+ (engine notes §1)
    import durable_rules_engine as _dre
except ImportError as _exc:  # pragma: no cover - depends on the Python version
    _dre = None
    IMPORT_ERROR = str(_exc) or type(_exc).__name__

MARK = "__gesform"
SENTINEL = "__sentinel__"
MAX_TERMS_PER_RULESET = 60
_SID_MODULO = 1_000_000

#: One lock for every call into the C core: it has no locking and shares its state pool.
_LOCK = threading.Lock()
_SIDS = itertools.count()
_NAMES = itertools.count()


def durable_available() -> bool:
    """Whether the durable-rules C extension can be imported here."""
    return _dre is not None


def unavailable_message() -> str:
    """Why ``engine="durable"`` cannot run here, and what to use instead (French / English)."""
    py = ".".join(str(n) for n in sys.version_info[:3])
    cause = f" ({IMPORT_ERROR})" if IMPORT_ERROR else ""
    return (
        f"durable-rules ne s'importe pas sur ce Python ({py}){cause} ; durable-rules 2.0.28 ne "
        "fonctionne plus à partir de Python 3.13. Utilisez le moteur Python (--engine python, "
        "ou laissez le choix par défaut, qui le prend) "
        f"/ durable-rules does not import on this Python ({py}): use the python engine"
    )


def _guard(cond: JsonCond) -> JsonCond:
    parts = cond["$and"] if list(cond) == ["$and"] else [cond]
    return {"$and": [{MARK: 1}, *parts]}


def _distinct(
    rules: tuple[CompiledRule, ...],
) -> tuple[list[tuple[str, JsonCond]], dict[str, tuple[str, ...]]]:
    """Each distinct condition form once, named by its first key; the other keys it answers.

    Half of the forms repeat another one (the same test in several forms' rules, a condition
    and its negation): durable-rules evaluates each distinct form once, and what it fires
    stands for every key sharing that form.
    """
    forms: list[tuple[str, JsonCond]] = []
    names: dict[str, str] = {}
    others: dict[str, list[str]] = {}
    for rule in rules:
        for key, cond in ((rule.true_key, rule.true_form), (rule.false_key, rule.false_form)):
            text = json.dumps(cond, sort_keys=True)
            name = names.get(text)
            if name is None:
                names[text] = key
                forms.append((key, cond))
            else:
                others.setdefault(name, []).append(key)
    return forms, {name: tuple(keys) for name, keys in others.items()}


def _pack(rules: tuple[CompiledRule, ...]) -> list[dict[str, Any]]:
    """Rulesets of at most MAX_TERMS_PER_RULESET DNF terms, sentinel included."""
    return _pack_forms(_distinct(rules)[0])


def _pack_forms(forms: list[tuple[str, JsonCond]]) -> list[dict[str, Any]]:
    chunks: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    used = 1  # the sentinel's term
    for key, cond in forms:
        terms = dnf_terms(cond)
        if 1 + terms > MAX_TERMS_PER_RULESET:
            raise EngineError(f"{key}: {terms} termes DNF, trop pour durable-rules")
        if used + terms > MAX_TERMS_PER_RULESET:
            chunks.append(current)
            current, used = {}, 1
        current[key] = {"all": [{"m": _guard(cond)}]}
        used += terms
    chunks.append(current)
    for chunk in chunks:
        chunk[SENTINEL] = {"all": [{"m": {MARK: 1}}]}
    return chunks


def _referenced_keys(cond: Any, out: set[str]) -> None:
    """Collect the fact keys a durable JSON condition tests."""
    if isinstance(cond, list):
        for item in cond:
            _referenced_keys(item, out)
        return
    for key, value in cond.items():
        if key in ("$and", "$or"):
            _referenced_keys(value, out)
        elif key.startswith("$"):
            out.update(value)
        else:
            out.add(key)


#: Compact JSON: a shorter message for the C core to parse (same facts, same matches).
_dumps = json.JSONEncoder(separators=(",", ":")).encode


def _free(handles: list[int]) -> None:
    if _dre is None:  # pragma: no cover
        return
    with _LOCK:
        while handles:
            _dre.delete_ruleset(handles.pop())


class DurableEngine:
    """Evaluates compiled rules with durable-rules' C core; stateless and thread-safe."""

    name = "durable"

    def __init__(self, rules: tuple[CompiledRule, ...]) -> None:
        if _dre is None:
            raise EngineUnavailableError(unavailable_message())
        forms, self._aliases = _distinct(rules)
        self.rulesets = _pack_forms(forms)
        keys: set[str] = set()
        for rule in rules:
            _referenced_keys(rule.true_form, keys)
            _referenced_keys(rule.false_form, keys)
        #: Only the facts some rule tests are asserted: smaller messages, same matches.
        self.keys = frozenset(keys)
        self._handles: list[int] = []
        with _LOCK:
            try:
                for chunk in self.rulesets:
                    name = f"gesform_{next(_NAMES)}"
                    self._handles.append(_dre.create_ruleset(name, json.dumps(chunk)))
            except Exception as exc:
                for h in self._handles:
                    _dre.delete_ruleset(h)
                self._handles.clear()
                raise EngineError(f"durable-rules a refusé les règles : {exc}") from exc
        self._finalizer = weakref.finalize(self, _free, self._handles)
        self.last_sid: str | None = None
        self._check_actions()

    def _check_actions(self) -> None:
        """Every ruleset's sentinel answers a profile without facts, under its exact name.

        Proves, on this build of the C core, the action format the names are read from.
        """
        sid = f"g{next(_SIDS) % _SID_MODULO}"
        fired = self._run(_dumps({"sid": sid, MARK: 1}), sid)
        if fired != {SENTINEL}:
            self.close()
            raise EngineError(f"durable-rules : actions inattendues {sorted(fired)[:3]}")

    @property
    def ruleset_count(self) -> int:
        """Number of C rulesets built."""
        return len(self._handles)

    def fired(self, flat_facts: Mapping[str, Any]) -> frozenset[str]:
        """Keys of the condition forms that match *flat_facts*."""
        if not self._finalizer.alive:
            raise EngineError("moteur fermé / engine closed")
        sid = f"g{next(_SIDS) % _SID_MODULO}"
        keys = self.keys
        message = _dumps(
            {**{k: v for k, v in flat_facts.items() if k in keys}, "sid": sid, MARK: 1}
        )
        fired = self._run(message, sid)
        fired.discard(SENTINEL)
        aliases = self._aliases
        for name in [n for n in fired if n in aliases]:
            fired.update(aliases[name])
        return frozenset(fired)

    def _run(self, message: str, sid: str) -> set[str]:
        """Assert *message* in every ruleset; the names of the actions run (sentinels too)."""
        fired: set[str] = set()
        add = fired.add
        assert_fact, start, complete = (
            _dre.assert_fact,
            _dre.start_action_for_state,
            _dre.complete_and_start_action,
        )
        with _LOCK:
            self.last_sid = sid
            for handle in self._handles:
                code, offset = assert_fact(handle, message)
                try:
                    if code == 0:
                        result = start(handle, offset)
                        action = result[1] if result else None
                        while action:
                            # An action is '{"<name>":{"m":{…}}}' and names have no quote:
                            # read the name without decoding the fact it carries (checked
                            # when the engine is built, by _check_actions).
                            add(action[2 : action.index('"', 2)])
                            action = complete(handle, offset)
                    elif code != 1:
                        raise EngineError(f"durable-rules assert_fact a rendu le code {code}")
                finally:
                    _dre.delete_state(handle, sid)
        return fired

    @property
    def handles(self) -> tuple[int, ...]:
        """The C ruleset handles (for tests that inspect the engine's state)."""
        return tuple(self._handles)

    def close(self) -> None:
        """Free the C rulesets now (also done when the engine is garbage-collected)."""
        self._finalizer()

    def __repr__(self) -> str:
        return f"DurableEngine({len(self._handles)} rulesets)"
