"""THE assessment of one form from its rules' truths: :func:`assess_form`.

The full answer (:func:`assess_all`, then :mod:`.answer`), the guidance's quick path
(:func:`quick_verdicts`) and batches all go through :func:`assess_form`, so a verdict or a
score is computed in one place (the formula itself is in :mod:`.formula`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from ..conditions import test_value
from ..models.results import VehicleChoice, Verdict
from ..models.rules import Effect
from .context import FormPlan, RuleContext, RulePlan
from .formula import result_order_key, score_from, verdict_of
from .state import ProfileState

__all__ = [
    "Assessed",
    "FormOutcome",
    "QuickVerdict",
    "assess_all",
    "assess_form",
    "open_questions",
    "quick_ranking",
    "quick_verdicts",
]

_EXCLUDE, _REQUIRE, _VEHICLE = Effect.exclude, Effect.require, Effect.vehicle


class FormOutcome(NamedTuple):
    """What the rules' truths make of one form: verdict, score, the open legal conditions
    (exclude / require rules still unknown), the reasons (rule, holds) in display order, the
    rules still unknown and the vehicles chosen."""

    verdict: Verdict
    score: int
    open_conditions: int
    reasons: list[tuple[RulePlan, bool]]
    pending: list[RulePlan]
    vehicles: list[VehicleChoice]


def assess_form(plan: FormPlan, truth: Mapping[str, bool | None]) -> FormOutcome:
    """Assess one form: every rule of *plan* read from *truth* (a rule absent from *truth*
    counts as unknown)."""
    reasons: list[tuple[RulePlan, bool]] = []
    pending: list[RulePlan] = []
    chosen: list[VehicleChoice] = []
    blocked = False
    open_conditions = 0
    total = 0
    for rule in plan.rules:
        value = truth.get(rule.id)
        if value is None:
            pending.append(rule)
            open_conditions += rule.hard
            continue
        effect = rule.effect
        if effect is _REQUIRE:
            reasons.append((rule, value))
            blocked |= not value
        elif value:
            if effect is _VEHICLE:
                choice = plan.choices.get(rule.id)
                if choice is not None and all(c.vehicle_id != choice.vehicle_id for c in chosen):
                    chosen.append(choice)
                continue
            reasons.append((rule, True))
            total += rule.signed
            blocked |= effect is _EXCLUDE
    if len(reasons) > 1:
        reasons.sort(key=lambda r: r[0].reason_order[r[1]])
    if not chosen and plan.has_vehicles and plan.default_choice is not None:
        chosen.append(plan.default_choice)
    score = score_from(total)
    verdict = verdict_of(blocked, open_conditions > 0, score)
    return FormOutcome(verdict, score, open_conditions, reasons, pending, chosen)


class Assessed:
    """One form assessed, before rendering: its plan, outcome, open questions and rank."""

    __slots__ = ("missing", "outcome", "plan", "rank")

    def __init__(
        self, plan: FormPlan, outcome: FormOutcome, missing: list[tuple[str, list[Any]]]
    ) -> None:
        self.plan = plan
        self.outcome = outcome
        self.missing = missing
        self.rank = 1

    @property
    def verdict(self) -> Verdict:
        """The form's verdict."""
        return self.outcome.verdict

    @property
    def score(self) -> int:
        """The form's score."""
        return self.outcome.score

    def order_key(self) -> tuple[int, int, int, int]:
        """This form's place in the results (:func:`result_order_key`)."""
        o = self.outcome
        return result_order_key(o.verdict, o.score, o.open_conditions, self.plan.position)


def open_questions(
    pending: Iterable[RulePlan], state: ProfileState, ctx: RuleContext
) -> list[tuple[str, list[Any]]]:
    """The open questions of the pending rules: (id, [decisive, weight, rule ids]), in order."""
    found: dict[str, list[Any]] = {}
    facts, partial = state.facts, state.partial
    undecided = state.undecided_questions()
    for rule in pending:
        for fact, tests in rule.fact_tests:
            # A test is undecided when its fact is unknown, or (set facts known in part) when
            # the values it tests are; facts that are fully known never leave a test undecided.
            qids = undecided.get(fact)
            if not qids:
                continue
            if fact in partial:
                for t in tests:
                    if test_value(t, facts) is None:
                        break
                else:
                    continue
            for qid in qids:
                entry = found.get(qid)
                if entry is None:
                    found[qid] = [rule.hard, rule.weight, [rule.id]]
                elif entry[2][-1] != rule.id:  # each rule counts once per question
                    entry[0] |= rule.hard
                    entry[1] += rule.weight
                    entry[2].append(rule.id)
    order = ctx.question_order
    return sorted(found.items(), key=lambda q: (not q[1][0], -q[1][1], order[q[0]]))


def assess_all(
    truth: Mapping[str, bool | None], state: ProfileState, ctx: RuleContext
) -> list[Assessed]:
    """Every form of the catalog assessed, in result order (:func:`result_order_key`)."""
    assessed = []
    for plan in ctx.forms:
        outcome = assess_form(plan, truth)
        missing = open_questions(outcome.pending, state, ctx) if outcome.pending else []
        assessed.append(Assessed(plan, outcome, missing))
    assessed.sort(key=Assessed.order_key)
    for i, a in enumerate(assessed, start=1):
        a.rank = i
    return assessed


class QuickVerdict(NamedTuple):
    """A form's verdict and score without reasons, and how many of its legal conditions
    (exclude / require rules) are still unknown — the tie-break of the result order."""

    verdict: Verdict
    score: int
    open_conditions: int


def quick_verdicts(
    ctx: RuleContext,
    truth: Mapping[str, bool | None],
    form_ids: Sequence[str] | None = None,
) -> dict[str, QuickVerdict]:
    """Verdict, score and open legal conditions per form (every form, or *form_ids*), from
    :func:`assess_form` without building the answer's models.

    The fast path for exploring many variants of a profile (next question, what-if,
    counterfactual): the same verdicts and scores as the full answer.
    """
    plans = ctx.forms if form_ids is None else [ctx.form_by_id[f] for f in form_ids]
    out: dict[str, QuickVerdict] = {}
    for plan in plans:
        o = assess_form(plan, truth)
        out[plan.id] = QuickVerdict(o.verdict, o.score, o.open_conditions)
    return out


def quick_ranking(verdicts: Mapping[str, QuickVerdict], form_ids: Sequence[str]) -> list[str]:
    """Form ids in result order (:func:`result_order_key`) from :func:`quick_verdicts`;
    *form_ids* come in tie order (``Catalog.tie_order``: the lighter setup first)."""
    position = {fid: i for i, fid in enumerate(form_ids)}
    return sorted(verdicts, key=lambda f: result_order_key(*verdicts[f], position[f]))
