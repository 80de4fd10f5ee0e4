"""From rule truths to an assessment: reasons, score, verdict, open questions, vehicles, order.

The scoring is deliberately simple and documented in ``docs/concepts.md``:

* **score** = 50 + the sum of the weights of the bonus rules that hold − the sum of the weights
  of the malus rules that hold, clamped to 0…100 (:func:`score_of`);
* **verdict**: ``excluded`` when an exclude rule holds or a require rule fails; otherwise
  ``conditional`` when an exclude or require rule is unknown (it hinges on an unanswered
  question); otherwise ``recommended`` when the score is at least 60; otherwise ``possible``;
* **order**: verdict (recommended, possible, conditional, excluded), then score (higher first),
  then the number of legal conditions still unknown (fewer first), then catalog order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import pydantic_core

from .conditions import fact_tests, facts_of, test_value
from .facts import FACTS, FactKind, Facts
from .models.catalog import Catalog, Form
from .models.profile import Profile
from .models.results import (
    Assessment,
    OpenQuestion,
    PathOffer,
    PathSource,
    Reason,
    ReasonSource,
    Recommendation,
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
    "Assessed",
    "ProfileState",
    "QuickVerdict",
    "RuleContext",
    "answered_questions",
    "assess_all",
    "path_offers",
    "resolve_source",
    "result_order_key",
    "results_data",
    "results_json",
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

_EXCLUDE, _REQUIRE, _BONUS, _VEHICLE = Effect.exclude, Effect.require, Effect.bonus, Effect.vehicle
_EXCLUDED = Verdict.excluded
_SET = FactKind.set
_VERDICT_RANK = {v: v.rank for v in Verdict}


def _j(value: Any) -> str:
    """*value* as pydantic serialises it inside an answer (same escaping, same numbers)."""
    return pydantic_core.to_json(value).decode()


_VERDICT_JSON = {v: _j(v.value) for v in Verdict}

#: The field order the JSON fast path writes, per model; checked against the models when a
#: :class:`RuleContext` is built (a mismatch turns the fast path off, never gives other bytes).
_JSON_FIELDS: dict[type, tuple[str, ...]] = {
    Recommendation: (
        "gesform_version",
        "catalog_version",
        "rules_version",
        "engine",
        "profile",
        "results",
    ),
    Assessment: (
        "structure_id",
        "name",
        "rank",
        "verdict",
        "score",
        "reasons",
        "missing",
        "vehicles",
        "paths",
    ),
    Reason: ("rule_id", "effect", "weight", "direction", "because", "source", "facts"),
    OpenQuestion: ("id", "question", "help", "decisive", "weight", "rules"),
    PathOffer: (
        "from_id",
        "to",
        "to_name",
        "label",
        "conditions",
        "sources",
        "target_verdict",
        "target_score",
        "target_rank",
    ),
}


def _json_fields_match() -> bool:
    return all(tuple(model.model_fields) == f for model, f in _JSON_FIELDS.items())


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


def result_order_key(
    verdict: Verdict, score: int, open_conditions: int, position: int
) -> tuple[int, int, int, int]:
    """Sort key of the results: ranked by fit, excluded forms last.

    Forms that are not excluded are ordered by score (higher first), whatever legal conditions
    are still open: an unknown never sinks a form below one that fits worse; the verdict says
    how sure each form is. At equal score, the form with fewer legal conditions still unknown
    comes first (the surer advice), then catalog *position*.
    """
    return (int(verdict is Verdict.excluded), -score, open_conditions, position)


def verdict_of(blocked: bool, hard_unknown: bool, score: int) -> Verdict:
    """The verdict from the hard rules' state and the score (see the module docstring)."""
    if blocked:
        return Verdict.excluded
    if hard_unknown:
        return Verdict.conditional
    return Verdict.recommended if score >= RECOMMENDED_MIN_SCORE else Verdict.possible


def _direction(effect: Effect, holds: bool) -> str:
    if effect is _REQUIRE:
        return "for" if holds else "against"
    return "for" if effect is _BONUS else "against"


