"""Exploring variants of a profile fast: verdicts and scores of many "what if" answers.

:class:`Explorer` gives, for a variant of a base profile, exactly what
:meth:`Recommender.quick` gives (``{form: (verdict, score)}``), but incrementally: the rule
truths of the base profile come from the recommender's engine once; for a variant, only the
rules that test a fact whose value changed are evaluated again, with the reference semantics
of :func:`gesform.conditions.evaluate` (the engines are tested to agree with it), and the
verdicts come from the same :func:`gesform.scoring.quick_verdicts`. Exploring eighty answers
costs a few milliseconds instead of eighty engine runs.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

from ..conditions import evaluate, facts_of
from ..facts import Facts, derive_facts
from ..models.profile import Profile
from ..models.rules import Effect, Rule
from ..recommend import Recommender
from ..rulebase import RuleBase
from ..scoring import QuickVerdict, quick_ranking, quick_verdicts

__all__ = ["Explorer"]

Quick = dict[str, QuickVerdict]

_INDEX: dict[int, tuple[RuleBase, dict[str, tuple[Rule, ...]], dict[str, tuple[str, ...]]]] = {}
_LOCK = threading.Lock()


def _index(rules: RuleBase) -> tuple[dict[str, tuple[Rule, ...]], dict[str, tuple[str, ...]]]:
    """(fact → rules testing it, rule id → facts it tests), verdict-bearing rules only."""
    with _LOCK:
        hit = _INDEX.get(id(rules))
        if hit is not None and hit[0] is rules:
            return hit[1], hit[2]
    by_fact: dict[str, list[Rule]] = {}
    facts: dict[str, tuple[str, ...]] = {}
    for rule in rules:
        if rule.effect is Effect.vehicle:
            continue
        facts[rule.id] = facts_of(rule.when)
        for f in facts[rule.id]:
            by_fact.setdefault(f, []).append(rule)
    frozen = {f: tuple(rs) for f, rs in by_fact.items()}
    with _LOCK:
        _INDEX[id(rules)] = (rules, frozen, facts)
    return frozen, facts


class Explorer:
    """Verdicts and scores of variants of one base profile (see the module docstring)."""

    def __init__(self, rec: Recommender, profile: Profile) -> None:
        self.rec = rec
        self.profile = profile
        self.facts: Facts = derive_facts(profile)
        self.truth: dict[str, bool | None] = rec.truths(profile)
        self.by_fact, self.rule_facts = _index(rec.rules)
        self.base: Quick = quick_verdicts(rec.context, self.truth)
        self.base_rank: list[str] = quick_ranking(self.base, rec.catalog.tie_order)

    def pending_facts(self) -> set[str]:
        """Facts tested by a rule (not a vehicle rule) whose truth is still unknown."""
        return {f for rid, fs in self.rule_facts.items() if self.truth[rid] is None for f in fs}

    def truths(self, variant: Profile) -> dict[str, bool | None]:
        """The truth of every rule for *variant* (rules untouched by the change are reused)."""
        facts = derive_facts(variant)
        truth = self.truth
        changed = [f for f, v in facts.items() if v != self.facts.get(f)]
        if changed:
            truth = dict(truth)
            for f in changed:
                for rule in self.by_fact.get(f, ()):
                    truth[rule.id] = evaluate(rule.when, facts)
        return truth

    def quick(self, variant: Profile) -> Quick:
        """``{form: (verdict, score)}`` for *variant*, as :meth:`Recommender.quick` gives."""
        return quick_verdicts(self.rec.context, self.truths(variant))

    def ranking(self, quick: Mapping[str, QuickVerdict]) -> list[str]:
        """Form ids in result order."""
        return quick_ranking(quick, self.rec.catalog.tie_order)
