"""From rule truths to an assessment: reasons, score, verdict, open questions, vehicles, order.

The scoring is deliberately simple and documented in ``docs/concepts.md``:

* **score** = 50 + the sum of the weights of the bonus rules that hold − the sum of the weights
  of the malus rules that hold, clamped to 0…100 (:func:`score_of`);
* **verdict**: ``excluded`` when an exclude rule holds or a require rule fails; otherwise
  ``conditional`` when an exclude or require rule is unknown (it hinges on an unanswered
  question); otherwise ``recommended`` when the score is at least 60; otherwise ``possible``;
* **order**: verdict (recommended, possible, conditional, excluded), then score (higher first),
  then catalog order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .conditions import fact_tests, facts_of, test_value
from .facts import FACTS, FactKind, Facts
from .models.catalog import Catalog, Form
from .models.profile import Profile
from .models.results import (
    Reason,
    ReasonSource,
    VehicleChoice,
    Verdict,
)
from .models.rules import Effect, Rule, RuleSource
from .models.sources import SourceRef
from .questions import QUESTIONS, is_answered

__all__ = [
    "BASE_SCORE",
    "RECOMMENDED_MIN_SCORE",
    "SEED_LABELS",
    "ProfileState",
    "RuleContext",
    "answered_questions",
    "assess_form",
    "order_assessments",
    "path_offers",
    "resolve_source",
    "score_of",
    "verdict_of",
]

BASE_SCORE = 50
RECOMMENDED_MIN_SCORE = 60

SEED_LABELS = {
    "000_ca7470b51a082df8.txt": "COORACE, article sur les GES (2025)",
    "001_3ae8dc2222008964.txt": "COORACE, atelier sur les GES",
    "002_0abfdb7c08074b42.txt": "Avise / DLA, GES de quatre SIAE du Territoire de Belfort",
    "003_f605252dc8d400e4.txt": "CRESS Centre-Val de Loire, guide de la coopération en ESS",
    "004_93ecacb172b7e461.txt": "Fiche GES Sambre Avesnois (GESSA, 2011)",
}


def resolve_source(source: RuleSource, catalog: Catalog) -> ReasonSource:
    """The rule's source with its article, text and link (or its seed section)."""
    if source.legal_basis is not None:
        basis = catalog.legal_basis(source.legal_basis)
        return ReasonSource(
            kind="legal",
            label=basis.label,
            legal_basis=basis.id,
            text=basis.text,
            article=basis.article,
            url=str(basis.url),
        )
    seed = source.seed or ""
    return ReasonSource(
        kind="seed",
        label=f"{SEED_LABELS.get(seed, seed)} — {source.section}",
        seed=seed,
        section=source.section,
    )


def score_of(reasons: Sequence[Reason] | Sequence[dict[str, Any]]) -> int:
    """50 + the signed weights of the reasons, clamped to 0…100."""
    total = sum(r["weight"] if isinstance(r, dict) else r.weight for r in reasons)
    return max(0, min(100, BASE_SCORE + total))


def verdict_of(blocked: bool, hard_unknown: bool, score: int) -> Verdict:
    """The verdict from the hard rules' state and the score (see the module docstring)."""
    if blocked:
        return Verdict.excluded
    if hard_unknown:
        return Verdict.conditional
    return Verdict.recommended if score >= RECOMMENDED_MIN_SCORE else Verdict.possible


def _fact_view(name: str, facts: Facts) -> Any:
    value = facts.get(name)
    if FACTS[name].kind is FactKind.set and isinstance(value, dict):
        return sorted(k for k, v in value.items() if v)
    return value


class RuleContext:
    """What scoring needs about the rules, computed once: sources, tests, hardness, weights."""

    def __init__(self, rules: Sequence[Rule], catalog: Catalog) -> None:
        self.catalog = catalog
        self.sources = {r.id: resolve_source(r.source, catalog) for r in rules}
        self.tested = {r.id: facts_of(r.when) for r in rules}
        self.tests = {r.id: fact_tests(r.when) for r in rules}
        self.hard = {r.id: r.effect.hard for r in rules}
        #: The resolved sources of every path of every form (they never change).
        self.path_sources = {
            form.id: [[_path_source(ref, catalog) for ref in p.sources] for p in form.paths]
            for form in catalog
        }


