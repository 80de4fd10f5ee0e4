"""The search behind :func:`~gesform.guidance.counterfactual.counterfactual`: a form's rules
evaluated on variants of the profile, the smallest change sets that make it possible or
recommended, ranked, and the legal rules that stand in its way."""

from __future__ import annotations

from itertools import combinations
from typing import Any

from pydantic import ValidationError

from ..conditions import evaluate, facts_of
from ..facts import Facts, derive_facts
from ..models.profile import Profile
from ..models.results import Verdict
from ..models.rules import Effect, Rule
from ..questions import QUESTIONS
from ..recommend import Recommender
from ..scoring import quick_verdicts, resolve_source
from .answers import apply_answer, questions_of_facts
from .change_sets import AnswerChange, BlockingRule, ChangeSet, RuleSwitch

__all__ = ["GOOD", "Candidate", "FormRules", "Found", "blocking_rules", "search"]

#: The verdicts a change set aims at.
GOOD: tuple[Verdict, Verdict] = (Verdict.possible, Verdict.recommended)


class Candidate:
    """One answer change: the profile it gives, its facts and rule truths, the facts it moves."""

    __slots__ = ("change", "facts", "profile", "qid", "touched", "truth", "value")

    def __init__(self, qid: str, value: Any, change: AnswerChange, profile: Profile) -> None:
        self.qid = qid
        self.value = value
        self.change = change
        self.profile = profile
        self.facts: Facts = {}
        self.truth: dict[str, bool | None] = {}
        self.touched: set[str] = set()


#: A change set found: its candidates, the rule truths they give, the verdict and the score.
Found = tuple[tuple[Candidate, ...], dict[str, bool | None], Verdict, int]


class FormRules:
    """The form's rules evaluated on variants of the base profile."""

    def __init__(self, rec: Recommender, profile: Profile, form_id: str) -> None:
        self.rec = rec
        self.form_id = form_id
        self.rules: tuple[Rule, ...] = tuple(
            r for r in rec.rules.for_form(form_id) if r.effect is not Effect.vehicle
        )
        self.rule_facts = {r.id: facts_of(r.when) for r in self.rules}
        self.facts = derive_facts(profile)
        full = rec.truths(profile)
        self.truth = {r.id: full[r.id] for r in self.rules}

    def truths(self, facts: Facts) -> dict[str, bool | None]:
        """The truth of each rule on *facts* (only rules whose facts moved are evaluated)."""
        out = dict(self.truth)
        for r in self.rules:
            if any(facts[f] != self.facts[f] for f in self.rule_facts[r.id]):
                out[r.id] = evaluate(r.when, facts)
        return out

    def verdict(self, truth: dict[str, bool | None]) -> tuple[Verdict, int]:
        """The form's verdict and score for these rule truths."""
        quick = quick_verdicts(self.rec.context, truth, (self.form_id,))[self.form_id]
        return quick.verdict, quick.score


def _in_the_way(form: FormRules, target: Verdict) -> set[str]:
    """Facts of the rules that stand between the base profile and *target*."""
    facts: set[str] = set()
    for r in form.rules:
        t = form.truth[r.id]
        hard_problem = r.effect.hard and (t is None or (t is True) == (r.effect is Effect.exclude))
        soft_room = target is Verdict.recommended and (
            (r.effect is Effect.bonus and t is not True)
            or (r.effect is Effect.malus and t is not False)
        )
        if hard_problem or soft_room:
            facts.update(form.rule_facts[r.id])
    return facts


def _switches(form: FormRules, truth: dict[str, bool | None]) -> tuple[RuleSwitch, ...]:
    catalog = form.rec.catalog
    out = []
    for r in form.rules:
        b, a = form.truth[r.id], truth[r.id]
        if a == b or a is None:
            continue
        src = resolve_source(r.source, catalog)
        out.append(
            RuleSwitch(
                rule_id=r.id,
                effect=r.effect,
                weight=r.signed_weight,
                before=b,
                after=a,
                because=r.because,
                source=src.label,
                url=src.url,
            )
        )
    out.sort(key=lambda s: (not s.effect.hard, -abs(s.weight)))
    return tuple(out)