class _RulePlan:
    """One rule, resolved once: its reasons (data and JSON) for either truth, tests, weights."""

    __slots__ = (
        "effect",
        "fact_keys",
        "fact_tests",
        "facts_id",
        "hard",
        "id",
        "id_json",
        "reason_data",
        "reason_json",
        "reason_order",
        "signed",
        "vehicle",
        "weight",
    )

    def __init__(self, rule: Rule, source: ReasonSource) -> None:
        self.id = rule.id
        self.id_json = _j(rule.id)
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
        #: The facts a reason shows, in order of first appearance, with their JSON keys.
        self.fact_keys = tuple((f, _j(f) + ":") for f in facts_of(rule.when))
        #: Rules showing the same facts share their rendering within an answer (RuleContext).
        self.facts_id = 0
        self.reason_data: dict[bool, dict[str, Any]] = {}
        self.reason_json: dict[bool, str] = {}
        self.reason_order: dict[bool, tuple[int, int]] = {}
        source_json = source.model_dump_json()
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
            self.reason_json[holds] = (
                f'{{"rule_id":{self.id_json},"effect":{_j(rule.effect.value)},'
                f'"weight":{self.signed},"direction":{_j(direction)},'
                f'"because":{_j(rule.because)},"source":{source_json},"facts":{{'
            )
            hard_against = self.hard and direction == "against"
            self.reason_order[holds] = (0 if hard_against else 1, -abs(self.signed))


class _Choice:
    """A vehicle choice, built once: the model and its JSON."""

    __slots__ = ("json", "model", "vehicle_id")

    def __init__(self, model: VehicleChoice) -> None:
        self.model = model
        self.vehicle_id = model.vehicle_id
        self.json = model.model_dump_json()


class _PathPlan:
    """One path of a form, resolved once; only the target's verdict, score and rank vary."""

    __slots__ = ("data", "json", "to")

    def __init__(self, form: Form, index: int, catalog: Catalog, sources: list[dict]) -> None:
        path = form.paths[index]
        self.to = path.to
        target = catalog.get(path.to)
        to_name = target.name if target is not None else path.to
        self.data = {
            "from_id": form.id,
            "to": path.to,
            "to_name": to_name,
            "label": path.label,
            "conditions": path.conditions,
            "sources": sources,
        }
        sources_json = ",".join(PathSource.model_validate(s).model_dump_json() for s in sources)
        self.json = (
            f'{{"from_id":{_j(form.id)},"to":{_j(path.to)},"to_name":{_j(to_name)},'
            f'"label":{_j(path.label)},"conditions":{_j(path.conditions)},'
            f'"sources":[{sources_json}],"target_verdict":'
        )


class _FormPlan:
    """One form with its rules, vehicles and paths, resolved once."""

    __slots__ = (
        "choices",
        "default_choice",
        "has_vehicles",
        "head_json",
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
        rules: tuple[_RulePlan, ...],
        catalog: Catalog,
        path_sources: list[list[dict[str, Any]]],
        sources: Mapping[str, ReasonSource],
        because: Mapping[str, str],
    ) -> None:
        self.id = form.id
        self.name = form.name
        self.position = position
        self.rules = rules
        self.has_vehicles = bool(form.vehicles)
        self.head_json = f'{{"structure_id":{_j(form.id)},"name":{_j(form.name)},"rank":'
        self.choices: dict[str, _Choice] = {}
        for r in rules:
            if r.effect is _VEHICLE and form.vehicles:
                v = form.vehicle(r.vehicle or "")
                self.choices[r.id] = _Choice(
                    VehicleChoice(
                        vehicle_id=v.id,
                        name=v.name,
                        why=because[r.id],
                        rule_id=r.id,
                        source=sources[r.id],
                    )
                )
        d = form.default_vehicle
        self.default_choice = (
            _Choice(VehicleChoice(vehicle_id=d.id, name=d.name, why=d.when))
            if d is not None
            else None
        )
        self.paths = tuple(
            _PathPlan(form, i, catalog, path_sources[i]) for i in range(len(form.paths))
        )