def _reason(rule: Rule, holds: bool, facts: Facts, ctx: RuleContext) -> dict[str, Any]:
    if rule.effect is Effect.require:
        direction = "for" if holds else "against"
    elif rule.effect in (Effect.bonus,):
        direction = "for"
    else:
        direction = "against"
    return {
        "rule_id": rule.id,
        "effect": rule.effect,
        "weight": rule.signed_weight,
        "direction": direction,
        "because": rule.because,
        "source": ctx.sources[rule.id],
        "facts": {f: _fact_view(f, facts) for f in ctx.tested[rule.id]},
    }


def _reason_order(r: dict[str, Any]) -> tuple[int, int]:
    hard_against = r["effect"].hard and r["direction"] == "against"
    return (0 if hard_against else 1, -abs(r["weight"]))


def answered_questions(profile: Profile) -> dict[str, bool]:
    """Which questions are not open, computed once per profile.

    A member detail (``members.kind``…) cannot be asked before there are members: it is open
    only when members are listed and one of them lacks it.
    """
    return {
        qid: is_answered(profile, qid) or (qid.startswith("members.") and not profile.members)
        for qid in QUESTIONS
    }


class ProfileState:
    """What scoring needs about one profile, computed once for all forms."""

    __slots__ = ("answered", "facts", "partial", "unknown")

    def __init__(self, profile: Profile, facts: Facts) -> None:
        self.facts = facts
        self.answered = answered_questions(profile)
        self.unknown = {name for name, value in facts.items() if value is None}
        self.partial = {
            name
            for name, value in facts.items()
            if isinstance(value, dict) and None in value.values()
        }


def _open_questions(
    pending: list[Rule], state: ProfileState, ctx: RuleContext
) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    facts, answered = state.facts, state.answered
    unknown, partial = state.unknown, state.partial
    for rule in pending:
        # A test is undecided when its fact is unknown, or (set facts known in part) when the
        # values it tests are; facts that are fully known never leave a test undecided.
        undecided = dict.fromkeys(
            t.fact
            for t in ctx.tests[rule.id]
            if t.fact in unknown or (t.fact in partial and test_value(t, facts) is None)
        )
        for fact in undecided:
            for qid in FACTS[fact].questions:
                if answered[qid]:
                    continue
                entry = found.setdefault(qid, {"decisive": False, "weight": 0, "rules": []})
                if rule.id not in entry["rules"]:
                    entry["rules"].append(rule.id)
                    entry["decisive"] |= ctx.hard[rule.id]
                    entry["weight"] += rule.weight or 0
    order = list(QUESTIONS)
    questions = [
        {
            "id": qid,
            "question": QUESTIONS[qid].question,
            "help": QUESTIONS[qid].help,
            "decisive": e["decisive"],
            "weight": e["weight"],
            "rules": tuple(e["rules"]),
        }
        for qid, e in found.items()
    ]
    questions.sort(key=lambda q: (not q["decisive"], -q["weight"], order.index(q["id"])))
    return questions


def _vehicles(form: Form, holding: list[Rule], ctx: RuleContext) -> tuple[VehicleChoice, ...]:
    if not form.vehicles:
        return ()
    chosen: list[VehicleChoice] = []
    for rule in holding:
        if rule.effect is Effect.vehicle and rule.vehicle not in {c.vehicle_id for c in chosen}:
            v = form.vehicle(rule.vehicle or "")
            chosen.append(
                VehicleChoice(
                    vehicle_id=v.id,
                    name=v.name,
                    why=rule.because,
                    rule_id=rule.id,
                    source=ctx.sources[rule.id],
                )
            )
    if not chosen and form.default_vehicle is not None:
        v = form.default_vehicle
        chosen.append(VehicleChoice(vehicle_id=v.id, name=v.name, why=v.when))
    return tuple(chosen)