def _pairs(form: FormRules, pool: list[Candidate], need: set[str] | None) -> list[Found]:
    """Every pair of changes on two questions from *pool*, with its truths and verdict.

    With *need*, at least one change of the pair touches one of these facts.
    """
    out: list[Found] = []
    for a, b in combinations(pool, 2):
        if a.qid == b.qid or (need is not None and not (a.touched | b.touched) & need):
            continue
        try:
            profile = apply_answer(a.profile, b.qid, b.value)
        except (ValidationError, ValueError):
            continue
        truth = form.truths(derive_facts(profile))
        v, s = form.verdict(truth)
        if v in GOOD:
            out.append(((a, b), truth, v, s))
    return out


def _hard_facts(form: FormRules) -> set[str]:
    """Facts of the hard rules that exclude the form or are still unknown."""
    facts: set[str] = set()
    for r in form.rules:
        t = form.truth[r.id]
        if r.effect.hard and (t is None or (t is True) == (r.effect is Effect.exclude)):
            facts.update(form.rule_facts[r.id])
    return facts


def search(
    form: FormRules, candidates: list[Candidate], limit: int
) -> tuple[list[ChangeSet], int, list[ChangeSet]]:
    """Smallest change sets making the form possible (the best *limit*, how many) and
    recommended (the best *limit*)."""
    found: list[Found] = []
    for c in candidates:
        v, s = form.verdict(c.truth)
        if v in GOOD:
            found.append(((c,), c.truth, v, s))
    to_possible = found
    to_recommended = [item for item in found if item[2] is Verdict.recommended]
    if not to_possible:
        pool = [c for c in candidates if c.touched & _in_the_way(form, Verdict.possible)]
        to_possible = _pairs(form, pool, None)
        to_recommended = [item for item in to_possible if item[2] is Verdict.recommended]
    elif not to_recommended:
        hard = _hard_facts(form)
        way = _in_the_way(form, Verdict.recommended)
        pool = [c for c in candidates if c.touched & way]
        pairs = _pairs(form, pool, hard or None)
        to_recommended = [item for item in pairs if item[2] is Verdict.recommended]
    return _ranked(form, to_possible, limit), len(to_possible), _ranked(form, to_recommended, limit)


def _ranked(
    form: FormRules,
    found: list[Found],
    limit: int,
) -> list[ChangeSet]:
    """The *limit* best sets: fewest given answers changed, then highest score."""
    order = {q: i for i, q in enumerate(QUESTIONS)}
    found = sorted(
        found,
        key=lambda item: (
            sum(c.change.changes_given_answer for c in item[0]),
            -item[3],
            [order[c.qid] for c in item[0]],
        ),
    )
    return [
        ChangeSet(
            changes=tuple(c.change for c in combo),
            verdict=v,
            score=s,
            switches=_switches(form, truth),
        )
        for combo, truth, v, s in found[:limit]
    ]


def blocking_rules(form: FormRules) -> tuple[BlockingRule, ...]:
    """The legal rules that exclude the form, then those still unknown, with their source."""
    catalog = form.rec.catalog
    out = []
    for r in form.rules:
        if not r.effect.hard:
            continue
        t = form.truth[r.id]
        blocks = t is not None and (t is True) == (r.effect is Effect.exclude)
        if not blocks and t is not None:
            continue
        src = resolve_source(r.source, catalog)
        out.append(
            BlockingRule(
                rule_id=r.id,
                effect=r.effect,
                state="blocks" if blocks else "pending",
                because=r.because,
                source=src.label,
                url=src.url,
                questions=questions_of_facts(form.rule_facts[r.id]),
            )
        )
    out.sort(key=lambda b: b.state != "blocks")
    return tuple(out)