class RuleContext:
    """What scoring needs about the rules and the catalog, computed once per rule base.

    Sources, tests, hardness and weights of every rule; each reason's data and JSON for
    either truth; each form's vehicle choices and paths. An answer then only looks them up.
    """

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
        plans = {r.id: _RulePlan(r, self.sources[r.id]) for r in rules}
        fact_sets: dict[tuple[tuple[str, str], ...], int] = {}
        for plan in plans.values():
            plan.facts_id = fact_sets.setdefault(plan.fact_keys, len(fact_sets))
        because = {r.id: r.because for r in rules}
        by_form: dict[str, list[_RulePlan]] = {}
        for r in rules:
            by_form.setdefault(r.form_id, []).append(plans[r.id])
        self.forms = tuple(
            _FormPlan(
                form,
                i,
                tuple(by_form.get(form.id, ())),
                catalog,
                self.path_sources[form.id],
                self.sources,
                because,
            )
            for i, form in enumerate(catalog)
        )
        order = list(QUESTIONS)
        self.question_order = {qid: i for i, qid in enumerate(order)}
        self.question_data = {qid: (q.question, q.help) for qid, q in QUESTIONS.items()}
        self.question_json = {
            qid: f'{{"id":{_j(qid)},"question":{_j(q.question)},"help":{_j(q.help)},"decisive":'
            for qid, q in QUESTIONS.items()
        }
        #: Whether the JSON fast path writes the models' fields (else it is not used).
        self.json_ok = _json_fields_match()
        #: Open questions and path offers already built (immutable models, shared between
        #: answers; bounded, see :func:`_remember`), and the JSON of open questions.
        self.asked: dict[tuple[Any, ...], OpenQuestion] = {}
        self.offers: dict[tuple[Any, ...], PathOffer] = {}
        self.asked_json: dict[tuple[Any, ...], str] = {}


#: At most this many entries per memo of :class:`RuleContext` (then it starts afresh).
MEMO_LIMIT = 4096


def _remember(memo: dict[Any, Any], key: Any, value: Any) -> Any:
    """Store *value* under *key* in a bounded memo; return *value*."""
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    memo[key] = value
    return value


def answered_questions(profile: Profile) -> dict[str, bool]:
    """Which questions are not open, computed once per profile.

    A member detail (``members.kind``…) cannot be asked before there are members: it is open
    only when members are listed and one of them lacks it.
    """
    return {qid: _is_settled(profile, qid) for qid in QUESTIONS}


def _is_settled(profile: Profile, qid: str) -> bool:
    return is_answered(profile, qid) or (qid.startswith("members.") and not profile.members)


class ProfileState:
    """What scoring needs about one profile, computed once for all forms (lazily)."""

    __slots__ = (
        "_answered",
        "_open",
        "_open_map",
        "_shown",
        "_shown_json",
        "_views",
        "facts",
        "partial",
        "profile",
        "unknown",
    )

    def __init__(self, profile: Profile, facts: Facts) -> None:
        self.profile = profile
        self.facts = facts
        self.unknown = {name for name, value in facts.items() if value is None}
        self.partial = {
            name
            for name, value in facts.items()
            if isinstance(value, dict) and None in value.values()
        }
        self._answered: dict[str, bool] | None = None
        self._open: dict[str, tuple[str, ...]] = {}
        self._open_map: dict[str, tuple[str, ...]] | None = None
        self._views: dict[str, tuple[Any, str]] = {}
        self._shown: dict[int, tuple[dict[str, Any], bool]] = {}
        self._shown_json: dict[int, str] = {}

    @property
    def answered(self) -> dict[str, bool]:
        """Which questions are not open (see :func:`answered_questions`)."""
        if self._answered is None:
            self._answered = answered_questions(self.profile)
        return self._answered

    def open_questions(self, fact: str) -> tuple[str, ...]:
        """The questions settling *fact* that are still open, in the fact's order."""
        found = self._open.get(fact)
        if found is None:
            answered = self.answered
            found = self._open[fact] = tuple(q for q in FACTS[fact].questions if not answered[q])
        return found

    def undecided_questions(self) -> dict[str, tuple[str, ...]]:
        """The open questions of every fact unknown or known in part (computed once)."""
        if self._open_map is None:
            self._open_map = {f: self.open_questions(f) for f in (*self.unknown, *self.partial)}
        return self._open_map

    def shown(self, rule: _RulePlan) -> dict[str, Any]:
        """The facts a reason of *rule* shows, with their values (a new dict, new lists)."""
        found = self._shown.get(rule.facts_id)
        if found is None:
            values = {fact: self.view(fact)[0] for fact, _ in rule.fact_keys}
            found = (values, any(type(v) is list for v in values.values()))
            self._shown[rule.facts_id] = found
        values, has_list = found
        if has_list:
            return {k: list(v) if type(v) is list else v for k, v in values.items()}
        return dict(values)

    def shown_json(self, rule: _RulePlan) -> str:
        """The JSON members of :meth:`shown` (``"fact":value,…``), rendered once per answer."""
        found = self._shown_json.get(rule.facts_id)
        if found is None:
            view = self.view
            found = ",".join(key + view(fact)[1] for fact, key in rule.fact_keys)
            self._shown_json[rule.facts_id] = found
        return found

    def view(self, fact: str) -> tuple[Any, str]:
        """(value shown in a reason, its JSON): a set fact shows its true values, sorted."""
        found = self._views.get(fact)
        if found is None:
            value = self.facts.get(fact)
            if FACTS[fact].kind is _SET and isinstance(value, dict):
                value = sorted(k for k, v in value.items() if v)
            found = self._views[fact] = (value, _j(value))
        return found


