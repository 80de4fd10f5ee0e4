"""The answer: every form assessed, with its verdict, score, reasons and open questions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, Literal

from pydantic import Field

from .base import Frozen
from .enums import LabelledEnum, _labels
from .profile import Profile
from .rules import Effect
from .setups import ProposedSetup
from .track_record import TrackRecord
from .views import render

__all__ = [
    "CLOSE_MARGIN",
    "Assessment",
    "OpenQuestion",
    "PathOffer",
    "PathSource",
    "Reason",
    "ReasonSource",
    "Recommendation",
    "VehicleChoice",
    "Verdict",
    "close_after_first",
]


#: Points within which a form counts as close to the first one (the smallest weight of the
#: criteria table): the advice names them, for one more answer may change the order.
CLOSE_MARGIN = 5


def close_after_first(
    ranked: Sequence[tuple[Verdict, int]], margin: int = CLOSE_MARGIN
) -> list[int]:
    """Positions, in *ranked* (``(verdict, score)`` in result order), of the forms after the
    first that are still in play and at most *margin* points below it; none when the first is
    excluded. :meth:`Recommendation.close_to_top` and the fast path of the questions share it."""
    if not ranked or ranked[0][0] is Verdict.excluded:
        return []
    top = ranked[0][1]
    return [
        i
        for i, (verdict, score) in enumerate(ranked[1:], start=1)
        if verdict is not Verdict.excluded and top - score <= margin
    ]


class Verdict(LabelledEnum):
    """How a form fits the group, best first."""

    recommended = "recommended"
    possible = "possible"
    conditional = "conditional"
    excluded = "excluded"

    @property
    def rank(self) -> int:
        """0 for recommended … 3 for excluded (the order of the results)."""
        return _VERDICT_RANK[self]


#: Position of each verdict (computed once: ``rank`` is read for every form of every answer).
_VERDICT_RANK: dict[Verdict, int] = {v: i for i, v in enumerate(Verdict)}

_labels(
    Verdict,
    {
        "recommended": "Recommandée",
        "possible": "Possible",
        "conditional": "À confirmer",
        "excluded": "Exclue",
    },
)


class ReasonSource(Frozen):
    """The source of a reason, resolved: a legal article with its link, or a document section."""

    kind: Literal["legal", "document"]
    label: str = Field(description="Référence lisible (« Code de commerce, art. L251-6 »).")
    legal_basis: str | None = None
    text: str | None = None
    article: str | None = None
    url: str | None = None
    document: str | None = Field(
        default=None, description="Identifiant du document source (data/documents.yaml)."
    )
    section: str | None = None


class Reason(Frozen):
    """One rule that counts for or against a form."""

    rule_id: str
    effect: Effect
    weight: int = Field(description="Contribution au score : +poids, −poids, ou 0.")
    direction: Literal["for", "against"]
    because: str
    source: ReasonSource
    facts: dict[str, Any] = Field(description="Les faits testés par la règle, avec leur valeur.")


class OpenQuestion(Frozen):
    """An unanswered question whose answer could change this form's verdict or score."""

    id: str
    question: str
    help: str = ""
    decisive: bool = Field(description="Vrai si une règle légale (exclusion) en dépend.")
    weight: int = Field(description="Somme des poids des règles en suspens.")
    rules: tuple[str, ...]


class VehicleChoice(Frozen):
    """The legal vehicle suggested for a form that is not a legal status, and why."""

    vehicle_id: str
    name: str
    why: str
    rule_id: str | None = None
    source: ReasonSource | None = None


class PathSource(Frozen):
    """A source of a path, resolved to a readable label (and a link when there is one)."""

    label: str
    url: str | None = None


class PathOffer(Frozen):
    """A progression from one form to another, with its conditions and the target's verdict."""

    from_id: str
    to: str = Field(description="Forme d'arrivée.")
    to_name: str
    label: str
    conditions: str
    sources: tuple[PathSource, ...]
    target_verdict: Verdict
    target_score: int
    target_rank: int

    def __str__(self) -> str:
        return (
            f"{self.label} → {self.to_name} ({self.target_verdict.label}, "
            f"{self.target_score}/100) — conditions : {self.conditions}"
        )


class Assessment(Frozen):
    """One form assessed against the profile."""

    structure_id: str
    name: str
    rank: int = Field(ge=1)
    verdict: Verdict
    score: int = Field(ge=0, le=100)
    reasons: tuple[Reason, ...]
    missing: tuple[OpenQuestion, ...]
    vehicles: tuple[VehicleChoice, ...] = ()
    paths: tuple[PathOffer, ...] = Field(
        default=(),
        description="Évolutions décrites par les sources vers des formes non exclues.",
    )

    @property
    def reasons_for(self) -> tuple[Reason, ...]:
        """Reasons in favour, strongest first."""
        return tuple(r for r in self.reasons if r.direction == "for")

    @property
    def reasons_against(self) -> tuple[Reason, ...]:
        """Reasons against, hard ones first, then strongest."""
        return tuple(r for r in self.reasons if r.direction == "against")

    @property
    def blocking(self) -> tuple[Reason, ...]:
        """The legal rules that exclude the form."""
        return tuple(r for r in self.reasons_against if r.effect.hard)

    def explain(self) -> str:
        """A plain-text French explanation (every reason with its source)."""
        return str(render("assessment_text", self))

    def _repr_html_(self) -> str:
        return str(render("assessment_html", self))

    def __repr__(self) -> str:
        return (
            f"Assessment({self.structure_id}, {self.verdict.value}, score={self.score}, "
            f"{len(self.reasons)} raisons, {len(self.missing)} questions)"
        )


