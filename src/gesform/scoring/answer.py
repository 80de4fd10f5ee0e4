"""From assessed forms to the answer's data: reasons, open questions, vehicles, path offers.

Only models and plain data are built here; the JSON is written by pydantic from the
:class:`~gesform.models.results.Recommendation` itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..documents import Documents
from ..models.catalog import Catalog, Form
from ..models.results import OpenQuestion, PathOffer, Verdict
from ..questions import QUESTIONS
from .assess import Assessed
from .context import PathPlan, RuleContext, remember
from .sources import path_source
from .state import ProfileState

__all__ = ["path_offers", "results_data"]

_EXCLUDED = Verdict.excluded


def _offers(a: Assessed, targets: Mapping[str, Assessed]) -> list[tuple[PathPlan, Assessed]]:
    offers = []
    for path in a.plan.paths:
        target = targets.get(path.to)
        if target is not None and target.verdict is not _EXCLUDED:
            offers.append((path, target))
    if len(offers) > 1:
        offers.sort(key=lambda o: o[1].rank)
    return offers


def _question(
    ctx: RuleContext, qid: str, decisive: bool, weight: int, rules: list[str]
) -> OpenQuestion:
    key = (qid, decisive, weight, tuple(rules))
    question = ctx.asked.get(key)
    if question is None:
        q = QUESTIONS[qid]
        question = remember(
            ctx.asked,
            key,
            OpenQuestion(
                id=qid,
                question=q.question,
                help=q.help,
                decisive=decisive,
                weight=weight,
                rules=key[3],
            ),
        )
    return question


def _offer(ctx: RuleContext, path: PathPlan, t: Assessed) -> PathOffer:
    key = (path, t.verdict, t.score, t.rank)
    offer = ctx.offers.get(key)
    if offer is None:
        offer = remember(
            ctx.offers,
            key,
            PathOffer(
                **path.data,
                target_verdict=t.verdict,
                target_score=t.score,
                target_rank=t.rank,
            ),
        )
    return offer


def results_data(
    assessed: list[Assessed], state: ProfileState, ctx: RuleContext
) -> list[dict[str, Any]]:
    """The assessments as :class:`Assessment` data (validated once with the whole answer)."""
    targets = {a.plan.id: a for a in assessed}
    out = []
    for a in assessed:
        o = a.outcome
        out.append(
            {
                "structure_id": a.plan.id,
                "name": a.plan.name,
                "rank": a.rank,
                "verdict": o.verdict,
                "score": o.score,
                "reasons": [
                    {**rule.reason_data[holds], "facts": state.shown(rule)}
                    for rule, holds in o.reasons
                ],
                "missing": [
                    _question(ctx, qid, decisive, weight, rules)
                    for qid, (decisive, weight, rules) in a.missing
                ],
                "vehicles": tuple(o.vehicles),
                "paths": [_offer(ctx, path, t) for path, t in _offers(a, targets)],
            }
        )
    return out


def path_offers(
    form: Form,
    targets: Mapping[str, tuple[str, Verdict, int, int]],
    catalog: Catalog,
    documents: Documents | None = None,
) -> list[PathOffer]:
    """The catalog's paths from *form* whose target is not excluded, best target first.

    *targets* gives, per form id, (name, verdict, score, rank) in the current answer.
    """
    offers = []
    for path in form.paths:
        target = targets.get(path.to)
        if target is None or target[1] is Verdict.excluded:
            continue
        name, verdict, score, rank = target
        offers.append(
            PathOffer(
                from_id=form.id,
                to=path.to,
                to_name=name,
                label=path.label,
                conditions=path.conditions,
                sources=tuple(path_source(r, catalog, documents) for r in path.sources),
                target_verdict=verdict,
                target_score=score,
                target_rank=rank,
            )
        )
    offers.sort(key=lambda o: o.target_rank)
    return offers