def assess_form(
    form: Form,
    rules: Sequence[Rule],
    truth: Mapping[str, bool | None],
    facts: Facts,
    profile: Profile,
    ctx: RuleContext,
    state: ProfileState | None = None,
) -> dict[str, Any]:
    """Assess one form from the truth of its rules, as :class:`Assessment` data.

    The data is validated once with the whole answer (cheaper than one model per reason);
    the rank is set by :func:`order_assessments`.
    """
    reasons: list[dict[str, Any]] = []
    pending: list[Rule] = []
    holding: list[Rule] = []
    blocked = hard_unknown = False
    for rule in rules:
        value = truth[rule.id]
        if value is None:
            pending.append(rule)
            hard_unknown |= ctx.hard[rule.id]
            continue
        if value:
            holding.append(rule)
        if rule.effect is Effect.require:
            reasons.append(_reason(rule, value, facts, ctx))
            blocked |= not value
        elif value and rule.effect is not Effect.vehicle:
            reasons.append(_reason(rule, True, facts, ctx))
            blocked |= rule.effect is Effect.exclude
    reasons.sort(key=_reason_order)
    score = score_of(reasons)
    return {
        "structure_id": form.id,
        "name": form.name,
        "rank": 1,
        "verdict": verdict_of(blocked, hard_unknown, score),
        "score": score,
        "reasons": reasons,
        "missing": _open_questions(pending, state or ProfileState(profile, facts), ctx)
        if pending
        else [],
        "vehicles": _vehicles(form, holding, ctx),
    }


def order_assessments(
    assessments: Sequence[dict[str, Any]], catalog: Catalog
) -> list[dict[str, Any]]:
    """Sort by verdict, then score (higher first), then catalog order; set ranks 1…n."""
    position = {fid: i for i, fid in enumerate(catalog.ids)}
    ordered = sorted(
        assessments,
        key=lambda a: (
            a["verdict"].rank,
            -a["score"],
            position.get(a["structure_id"], len(position)),
        ),
    )
    for i, a in enumerate(ordered, start=1):
        a["rank"] = i
    return ordered


def quick_verdicts(
    form_ids: Sequence[str],
    rules_by_form: Mapping[str, Sequence[Rule]],
    truth: Mapping[str, bool | None],
) -> dict[str, tuple[Verdict, int]]:
    """(verdict, score) per form, computed like :func:`assess_form` without building reasons.

    The fast path for exploring many variants of a profile (next question, what-if,
    counterfactual): same verdicts and scores as the full assessment, a fraction of the cost.
    """
    out: dict[str, tuple[Verdict, int]] = {}
    for form_id in form_ids:
        blocked = hard_unknown = False
        total = 0
        for rule in rules_by_form.get(form_id, ()):
            value = truth[rule.id]
            if value is None:
                hard_unknown |= rule.effect.hard
            elif rule.effect is Effect.exclude:
                blocked |= value
            elif rule.effect is Effect.require:
                blocked |= not value
            elif value:
                total += rule.signed_weight
        score = max(0, min(100, BASE_SCORE + total))
        out[form_id] = (verdict_of(blocked, hard_unknown, score), score)
    return out


def quick_ranking(
    verdicts: Mapping[str, tuple[Verdict, int]], form_ids: Sequence[str]
) -> list[str]:
    """Form ids in result order (verdict, score, catalog order) from :func:`quick_verdicts`."""
    position = {fid: i for i, fid in enumerate(form_ids)}
    return sorted(verdicts, key=lambda f: (verdicts[f][0].rank, -verdicts[f][1], position[f]))


def _path_source(ref: SourceRef, catalog: Catalog) -> dict[str, Any]:
    if ref.legal_basis is not None:
        basis = catalog.legal_basis(ref.legal_basis)
        return {"label": basis.label, "url": str(basis.url)}
    if ref.seed is not None:
        return {"label": f"{SEED_LABELS.get(ref.seed, ref.seed)} — {ref.section}", "url": None}
    return {"label": ref.title or str(ref.url), "url": str(ref.url)}


def path_offers(
    form: Form,
    targets: Mapping[str, tuple[str, Verdict, int, int]],
    catalog: Catalog,
    path_sources: Mapping[str, list[list[dict[str, Any]]]] | None = None,
) -> list[dict[str, Any]]:
    """The catalog's paths from *form* whose target is not excluded, best target first.

    *targets* gives, per form id, (name, verdict, score, rank) in the current answer;
    *path_sources* the sources already resolved (``RuleContext.path_sources``).
    """
    offers = []
    for index, path in enumerate(form.paths):
        target = targets.get(path.to)
        if target is None or target[1] is Verdict.excluded:
            continue
        name, verdict, score, rank = target
        offers.append(
            {
                "from_id": form.id,
                "to": path.to,
                "to_name": name,
                "label": path.label,
                "conditions": path.conditions,
                "sources": (
                    path_sources[form.id][index]
                    if path_sources is not None
                    else [_path_source(r, catalog) for r in path.sources]
                ),
                "target_verdict": verdict,
                "target_score": score,
                "target_rank": rank,
            }
        )
    offers.sort(key=lambda o: o["target_rank"])
    return offers
