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

The result types are in :mod:`~gesform.guidance.change_sets`, the search in
:mod:`~gesform.guidance.change_search`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from ..facts import FACTS, derive_facts
from ..models.profile import Profile
from ..models.results import Verdict
from ..profile_io import ProfileInput, as_profile
from ..questions import QUESTIONS, is_answered
from ..recommend import Recommender, get_recommender
from .answers import answer_label, apply_answer, candidate_answers, questions_of_facts
from .change_search import GOOD, Candidate, FormRules, blocking_rules, search
from .change_sets import AnswerChange, BlockingRule, ChangeSet, Counterfactual, RuleSwitch, Status

__all__ = [
    "AnswerChange",
    "BlockingRule",
    "ChangeSet",
    "Counterfactual",
    "RuleSwitch",
    "counterfactual",
]


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
    form = FormRules(rec, p, form_id)
    verdict, score = form.verdict(form.truth)
    questions = questions_of_facts({f for fs in form.rule_facts.values() for f in fs})
    all_candidates: list[Candidate] = []
    for qid in questions:
        for value, label in candidate_answers(p, qid, change=True):
            try:
                variant = apply_answer(p, qid, value)
            except (ValidationError, ValueError):
                continue
            c = Candidate(qid, value, _change(p, qid, value, label), variant)
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
        _, _, to_recommended = search(form, allowed, limit)
    elif verdict is not Verdict.recommended:
        to_possible, n_possible, to_recommended = search(form, allowed, limit)
    blocking = blocking_rules(form)
    name = catalog_form.short_name
    held: tuple[str, ...] = ()

    if verdict in GOOD:
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
            if kept and search(form, all_candidates, 1)[1]
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
