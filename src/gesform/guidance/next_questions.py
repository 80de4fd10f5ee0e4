"""The next best question: the open questions ranked by how much their answer could change
the answer.

For each open question, every answer of :func:`~gesform.guidance.answers.candidate_answers`
is tried on the fast path (verdicts and scores, no reasons: what :meth:`Recommender.quick`
returns, computed incrementally by :class:`~gesform.guidance.explore.Explorer`) and compared
with the current answer. For one answer *a*:

* ``settled(a)`` = number of forms whose verdict is ``conditional`` now and is no longer
  after *a* (a hard rule that hinged on the question is decided);
* ``moved(a)`` = number of the three first places held by another form after *a*;
* ``top(a)`` = 1 when the first form changes, else 0;
* ``shift(a)`` = mean absolute score change over all forms.

The impact of *a* is ``i(a) = settled(a) + moved(a) + 2·top(a) + shift(a)/10``; the impact of
the question is ``(mean_a i(a) + max_a i(a)) / 2``: the mean rewards questions whose every
answer is informative, the max keeps a question with one decisive answer (a refusal that
excludes a form). Questions whose answers change nothing are left out. ``docs/guidance.md``
explains the same in French.

Only questions that settle a fact tested by a rule still undecided (bonus, malus, exclude or
require whose truth is unknown) are explored. When ``members`` is unknown, a few prototypical
member sets (:data:`~gesform.guidance.answers.MEMBER_PROTOTYPES`) stand for its answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from statistics import fmean

from pydantic import Field, ValidationError

from ..display.words import or_names
from ..facts import FACTS
from ..models.base import Frozen
from ..models.profile import Profile
from ..models.results import CLOSE_MARGIN, Verdict, close_after_first
from ..profile_io import ProfileInput, as_profile
from ..questions import QUESTIONS, is_answered
from ..recommend import Recommender, get_recommender
from ..scoring import QuickVerdict, quick_ranking
from .answers import allowed_answers, apply_answer, candidate_answers
from .explore import Explorer

__all__ = [
    "AffectedForm",
    "QuestionAdvice",
    "close_to_first",
    "is_stable",
    "next_questions",
    "pivotal_questions",
    "rank_questions",
]

Quick = Mapping[str, QuickVerdict]


class AffectedForm(Frozen):
    """A form whose verdict or score changes with at least one answer to the question."""

    structure_id: str
    name: str
    verdict: Verdict = Field(description="Verdict actuel.")
    verdicts: tuple[Verdict, ...] = Field(description="Verdicts possibles selon la réponse.")
    settles: bool = Field(description="Une réponse au moins tranche son verdict « À confirmer ».")


class QuestionAdvice(Frozen):
    """An open question worth asking now: its wording, allowed answers and impact figures."""

    id: str
    title: str
    question: str
    help: str
    answer_type: str = Field(description="boolean | enum | enum_list | number | members")
    choices: dict[str, str] = Field(
        description="Réponses possibles, valeur → libellé ; « je_ne_sais_pas » la laisse ouverte."
    )
    impact: float = Field(description="(moyenne + maximum) / 2 de l'impact de chaque réponse.")
    settles_mean: float = Field(description="Verdicts « À confirmer » tranchés, en moyenne.")
    settles_max: int = Field(description="Verdicts « À confirmer » tranchés, au plus.")
    top3_moves_mean: float = Field(description="Places du trio de tête qui changent, en moyenne.")
    top_change_share: float = Field(description="Part des réponses qui changent la forme en tête.")
    score_shift_mean: float = Field(description="Écart de score moyen sur toutes les formes.")
    can_change_top: bool = Field(description="Une réponse au moins change la forme en tête.")
    new_leaders: tuple[str, ...] = Field(
        description="Formes qu'une réponse au moins mettrait en tête à la place de la forme "
        "en tête (ordre du catalogue) ; vide quand aucune réponse ne la change."
    )
    settles_top3: bool = Field(
        description="Une réponse tranche un verdict « À confirmer » du trio."
    )
    answers_explored: int
    affects: tuple[AffectedForm, ...]
    why: str = Field(description="Pourquoi poser cette question maintenant (français).")

    def __str__(self) -> str:
        choices = ", ".join(self.choices.values())
        return f"{self.question} [{choices}]\n  → {self.why}"


def _open_candidates(profile: Profile, explorer: Explorer, skip: Iterable[str]) -> tuple[str, ...]:
    """Open questions that settle a fact tested by a rule whose truth is still unknown."""
    pending = explorer.pending_facts()
    wanted = {q for f in pending for q in FACTS[f].questions}
    skipped = set(skip)
    return tuple(
        q for q in QUESTIONS if q in wanted and q not in skipped and not is_answered(profile, q)
    )


def _describe(
    settles_max: int, leaders: list[str], affects: list[AffectedForm], top_name: str
) -> str:
    parts = []
    settled = [a.name for a in affects if a.settles]
    if settled:
        parts.append(
            f"peut trancher {settles_max} verdict(s) « À confirmer » ({', '.join(settled[:4])}"
            + ("…" if len(settled) > 4 else "")
            + ")"
        )
    if leaders:
        heirs = or_names(leaders)
        parts.append(f"peut détrôner la forme en tête ({top_name}) au profit de {heirs}")
    moved = [a.name for a in affects if not a.settles]
    if moved:
        parts.append(
            "modifie le score de " + ", ".join(moved[:4]) + ("…" if len(moved) > 4 else "")
        )
    text = " ; ".join(parts) or "change peu le classement"
    return "Selon la réponse, " + text + "."


def _advise(profile: Profile, qid: str, explorer: Explorer) -> QuestionAdvice | None:
    rec = explorer.rec
    ids = rec.catalog.ids
    base, base_rank = explorer.base, explorer.base_rank
    per_answer: list[tuple[int, int, int, float]] = []
    reached: dict[str, set[Verdict]] = {}
    settles_form: dict[str, bool] = {}
    top3 = set(base_rank[:3])
    settles_top3 = False
    leaders: set[str] = set()
    for value, _label in candidate_answers(profile, qid):
        try:
            variant = apply_answer(profile, qid, value)
        except (ValidationError, ValueError):
            continue
        quick = explorer.quick(variant)
        rank = quick_ranking(quick, rec.catalog.tie_order)
        settled = 0
        shift = 0
        for f in ids:
            v0, s0, _ = base[f]
            v1, s1, _ = quick[f]
            shift += abs(s1 - s0)
            if (v1, s1) != (v0, s0):
                reached.setdefault(f, set()).add(v1)
            if v0 is Verdict.conditional and v1 is not Verdict.conditional:
                settled += 1
                settles_form[f] = True
                settles_top3 |= f in top3
        moved = sum(1 for i in range(3) if rank[i] != base_rank[i])
        top = int(rank[0] != base_rank[0])
        if top:
            leaders.add(rank[0])
        per_answer.append((settled, moved, top, shift / len(ids)))
    if not per_answer:
        return None
    impacts = [s + m + 2 * t + sh / 10 for s, m, t, sh in per_answer]
    impact = round((fmean(impacts) + max(impacts)) / 2, 3)
    if impact <= 0:
        return None
    can_change_top = any(t for _, _, t, _ in per_answer)
    affects = [
        AffectedForm(
            structure_id=f,
            name=rec.catalog[f].short_name,
            verdict=base[f][0],
            verdicts=tuple(v for v in Verdict if v in reached[f]),
            settles=settles_form.get(f, False),
        )
        for f in ids
        if f in reached
    ]
    q = QUESTIONS[qid]
    settles_max = max(s for s, _, _, _ in per_answer)
    return QuestionAdvice(
        id=qid,
        title=q.title,
        question=q.question,
        help=q.help,
        answer_type=q.answer_type,
        choices=allowed_answers(q),
        impact=impact,
        settles_mean=round(fmean(s for s, _, _, _ in per_answer), 3),
        settles_max=settles_max,
        top3_moves_mean=round(fmean(m for _, m, _, _ in per_answer), 3),
        top_change_share=round(fmean(t for _, _, t, _ in per_answer), 3),
        score_shift_mean=round(fmean(sh for _, _, _, sh in per_answer), 3),
        can_change_top=can_change_top,
        new_leaders=tuple(f for f in ids if f in leaders),
        settles_top3=settles_top3,
        answers_explored=len(per_answer),
        affects=tuple(affects),
        why=_describe(
            settles_max,
            [rec.catalog[f].short_name for f in ids if f in leaders],
            affects,
            rec.catalog[base_rank[0]].short_name,
        ),
    )


def rank_questions(
    profile: ProfileInput,
    *,
    recommender: Recommender | None = None,
    skip: Iterable[str] = (),
) -> list[QuestionAdvice]:
    """Every open question whose answer could change the answer, highest impact first.

    *skip* lists question ids not to propose again (answered « je ne sais pas »).
    """
    return _ranked(as_profile(profile), recommender, skip)[0]


def _ranked(
    p: Profile, recommender: Recommender | None, skip: Iterable[str]
) -> tuple[list[QuestionAdvice], Explorer]:
    """:func:`rank_questions`, with the explorer of the base profile."""
    explorer = Explorer(recommender or get_recommender(), p)
    order = {q: i for i, q in enumerate(QUESTIONS)}
    out = [
        a
        for qid in _open_candidates(p, explorer, skip)
        if (a := _advise(p, qid, explorer)) is not None
    ]
    out.sort(key=lambda a: (-a.impact, order[a.id]))
    return out, explorer


def close_to_first(base: Quick, ranking: list[str], margin: int = CLOSE_MARGIN) -> frozenset[str]:
    """The forms still in play, after the first, at most *margin* points below it: those the
    profile does not yet tell apart from it (:meth:`Recommendation.close_to_top
    <gesform.models.results.Recommendation.close_to_top>` on the fast path)."""
    ranked = [(base[f].verdict, base[f].score) for f in ranking]
    return frozenset(ranking[i] for i in close_after_first(ranked, margin))


def next_questions(
    profile: ProfileInput,
    k: int | None = 3,
    *,
    recommender: Recommender | None = None,
    skip: Iterable[str] = (),
) -> list[QuestionAdvice]:
    """The *k* open questions whose answer could change the answer most (all when k is None).

    Each comes with its French wording, help text, allowed answers (« je_ne_sais_pas »
    included), impact figures and the forms it affects; see the module docstring for the
    formula. An empty list means no open question can change verdicts or scores any more.
    """
    ranked = rank_questions(profile, recommender=recommender, skip=skip)
    return ranked if k is None else ranked[:k]


def pivotal_questions(
    profile: ProfileInput,
    k: int | None = 3,
    *,
    recommender: Recommender | None = None,
    skip: Iterable[str] = (),
) -> list[QuestionAdvice]:
    """The *k* open questions of highest impact with an answer that changes the first form.

    These are the questions an advisor asks first when the answer is not yet sure: each has
    at least one answer that puts another form first (:attr:`QuestionAdvice.new_leaders` names
    them). In a close call (forms within :data:`~gesform.models.results.CLOSE_MARGIN` points of
    the first, :func:`close_to_first`), the question of highest impact that can put one of
    those forms first comes first, the others by impact: it separates what the answer cannot
    yet. An empty list means no single answer can change the first form any more. On the real
    validation cases, ``data/track_record.yaml`` counts how often one answer to one of the first
    three would have put the group's choice first when gesform missed it
    (:attr:`~gesform.models.track_record.LeadBand.missed_reachable`).
    """
    advice, explorer = _ranked(as_profile(profile), recommender, skip)
    close = close_to_first(explorer.base, explorer.base_rank)
    ranked = [a for a in advice if a.can_change_top]
    # In a close call, the question of highest impact that can put one of the close forms first
    # comes first: it tells apart the forms the answer says it cannot yet separate.
    separating = next((a for a in ranked if close.intersection(a.new_leaders)), None)
    if separating is not None:
        ranked.remove(separating)
        ranked.insert(0, separating)
    return ranked if k is None else ranked[:k]


def is_stable(advice: Iterable[QuestionAdvice]) -> bool:
    """Whether no question of *advice* can change the top form or settle a top-3 verdict."""
    return not any(a.can_change_top or a.settles_top3 for a in advice)
