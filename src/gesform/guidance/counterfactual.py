"""What would it take? The smallest sets of answer changes that make a form possible, then
recommended, each explained by the rules it turns on or off.

The search tries every change of one answer (size 1), then every pair of changes on two
different questions (size 2), among the questions that settle a fact the form's rules test.
A change sets an open question or changes a given answer: yes/no, each value of a choice,
each value added to or removed from a list, one member of each kind added or one member of a
kind removed, a member detail given to every member lacking it (see
:func:`~gesform.guidance.answers.candidate_answers`). Pairs are only formed from changes that
touch a fact of a rule still in the way (a hard rule that excludes the form or is unknown,
or, for « recommended », a bonus not yet won or a malus not yet avoided), and a pair is kept
only when neither of its changes works alone (smallest sets).

When no set works, or every one changes an answer listed in ``keep``, the form is « none
possible » and the blocking legal rules are given with their sentence and source. When every
set changes an answer the group already gave, the summary says the form is impossible as
long as that answer holds, naming the rule and its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import Any, Literal

from pydantic import Field, ValidationError

from ..conditions import evaluate, facts_of
from ..facts import FACTS, Facts, derive_facts
from ..models.base import Frozen
from ..models.profile import Profile
from ..models.results import Verdict
from ..models.rules import Effect, Rule
from ..profile_io import ProfileInput, as_profile
from ..questions import QUESTIONS, is_answered
from ..recommend import Recommender, get_recommender
from ..scoring import quick_verdicts, resolve_source
from .answers import answer_label, apply_answer, candidate_answers, questions_of_facts

__all__ = [
    "AnswerChange",
    "BlockingRule",
    "ChangeSet",
    "Counterfactual",
    "RuleSwitch",
    "counterfactual",
]

Status = Literal["already", "reachable", "held", "none"]
_GOOD = (Verdict.possible, Verdict.recommended)


class RuleSwitch(Frozen):
    """A rule of the form whose truth a change set turns on or off."""

    rule_id: str
    effect: Effect
    weight: int
    before: bool | None
    after: bool | None
    because: str
    source: str
    url: str | None = None

    def sentence(self) -> str:
        """What the switch does, in French."""
        on = self.after is True
        if self.effect is Effect.exclude:
            verb = "déclenche l'exclusion" if on else "lève l'exclusion"
        elif self.effect is Effect.require:
            verb = "remplit la condition requise" if on else "fait échouer la condition requise"
        elif self.effect is Effect.bonus:
            verb = f"ajoute l'atout (+{self.weight})" if on else f"retire l'atout (+{self.weight})"
        else:
            w = abs(self.weight)
            verb = f"ajoute le frein (−{w})" if on else f"retire le frein (−{w})"
        return f"{verb} « {self.because} » [{self.source}]"


class AnswerChange(Frozen):
    """One answer to change (or to give)."""

    question_id: str
    title: str
    value: Any = Field(description="La nouvelle réponse (valeur JSON).")
    label: str = Field(description="La nouvelle réponse, en français.")
    before: str = Field(description="La réponse actuelle, en français.")
    changes_given_answer: bool = Field(description="Change une réponse déjà donnée.")
    text: str = Field(description="Le changement en une phrase française.")

    def __str__(self) -> str:
        return self.text


class ChangeSet(Frozen):
    """A smallest set of answer changes, the verdict it gives and the rules it switches."""

    changes: tuple[AnswerChange, ...]
    verdict: Verdict
    score: int
    switches: tuple[RuleSwitch, ...]

    @property
    def changes_given_answers(self) -> bool:
        """Whether the set changes at least one answer the group already gave."""
        return any(c.changes_given_answer for c in self.changes)

    def explanation(self) -> str:
        """The set and its effect, in French."""
        head = " + ".join(str(c) for c in self.changes)
        lines = [f"{head} → {self.verdict.label} ({self.score}/100)"]
        lines += [f"    {s.sentence()}" for s in self.switches]
        return "\n".join(lines)


class BlockingRule(Frozen):
    """A legal (exclude or require) rule that stands in the way of the form."""

    rule_id: str
    effect: Effect
    state: Literal["blocks", "pending"] = Field(
        description="blocks : exclut la forme ; pending : dépend d'une question ouverte."
    )
    because: str
    source: str
    url: str | None = None
    questions: tuple[str, ...] = Field(description="Les questions qui décident de cette règle.")

    def sentence(self) -> str:
        """The rule in French with its source."""
        state = "exclut la forme" if self.state == "blocks" else "reste à vérifier"
        return f"{self.rule_id} ({state}) : {self.because} [{self.source}]"


class Counterfactual(Frozen):
    """What it would take to make one form possible, then recommended."""

    structure_id: str
    name: str
    verdict: Verdict
    score: int
    status: Status = Field(
        description="already : déjà possible ; reachable : en répondant autrement ou en "
        "complétant ; held : seulement en changeant une réponse donnée ; none : impossible."
    )
    to_possible: tuple[ChangeSet, ...]
    to_recommended: tuple[ChangeSet, ...]
    blocking: tuple[BlockingRule, ...]
    held_by: tuple[str, ...] = Field(
        description="Réponses données que toute solution doit changer (ids de questions)."
    )
    kept: tuple[str, ...] = Field(description="Réponses que l'on s'interdit de changer.")
    summary: str

    @property
    def possible(self) -> bool:
        """Whether some change set (or none) makes the form possible."""
        return self.status != "none"

    def __str__(self) -> str:
        lines = [self.summary]
        if self.to_possible:
            lines.append("Pour la rendre possible :")
            lines += [f"  • {c.explanation()}" for c in self.to_possible]
        if self.to_recommended:
            lines.append("Pour la rendre recommandée :")
            lines += [f"  • {c.explanation()}" for c in self.to_recommended]
        if self.blocking:
            lines.append("Règles légales en jeu :")
            lines += [f"  • {b.sentence()}" for b in self.blocking]
        return "\n".join(lines)


# --- search ----------------------------------------------------------------------------------
class _Candidate:
    __slots__ = ("change", "facts", "profile", "qid", "touched", "truth", "value")

    def __init__(self, qid: str, value: Any, change: AnswerChange, profile: Profile) -> None:
        self.qid = qid
        self.value = value
        self.change = change
        self.profile = profile
        self.facts: Facts = {}
        self.truth: dict[str, bool | None] = {}
        self.touched: set[str] = set()


class _Form:
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
        out = dict(self.truth)
        for r in self.rules:
            if any(facts[f] != self.facts[f] for f in self.rule_facts[r.id]):
                out[r.id] = evaluate(r.when, facts)
        return out

    def verdict(self, truth: dict[str, bool | None]) -> tuple[Verdict, int]:
        quick = quick_verdicts(self.rec.context, truth, (self.form_id,))[self.form_id]
        return quick.verdict, quick.score


def _in_the_way(form: _Form, target: Verdict) -> set[str]:
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


def _change(profile: Profile, qid: str, value: Any, label: str) -> AnswerChange:
    given = is_answered(profile, qid)
    if qid.startswith("members."):
        before = "à compléter"
    elif qid == "members":
        before = answer_label(profile.members, qid) if profile.members else "inconnus"
    else:
        before = answer_label(getattr(profile, qid), qid)
    plain = value
    if isinstance(value, list):
        plain = [v if not hasattr(v, "model_dump") else v.model_dump(mode="json") for v in value]
    title = QUESTIONS[qid].title
    if qid.startswith("members") or (QUESTIONS[qid].answer_type == "enum_list" and given):
        text = f"{title} : {label}"
    elif given:
        text = f"{title} : {before} → {label}"
    else:
        text = f"{title} : répondre « {label} »"
    return AnswerChange(
        question_id=qid,
        title=title,
        value=plain,
        label=label,
        before=before,
        changes_given_answer=given,
        text=text,
    )


def _switches(form: _Form, truth: dict[str, bool | None]) -> tuple[RuleSwitch, ...]:
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


def _pairs(
    form: _Form, pool: list[_Candidate], need: set[str] | None
) -> list[tuple[tuple[_Candidate, ...], dict[str, bool | None], Verdict, int]]:
    """Every pair of changes on two questions from *pool*, with its truths and verdict.

    With *need*, at least one change of the pair touches one of these facts.
    """
    out = []
    for a, b in combinations(pool, 2):
        if a.qid == b.qid or (need is not None and not (a.touched | b.touched) & need):
            continue
        try:
            profile = apply_answer(a.profile, b.qid, b.value)
        except (ValidationError, ValueError):
            continue
        truth = form.truths(derive_facts(profile))
        v, s = form.verdict(truth)
        if v in _GOOD:
            out.append(((a, b), truth, v, s))
    return out


def _hard_facts(form: _Form) -> set[str]:
    """Facts of the hard rules that exclude the form or are still unknown."""
    facts: set[str] = set()
    for r in form.rules:
        t = form.truth[r.id]
        if r.effect.hard and (t is None or (t is True) == (r.effect is Effect.exclude)):
            facts.update(form.rule_facts[r.id])
    return facts


def _search(
    form: _Form, candidates: list[_Candidate], limit: int
) -> tuple[list[ChangeSet], int, list[ChangeSet]]:
    """Smallest change sets making the form possible (the best *limit*, how many) and
    recommended (the best *limit*)."""
    found = []
    for c in candidates:
        v, s = form.verdict(c.truth)
        if v in _GOOD:
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
    form: _Form,
    found: list[tuple[tuple[_Candidate, ...], dict[str, bool | None], Verdict, int]],
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


def _blocking(form: _Form, profile: Profile) -> tuple[BlockingRule, ...]:
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


def _held_by(sets: list[ChangeSet]) -> tuple[str, ...]:
    """Given answers that every change set changes."""
    common: set[str] | None = None
    for cs in sets:
        given = {c.question_id for c in cs.changes if c.changes_given_answer}
        common = given if common is None else common & given
    return tuple(q for q in QUESTIONS if q in (common or set()))


def counterfactual(
    profile: ProfileInput,
    form_id: str,
    *,
    keep: Iterable[str] = (),
    recommender: Recommender | None = None,
    limit: int = 5,
) -> Counterfactual:
    """The smallest sets of answer changes that make *form_id* possible, then recommended.

    *keep* lists question ids whose answers must not change. At most *limit* sets are given
    per target, those that only answer open questions first, then by score. See the module
    docstring for the search; ``status`` says whether the form is already possible,
    reachable, held by a given answer, or impossible.
    """
    rec = recommender or get_recommender()
    p = as_profile(profile)
    catalog_form = rec.catalog[form_id]
    kept = tuple(q for q in QUESTIONS if q in set(keep))
    unknown = set(keep) - set(QUESTIONS)
    if unknown:
        raise ValueError(f"questions inconnues dans keep / unknown questions: {sorted(unknown)}")
    form = _Form(rec, p, form_id)
    verdict, score = form.verdict(form.truth)
    questions = questions_of_facts({f for fs in form.rule_facts.values() for f in fs})
    all_candidates: list[_Candidate] = []
    for qid in questions:
        for value, label in candidate_answers(p, qid, change=True):
            try:
                variant = apply_answer(p, qid, value)
            except (ValidationError, ValueError):
                continue
            c = _Candidate(qid, value, _change(p, qid, value, label), variant)
            c.facts = derive_facts(variant)
            c.truth = form.truths(c.facts)
            c.touched = {f for f in FACTS if c.facts[f] != form.facts[f]}
            if c.touched:
                all_candidates.append(c)
    allowed = [c for c in all_candidates if c.qid not in kept]

    to_possible: list[ChangeSet] = []
    to_recommended: list[ChangeSet] = []
    n_possible = 0
    if verdict is Verdict.possible:
        _, _, to_recommended = _search(form, allowed, limit)
    elif verdict is not Verdict.recommended:
        to_possible, n_possible, to_recommended = _search(form, allowed, limit)
    blocking = _blocking(form, p)
    name = catalog_form.short_name
    held: tuple[str, ...] = ()

    if verdict in _GOOD:
        status: Status = "already"
        summary = f"{name} est déjà {verdict.label.lower()} ({score}/100)."
        if to_recommended:
            summary += (
                " Pour la rendre recommandée : "
                + " ; ou ".join(" + ".join(str(c) for c in cs.changes) for cs in to_recommended[:3])
                + "."
            )
    elif not to_possible:
        status = "none"
        why = (
            " sans changer les réponses à garder ("
            + ", ".join(QUESTIONS[q].title for q in kept)
            + ")"
            if kept and _search(form, all_candidates, 1)[1]
            else " en changeant une ou deux réponses"
        )
        rules = "; ".join(b.sentence() for b in blocking if b.state == "blocks") or "; ".join(
            b.sentence() for b in blocking
        )
        summary = f"Aucune possibilité : {name} ne peut pas devenir possible{why}."
        if rules:
            summary += f" Règle(s) en cause : {rules}."
    elif all(cs.changes_given_answers for cs in to_possible) and n_possible == len(to_possible):
        status = "held"
        held = _held_by(to_possible)
        summary = _held_summary(name, p, held, blocking, to_possible)
    else:
        status = "reachable"
        best = to_possible[0]
        summary = (
            f"{name} ({verdict.label.lower()}) devient {best.verdict.label.lower()} avec : "
            + " + ".join(str(c) for c in best.changes)
            + "."
        )
    return Counterfactual(
        structure_id=form_id,
        name=catalog_form.name,
        verdict=verdict,
        score=score,
        status=status,
        to_possible=tuple(to_possible),
        to_recommended=tuple(to_recommended),
        blocking=blocking,
        held_by=held,
        kept=kept,
        summary=summary,
    )


def _held_answer(p: Profile, qid: str, sets: list[ChangeSet]) -> str:
    """« Salariés majoritaires : Non », or for a list « Objectifs » (il faudrait : …)."""
    title = QUESTIONS[qid].title
    if qid == "members" or QUESTIONS[qid].answer_type == "enum_list":
        needed = dict.fromkeys(c.label for cs in sets for c in cs.changes if c.question_id == qid)
        return f"« {title} » (il faudrait : {' ou '.join(needed)})"
    return f"« {title} : {answer_label(getattr(p, qid), qid)} »"


def _held_summary(
    name: str,
    p: Profile,
    held: tuple[str, ...],
    blocking: tuple[BlockingRule, ...],
    sets: list[ChangeSet],
) -> str:
    if held:
        answers = ", ".join(_held_answer(p, q, sets) for q in held)
        rules = [b for b in blocking if b.state == "blocks" and set(b.questions) & set(held)]
        text = f"{name} est impossible tant que la réponse {answers} tient"
    else:
        given = sorted({c.question_id for cs in sets for c in cs.changes if c.changes_given_answer})
        text = (
            f"{name} est impossible sans changer une réponse déjà donnée ("
            + ", ".join(QUESTIONS[q].title for q in given)
            + ")"
        )
        rules = [b for b in blocking if b.state == "blocks"]
    if rules:
        text += " : " + " ; ".join(f"règle {b.rule_id} — {b.because} [{b.source}]" for b in rules)
    return text + "."
