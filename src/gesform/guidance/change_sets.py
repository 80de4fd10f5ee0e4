"""The answers of :func:`~gesform.guidance.counterfactual.counterfactual`: the answer changes,
the change sets with the rules they switch, the legal rules in the way, and the whole result."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..models.base import Frozen
from ..models.results import Verdict
from ..models.rules import Effect

__all__ = ["AnswerChange", "BlockingRule", "ChangeSet", "Counterfactual", "RuleSwitch", "Status"]

#: Where a form stands: already possible, reachable, held by a given answer, or impossible.
Status = Literal["already", "reachable", "held", "none"]


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
