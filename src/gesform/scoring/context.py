"""What scoring needs about a rule base and a catalog, resolved once per rule base."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from ..conditions import fact_tests, facts_of
from ..documents import Documents, load_documents
from ..models.catalog import Catalog, Form
from ..models.results import OpenQuestion, PathOffer, PathSource, ReasonSource, VehicleChoice
from ..models.rules import Effect, Rule
from ..questions import QUESTIONS
from .sources import path_source, resolve_source

__all__ = ["MEMO_LIMIT", "FormPlan", "PathPlan", "RuleContext", "RulePlan", "remember"]

_REQUIRE, _BONUS, _VEHICLE = Effect.require, Effect.bonus, Effect.vehicle


def _direction(effect: Effect, holds: bool) -> str:
    if effect is _REQUIRE:
        return "for" if holds else "against"
    return "for" if effect is _BONUS else "against"


class RulePlan:
    """One rule, resolved once: its source, tests, weights and the fixed part of its reasons."""

    __slots__ = (
        "effect",
        "fact_keys",
        "fact_tests",
        "facts_id",
        "hard",
        "id",
        "reason_data",
        "reason_order",
        "signed",
        "vehicle",
        "weight",
    )

    def __init__(self, rule: Rule, source: ReasonSource) -> None:
        self.id = rule.id
        self.effect = rule.effect
        self.hard = rule.effect.hard
        self.weight = rule.weight or 0
        self.signed = rule.signed_weight
        self.vehicle = rule.vehicle
        by_fact: dict[str, list[Any]] = {}
        for t in fact_tests(rule.when):
            by_fact.setdefault(t.fact, []).append(t)
        #: Per tested fact, its tests: a pending rule asks the questions of its undecided facts.
        self.fact_tests = tuple((f, tuple(ts)) for f, ts in by_fact.items())
        #: The facts a reason shows, in order of first appearance.
        self.fact_keys = facts_of(rule.when)
        #: Rules showing the same facts share their rendering within an answer.
        self.facts_id = 0
        #: The reason's fields other than ``facts``, for either truth of the rule.
        self.reason_data: dict[bool, dict[str, Any]] = {}
        self.reason_order: dict[bool, tuple[int, int]] = {}
        for holds in (True, False):
            direction = _direction(rule.effect, holds)
            self.reason_data[holds] = {
                "rule_id": rule.id,
                "effect": rule.effect,
                "weight": self.signed,
                "direction": direction,
                "because": rule.because,
                "source": source,
            }
            hard_against = self.hard and direction == "against"
            self.reason_order[holds] = (0 if hard_against else 1, -abs(self.signed))


class PathPlan:
    """One path of a form, resolved once; only the target's verdict, score and rank vary."""

    __slots__ = ("data", "to")

    def __init__(self, form: Form, index: int, catalog: Catalog, sources: list[PathSource]) -> None:
        path = form.paths[index]
        self.to = path.to
        target = catalog.get(path.to)
        self.data = {
            "from_id": form.id,
            "to": path.to,
            "to_name": target.name if target is not None else path.to,
            "label": path.label,
            "conditions": path.conditions,
            "sources": tuple(sources),
        }


class FormPlan:
    """One form with its rules, vehicle choices and paths, resolved once."""

    __slots__ = (
        "choices",
        "default_choice",
        "has_vehicles",
        "id",
        "name",
        "paths",
        "position",
        "rules",
    )

    def __init__(
        self,
        form: Form,
        position: int,
        rules: tuple[RulePlan, ...],
        catalog: Catalog,
        path_sources: list[list[PathSource]],
        sources: Mapping[str, ReasonSource],
        because: Mapping[str, str],
    ) -> None:
        self.id = form.id
        self.name = form.name
        self.position = position
        self.rules = rules
        self.has_vehicles = bool(form.vehicles)
        self.choices: dict[str, VehicleChoice] = {}
        for r in rules:
            if r.effect is _VEHICLE and form.vehicles:
                v = form.vehicle(r.vehicle or "")
                self.choices[r.id] = VehicleChoice(
                    vehicle_id=v.id,
                    name=v.name,
                    why=because[r.id],
                    rule_id=r.id,
                    source=sources[r.id],
                )
        d = form.default_vehicle
        self.default_choice = (
            VehicleChoice(vehicle_id=d.id, name=d.name, why=d.when) if d is not None else None
        )
        self.paths = tuple(
            PathPlan(form, i, catalog, path_sources[i]) for i in range(len(form.paths))
        )


class RuleContext:
    """What scoring needs about the rules and the catalog, computed once per rule base.

    The resolved source of every rule and path; each form's plan (its rules with their tests,
    hardness and weights, its vehicle choices and paths). An answer then only looks them up.
    """

    def __init__(
        self, rules: Sequence[Rule], catalog: Catalog, documents: Documents | None = None
    ) -> None:
        documents = documents if documents is not None else load_documents()
        self.catalog = catalog
        self.sources = {r.id: resolve_source(r.source, catalog, documents) for r in rules}
        #: The resolved sources of every path of every form (they never change).
        self.path_sources = {
            form.id: [
                [path_source(ref, catalog, documents) for ref in p.sources] for p in form.paths
            ]
            for form in catalog
        }
        plans = {r.id: RulePlan(r, self.sources[r.id]) for r in rules}
        fact_sets: dict[tuple[str, ...], int] = {}
        for plan in plans.values():
            plan.facts_id = fact_sets.setdefault(plan.fact_keys, len(fact_sets))
        because = {r.id: r.because for r in rules}
        by_form: dict[str, list[RulePlan]] = {}
        for r in rules:
            by_form.setdefault(r.form_id, []).append(plans[r.id])
        tie_position = {form_id: i for i, form_id in enumerate(catalog.tie_order)}
        self.forms = tuple(
            FormPlan(
                form,
                tie_position[form.id],
                tuple(by_form.get(form.id, ())),
                catalog,
                self.path_sources[form.id],
                self.sources,
                because,
            )
            for form in catalog
        )
        self.form_by_id = {plan.id: plan for plan in self.forms}
        self.question_order = {qid: i for i, qid in enumerate(QUESTIONS)}
        #: Open questions and path offers already built (immutable models, shared between
        #: answers; bounded, see :func:`remember`).
        self.asked: dict[tuple[Any, ...], OpenQuestion] = {}
        self.offers: dict[tuple[Any, ...], PathOffer] = {}


#: At most this many entries per memo of :class:`RuleContext` (then it starts afresh).
MEMO_LIMIT = 4096


_K = TypeVar("_K")
_V = TypeVar("_V")


def remember(memo: dict[_K, _V], key: _K, value: _V) -> _V:
    """Store *value* under *key* in a bounded memo; return *value*."""
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    memo[key] = value
    return value