class Recommendation(Frozen):
    """Every form assessed, best first; JSON-serialisable and byte-stable for one input."""

    gesform_version: str
    catalog_version: str
    rules_version: str
    engine: Literal["durable", "python"]
    profile: Profile
    results: tuple[Assessment, ...]
    setups: tuple[ProposedSetup, ...] = Field(
        default=(),
        description=(
            "Montages combinés (au plus trois) que les sources associent et qui conviennent au "
            "groupe : leur condition est vraie et aucune de leurs formes n'est exclue."
        ),
    )
    track_record: TrackRecord | None = Field(
        default=None,
        description=(
            "Ce que vaut un tel écart : l'avance de la première forme sur la suivante encore en "
            "lice, et, sur les cas réels de validation où l'avance était du même ordre, combien "
            "de fois la première forme était celle que le groupe a choisie. Vide quand les "
            "règles ne sont pas celles qui ont été mesurées ou que moins de deux formes restent "
            "en lice."
        ),
    )

    def __getitem__(self, structure_id: str) -> Assessment:
        for a in self.results:
            if a.structure_id == structure_id:
                return a
        from ..errors import UnknownFormError

        raise UnknownFormError(structure_id, tuple(a.structure_id for a in self.results))

    def __iter__(self) -> Iterator[Assessment]:  # type: ignore[override]
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    @property
    def top(self) -> Assessment:
        """The best-ranked form."""
        return self.results[0]

    def close_to_top(self, margin: int = CLOSE_MARGIN) -> tuple[Assessment, ...]:
        """The forms still in play, after the first, whose score is at most *margin* points
        below its own: the profile does not yet tell them apart from it (the open questions may).
        """
        ranked = [(a.verdict, a.score) for a in self.results]
        return tuple(self.results[i] for i in close_after_first(ranked, margin))

    def separating_questions(self, most: int = 2) -> tuple[OpenQuestion, ...]:
        """In a close call, the open questions that may tell the first form from those close to
        it (:meth:`close_to_top`): a question a legal condition of one of them hangs on, or one
        whose pending weight differs between them. The most separating first: the number of
        these forms whose legal condition it decides, then the spread of its weight between
        them; at most *most* questions. Empty when the ranking is clear."""
        close = self.close_to_top()
        if not close:
            return ()
        open_by_form = [{q.id: q for q in form.missing} for form in (self.top, *close)]
        questions: dict[str, OpenQuestion] = {}
        for open_questions in open_by_form:
            for qid, question in open_questions.items():
                questions.setdefault(qid, question)

        def separation(qid: str) -> tuple[int, int]:
            """(forms whose legal condition it decides, spread of its weight between them)."""
            found = [open_questions.get(qid) for open_questions in open_by_form]
            weights = [q.weight if q else 0 for q in found]
            return sum(1 for q in found if q and q.decisive), max(weights) - min(weights)

        scored = {qid: separation(qid) for qid in questions}
        ranked = sorted(
            (qid for qid, (decides, spread) in scored.items() if decides or spread),
            key=lambda qid: (-scored[qid][0], -scored[qid][1], qid),
        )
        return tuple(questions[qid] for qid in ranked[:most])

    def by_verdict(self, verdict: Verdict | str) -> tuple[Assessment, ...]:
        """The assessments with this verdict, in rank order."""
        v = Verdict(verdict)
        return tuple(a for a in self.results if a.verdict is v)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The answer as JSON text (stable: the same profile gives the same bytes)."""
        return self.model_dump_json(indent=indent)

    def to_dataframe(self) -> Any:
        """One row per form, best first, as a pandas DataFrame (extra ``notebook``)."""
        return render("recommendation_frame", self)

    def plot(self) -> Any:
        """Bar chart of the scores coloured by verdict: a matplotlib Figure (extra ``notebook``)."""
        return render("recommendation_plot", self)

    def to_html(self, *, today: date | None = None) -> str:
        """The written synthesis for the group: one self-contained HTML file (CSS, SVG chart)."""
        return str(render("report_html", self, today=today))

    def to_markdown(self, *, today: date | None = None) -> str:
        """The written synthesis for the group, in Markdown (same content as ``to_html``)."""
        return str(render("report_md", self, today=today))

    def _repr_html_(self) -> str:
        return str(render("recommendation_html", self))

    def __repr__(self) -> str:
        head = ", ".join(f"{a.structure_id}:{a.verdict.value}:{a.score}" for a in self.results[:3])
        return f"Recommendation({head}, … {len(self.results)} formes, moteur {self.engine})"