class Assessed:
    """One form assessed, before rendering: verdict, score, reasons, open questions, vehicles."""

    __slots__ = (
        "choices",
        "missing",
        "open_conditions",
        "plan",
        "rank",
        "reasons",
        "score",
        "verdict",
    )

    def __init__(
        self,
        plan: _FormPlan,
        verdict: Verdict,
        score: int,
        reasons: list[tuple[_RulePlan, bool]],
        missing: list[tuple[str, list[Any]]],
        choices: list[_Choice],
        open_conditions: int = 0,
    ) -> None:
        self.plan = plan
        self.open_conditions = open_conditions
        self.verdict = verdict
        self.score = score
        self.reasons = reasons
        self.missing = missing
        self.choices = choices
        self.rank = 1


def _missing(
    pending: list[_RulePlan], state: ProfileState, ctx: RuleContext
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


def _assess(
    plan: _FormPlan, truth: Mapping[str, bool | None], state: ProfileState, ctx: RuleContext
) -> Assessed:
    reasons: list[tuple[_RulePlan, bool]] = []
    pending: list[_RulePlan] = []
    chosen: list[_Choice] = []
    blocked = False
    open_conditions = 0  # legal conditions (exclude / require) still unknown
    total = 0
    for rule in plan.rules:
        value = truth[rule.id]
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
    score = max(0, min(100, BASE_SCORE + total))
    if not chosen and plan.has_vehicles and plan.default_choice is not None:
        chosen.append(plan.default_choice)
    return Assessed(
        plan,
        verdict_of(blocked, open_conditions > 0, score),
        score,
        reasons,
        _missing(pending, state, ctx) if pending else [],
        chosen,
        open_conditions,
    )


def assess_all(
    truth: Mapping[str, bool | None], state: ProfileState, ctx: RuleContext
) -> list[Assessed]:
    """Every form of the catalog assessed, in result order (:func:`result_order_key`)."""
    assessed = [_assess(plan, truth, state, ctx) for plan in ctx.forms]
    assessed.sort(
        key=lambda a: result_order_key(a.verdict, a.score, a.open_conditions, a.plan.position)
    )
    for i, a in enumerate(assessed, start=1):
        a.rank = i
    return assessed


def _offers(a: Assessed, targets: Mapping[str, Assessed]) -> list[tuple[_PathPlan, Assessed]]:
    offers = []
    for path in a.plan.paths:
        target = targets.get(path.to)
        if target is not None and target.verdict is not _EXCLUDED:
            offers.append((path, target))
    if len(offers) > 1:
        offers.sort(key=lambda o: o[1].rank)
    return offers


def results_data(
    assessed: list[Assessed], state: ProfileState, ctx: RuleContext
) -> list[dict[str, Any]]:
    """The assessments as :class:`Assessment` data (validated once with the whole answer)."""
    targets = {a.plan.id: a for a in assessed}
    questions = ctx.question_data
    asked, offers = ctx.asked, ctx.offers
    out = []
    for a in assessed:
        reasons = [
            {**rule.reason_data[holds], "facts": state.shown(rule)} for rule, holds in a.reasons
        ]
        missing = []
        for qid, (decisive, weight, rules) in a.missing:
            key = (qid, decisive, weight, tuple(rules))
            question = asked.get(key)
            if question is None:
                question = _remember(
                    asked,
                    key,
                    OpenQuestion(
                        id=qid,
                        question=questions[qid][0],
                        help=questions[qid][1],
                        decisive=decisive,
                        weight=weight,
                        rules=key[3],
                    ),
                )
            missing.append(question)
        paths = []
        for path, t in _offers(a, targets):
            key = (path, t.verdict, t.score, t.rank)
            offer = offers.get(key)
            if offer is None:
                offer = _remember(
                    offers,
                    key,
                    PathOffer.model_validate(
                        {
                            **path.data,
                            "target_verdict": t.verdict,
                            "target_score": t.score,
                            "target_rank": t.rank,
                        }
                    ),
                )
            paths.append(offer)
        out.append(
            {
                "structure_id": a.plan.id,
                "name": a.plan.name,
                "rank": a.rank,
                "verdict": a.verdict,
                "score": a.score,
                "reasons": reasons,
                "missing": missing,
                "vehicles": tuple(c.model for c in a.choices),
                "paths": paths,
            }
        )
    return out


def results_json(assessed: list[Assessed], state: ProfileState, ctx: RuleContext) -> str:
    """The assessments as the JSON array pydantic writes for them (compact), from fragments."""
    targets = {a.plan.id: a for a in assessed}
    questions = ctx.question_json
    asked = ctx.asked_json
    shown_json = state.shown_json
    parts: list[str] = []
    for a in assessed:
        if parts:
            parts.append(",")
        parts += (
            a.plan.head_json,
            str(a.rank),
            ',"verdict":',
            _VERDICT_JSON[a.verdict],
            ',"score":',
            str(a.score),
            ',"reasons":[',
        )
        first = True
        for rule, holds in a.reasons:
            if not first:
                parts.append(",")
            first = False
            parts += (rule.reason_json[holds], shown_json(rule), "}}")
        parts.append('],"missing":[')
        first = True
        for qid, (decisive, weight, rules) in a.missing:
            if not first:
                parts.append(",")
            first = False
            key = (qid, decisive, weight, tuple(rules))
            text = asked.get(key)
            if text is None:
                text = _remember(
                    asked,
                    key,
                    f'{questions[qid]}{"true" if decisive else "false"},"weight":{weight},'
                    f'"rules":[{",".join(_j_id(r) for r in rules)}]}}',
                )
            parts.append(text)
        parts.append('],"vehicles":[')
        parts.append(",".join(c.json for c in a.choices))
        parts.append('],"paths":[')
        first = True
        for path, t in _offers(a, targets):
            if not first:
                parts.append(",")
            first = False
            parts += (
                path.json,
                _VERDICT_JSON[t.verdict],
                ',"target_score":',
                str(t.score),
                ',"target_rank":',
                str(t.rank),
                "}",
            )
        parts.append("]}")
    return "".join(parts)


def _j_id(rule_id: str) -> str:
    """JSON of a rule id (ids match ``[a-z][a-z0-9_]*\\.[a-z0-9_]+``: nothing to escape)."""
    return f'"{rule_id}"'


class QuickVerdict(NamedTuple):
    """A form's verdict and score without reasons, and how many of its legal conditions
    (exclude / require rules) are still unknown — the tie-break of the result order."""

    verdict: Verdict
    score: int
    open_conditions: int


def quick_verdicts(
    form_ids: Sequence[str],
    rules_by_form: Mapping[str, Sequence[Rule]],
    truth: Mapping[str, bool | None],
) -> dict[str, QuickVerdict]:
    """Verdict, score and open legal conditions per form, computed like the full assessment
    without building reasons.

    The fast path for exploring many variants of a profile (next question, what-if,
    counterfactual): same verdicts and scores as the full assessment, a fraction of the cost.
    """
    out: dict[str, QuickVerdict] = {}
    for form_id in form_ids:
        blocked = False
        open_conditions = 0
        total = 0
        for rule in rules_by_form.get(form_id, ()):
            value = truth[rule.id]
            if value is None:
                open_conditions += rule.effect.hard
            elif rule.effect is Effect.exclude:
                blocked |= value
            elif rule.effect is Effect.require:
                blocked |= not value
            elif value:
                total += rule.signed_weight
        score = max(0, min(100, BASE_SCORE + total))
        verdict = verdict_of(blocked, open_conditions > 0, score)
        out[form_id] = QuickVerdict(verdict, score, open_conditions)
    return out


def quick_ranking(verdicts: Mapping[str, QuickVerdict], form_ids: Sequence[str]) -> list[str]:
    """Form ids in result order (:func:`result_order_key`) from :func:`quick_verdicts`."""
    position = {fid: i for i, fid in enumerate(form_ids)}
    return sorted(verdicts, key=lambda f: result_order_key(*verdicts[f], position[f]))


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
