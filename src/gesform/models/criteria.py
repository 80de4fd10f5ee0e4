"""The criteria table as data: one criterion, its effect on every form, in one place.

A criterion (an objective, a wish, a constraint, a trait of the members, a stage) is a condition
over facts. Each criterion states its weight for **every** form of the catalog: a signed weight
with its reason and source, or an explicit ``0`` where the criterion does not matter for that
form. The rule base expands every non-zero cell into an ordinary bonus or malus rule with the id
``<form>.<criterion>``, so the engine, the explanations and the documentation see plain rules.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from .base import Frozen
from .rules import Condition, RuleExample, RuleSource
from .sources import Identifier, Text

__all__ = ["CriteriaFile", "Criterion", "CriterionCell", "CriterionKind"]

#: The largest weight of one cell (the scale of ``rules/README.md``).
MAX_WEIGHT = 50


class CriterionKind(StrEnum):
    """What a criterion describes, for the table's grouping."""

    objective = "objective"  # what the group wants to do together
    wish = "wish"  # how the members want to work together
    constraint = "constraint"  # means, liability, money, time
    members = "members"  # who the members are
    stage = "stage"  # where the group stands, how long it plans for

    @property
    def label(self) -> str:
        """French label."""
        return {
            "objective": "Objectifs",
            "wish": "Souhaits",
            "constraint": "Contraintes et moyens",
            "members": "Membres",
            "stage": "Maturité et horizon",
        }[self.value]


class CriterionCell(Frozen):
    """The effect of one criterion on one form: a signed weight, why, and where it comes from."""

    weight: int = Field(
        ge=-MAX_WEIGHT,
        le=MAX_WEIGHT,
        description="Poids signé : positif = atout, négatif = frein, 0 = sans effet.",
    )
    because: Text | None = Field(default=None, description="Pourquoi, en une phrase (français).")
    source: RuleSource | None = Field(default=None, description="Article de loi ou section.")
    also: Condition | None = Field(
        default=None,
        description="Condition propre à cette forme, ajoutée à celle du critère (rare).",
    )
    examples: tuple[RuleExample, ...] = Field(
        default=(), description="Exemples propres à la cellule (obligatoires avec 'also')."
    )

    @model_validator(mode="after")
    def _complete(self) -> CriterionCell:
        if self.weight == 0:
            if self.source is not None or self.also is not None or self.examples:
                raise ValueError(
                    "une cellule à 0 n'a ni 'source', ni 'also', ni 'examples' "
                    "/ a zero cell has no source, also or examples"
                )
            return self
        if self.because is None or self.source is None:
            raise ValueError(
                "une cellule non nulle donne 'because' et 'source' "
                "/ a non-zero cell needs because and source"
            )
        if self.also is not None and not any(e.fires for e in self.examples):
            raise ValueError(
                "une cellule avec 'also' donne au moins un exemple où elle se déclenche "
                "/ a cell with 'also' needs an example where it fires"
            )
        return self


#: A cell as written: ``0`` alone, or the full mapping.
CellInput = Annotated[CriterionCell | int, Field(union_mode="left_to_right")]


class Criterion(Frozen):
    """One criterion and its effect on every form of the catalog."""

    id: Identifier
    kind: CriterionKind
    label: Text = Field(description="Le critère, en quelques mots (français).")
    when: Condition
    examples: Annotated[tuple[RuleExample, ...], Field(min_length=1)]
    effects: dict[Identifier, CellInput] = Field(
        description="Une entrée par forme du catalogue : 0, ou {weight, because, source}."
    )

    @model_validator(mode="after")
    def _zero_shorthand(self) -> Criterion:
        for form_id, cell in self.effects.items():
            if isinstance(cell, int) and cell != 0:
                raise ValueError(
                    f"forme '{form_id}' : un poids non nul s'écrit {{weight, because, source}} "
                    "/ a non-zero weight needs because and source"
                )
        if not any(e.fires for e in self.examples):
            raise ValueError(
                "au moins un exemple où le critère se vérifie / an example where it holds"
            )
        return self

    def cell(self, form_id: str) -> CriterionCell | None:
        """The cell of *form_id* (None when the criterion lists no such form)."""
        cell = self.effects.get(form_id)
        if cell is None:
            return None
        return CriterionCell(weight=0) if isinstance(cell, int) else cell


class CriteriaFile(Frozen):
    """The content of one ``rules/criteria/<theme>.yaml`` file."""

    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1)]
