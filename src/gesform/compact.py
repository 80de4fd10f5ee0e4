"""The compact answer for batches: ranking, verdicts, scores and one or two reasons per form.

A full answer is about 90 KB of JSON (every reason with its source and facts, every open
question, every path); a batch that only needs the ranking pays for it in serialisation, in
transfers between processes and on disk. :class:`CompactAnswer` keeps, for every form in rank
order, its id, rank, verdict, score and its top reasons (see :func:`top_reasons`), about 6 KB.
It is built from the public :class:`~gesform.Recommendation`, never by a second scoring path.
Published as the JSON Schema ``compact`` (``gesform schema compact``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .models.base import Frozen
from .models.results import Assessment, Reason, Recommendation, Verdict
from .models.track_record import TrackRecord

__all__ = ["CompactAnswer", "CompactForm", "CompactReason", "compact_answer", "top_reasons"]


class CompactReason(Frozen):
    """One reason of a form, without its source and facts (see the full answer for them)."""

    rule_id: str = Field(
        description="Identifiant de la règle (la source est dans la réponse "
        "complète et dans rules/<forme>.yaml)."
    )
    direction: Literal["for", "against"]
    weight: int = Field(description="Contribution au score : +poids, −poids, ou 0.")
    because: str = Field(description="La raison, en français.")


class CompactForm(Frozen):
    """One form in the compact ranking."""

    structure_id: str
    rank: int = Field(ge=1)
    verdict: Verdict
    score: int = Field(ge=0, le=100)
    reasons: tuple[CompactReason, ...] = Field(
        description="Une ou deux raisons principales : pour une forme exclue, ses exclusions "
        "légales ; sinon la plus forte raison pour et la plus forte raison contre (ou les deux "
        "plus fortes d'un même côté quand l'autre est vide).",
        max_length=2,
    )


class CompactAnswer(Frozen):
    """The compact answer: every form once, best first (``recommend-many --compact``)."""

    gesform_version: str
    catalog_version: str
    rules_version: str
    engine: Literal["durable", "python"]
    ranking: tuple[CompactForm, ...]
    track_record: TrackRecord | None = Field(
        default=None,
        description="La fiabilité mesurée de la réponse complète (voir la réponse complète).",
    )

    @property
    def top(self) -> CompactForm:
        """The best-ranked form."""
        return self.ranking[0]


def top_reasons(assessment: Assessment) -> tuple[Reason, ...]:
    """The one or two reasons kept for *assessment* in the compact answer.

    An excluded form keeps its first two legal exclusions; any other form its strongest reason
    for and its strongest reason against, or its two strongest on one side when the other side
    has none.
    """
    if assessment.verdict is Verdict.excluded and assessment.blocking:
        return assessment.blocking[:2]
    pros, cons = assessment.reasons_for, assessment.reasons_against
    picked = list(pros[:1]) + list(cons[:1])
    if len(picked) < 2:
        picked = list((pros or cons)[:2])
    return tuple(picked)


def compact_answer(rec: Recommendation) -> CompactAnswer:
    """The compact answer of *rec* (same order, same verdicts and scores)."""
    return CompactAnswer(
        gesform_version=rec.gesform_version,
        catalog_version=rec.catalog_version,
        rules_version=rec.rules_version,
        engine=rec.engine,
        ranking=tuple(
            CompactForm(
                structure_id=a.structure_id,
                rank=a.rank,
                verdict=a.verdict,
                score=a.score,
                reasons=tuple(
                    CompactReason(
                        rule_id=r.rule_id, direction=r.direction, weight=r.weight, because=r.because
                    )
                    for r in top_reasons(a)
                ),
            )
            for a in rec.results
        ),
        track_record=rec.track_record,
    )
