"""Rules as data: a condition over facts, an effect, a French sentence and a source.

Rule writers: read ``rules/README.md`` first (format, semantics, facts, legal basis ids).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from .base import Frozen
from .sources import DocumentId, Identifier, SeedFile, Text

__all__ = [
    "COMPARISON_OPS",
    "All",
    "Any_",
    "Condition",
    "Effect",
    "FactTest",
    "Not",
    "Rule",
    "RuleExample",
    "RuleFile",
    "RuleId",
    "RuleSource",
]

#: A rule's id: ``form.rule`` (``gie.members_without_economic_activity``).
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$")]

Scalar = bool | int | float | str

#: The operators of a fact test, as written in rule files.
COMPARISON_OPS: tuple[str, ...] = (
    "is",
    "is_not",
    "in",
    "not_in",
    "gt",
    "gte",
    "lt",
    "lte",
    "contains",
    "contains_any",
    "contains_all",
    "known",
)


class Effect(StrEnum):
    """What a rule does to a form when its condition holds."""

    exclude = "exclude"  # condition true → the form is excluded
    require = "require"  # condition false → the form is excluded
    bonus = "bonus"  # condition true → + weight
    malus = "malus"  # condition true → − weight
    vehicle = "vehicle"  # condition true → this vehicle suits the group

    @property
    def hard(self) -> bool:
        """Exclude and require are hard (legal) constraints."""
        return self is Effect.exclude or self is Effect.require

    @property
    def label(self) -> str:
        """French label."""
        return {
            "exclude": "exclusion",
            "require": "condition requise",
            "bonus": "atout",
            "malus": "frein",
            "vehicle": "support",
        }[self.value]


class FactTest(Frozen):
    """A test on one fact: ``{fact: objectives, contains: share_staff}``."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    fact: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    is_: Scalar | None = Field(default=None, alias="is")
    is_not: Scalar | None = None
    in_: tuple[Scalar, ...] | None = Field(default=None, alias="in", min_length=1)
    not_in: tuple[Scalar, ...] | None = Field(default=None, min_length=1)
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    contains: str | None = None
    contains_any: tuple[str, ...] | None = Field(default=None, min_length=1)
    contains_all: tuple[str, ...] | None = Field(default=None, min_length=1)
    known: bool | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> FactTest:
        ops = self.operators()
        if len(ops) != 1:
            raise ValueError(
                f"un test porte exactement un opérateur parmi {', '.join(COMPARISON_OPS)} "
                f"/ exactly one operator (found: {', '.join(ops) or 'none'})"
            )
        return self

    def operators(self) -> list[str]:
        """The operators set on this test (exactly one once validated)."""
        out = []
        for op in COMPARISON_OPS:
            attr = {"is": "is_", "in": "in_"}.get(op, op)
            if getattr(self, attr) is not None:
                out.append(op)
        return out

    @cached_property
    def op(self) -> str:
        """The operator."""
        return self.operators()[0]

    @cached_property
    def value(self) -> Any:
        """The operand."""
        return getattr(self, {"is": "is_", "in": "in_"}.get(self.op, self.op))


class All(Frozen):
    """True when every sub-condition is true."""

    all: Annotated[tuple[Condition, ...], Field(min_length=1)]


class Any_(Frozen):
    """True when at least one sub-condition is true."""

    any: Annotated[tuple[Condition, ...], Field(min_length=1)]


class Not(Frozen):
    """True when the sub-condition is false (unknown stays unknown)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    not_: Condition = Field(alias="not")


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("all", "any", "not", "fact"):
            if key in value:
                return {"fact": "test"}.get(key, key)
        return None
    kinds: dict[type[Frozen], str] = {FactTest: "test", All: "all", Any_: "any", Not: "not"}
    return kinds.get(type(value))


Condition = Annotated[
    Annotated[FactTest, Tag("test")]
    | Annotated[All, Tag("all")]
    | Annotated[Any_, Tag("any")]
    | Annotated[Not, Tag("not")],
    Discriminator(
        _condition_kind,
        custom_error_type="invalid_condition",
        custom_error_message=(
            "condition attendue : {fact: …, <opérateur>: …}, {all: […]}, {any: […]} ou "
            "{not: …} / expected a fact test, all, any or not"
        ),
    ),
]

All.model_rebuild()
Any_.model_rebuild()
Not.model_rebuild()


class RuleSource(Frozen):
    """Where a rule comes from: a legal basis of the catalog, or a section of a source document
    (``document: <id>`` of ``data/documents.yaml``, or the legacy ``seed: <file>``)."""

    legal_basis: Identifier | None = None
    document: DocumentId | None = None
    seed: SeedFile | None = None
    section: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> RuleSource:
        kinds = [k for k in ("legal_basis", "document", "seed") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(
                "source : soit legal_basis, soit document + section "
                f"/ either legal_basis or document (found: {kinds or 'none'})"
            )
        if self.legal_basis is None and self.section is None:
            raise ValueError(
                "une source 'document' précise sa 'section' / a document needs a section"
            )
        if self.legal_basis is not None and self.section is not None:
            raise ValueError("'section' va avec 'document' / section goes with document")
        return self


class RuleExample(Frozen):
    """A worked example: given these facts (others unknown), the condition is true/false/unknown."""

    given: dict[str, Any]
    fires: bool | None = Field(description="true, false, or null for unknown")


class Rule(Frozen):
    """One rule of one form."""

    id: RuleId
    effect: Effect
    weight: int | None = Field(default=None, ge=1, le=50)
    vehicle: Identifier | None = None
    when: Condition
    because: Text
    source: RuleSource
    examples: tuple[RuleExample, ...] = ()

    @model_validator(mode="after")
    def _effect_fields(self) -> Rule:
        weighted = self.effect in (Effect.bonus, Effect.malus)
        if weighted and self.weight is None:
            raise ValueError(f"un effet '{self.effect}' demande un 'weight' / needs a weight")
        if not weighted and self.weight is not None:
            raise ValueError(
                f"'weight' seulement pour bonus/malus, pas '{self.effect}' / weight not allowed"
            )
        if (self.effect is Effect.vehicle) != (self.vehicle is not None):
            raise ValueError("'vehicle' va avec l'effet 'vehicle' / vehicle goes with that effect")
        return self

    @property
    def form_id(self) -> str:
        """The form this rule belongs to (the id's prefix)."""
        return self.id.split(".", 1)[0]

    @property
    def signed_weight(self) -> int:
        """+weight for a bonus, −weight for a malus, 0 otherwise."""
        if self.effect is Effect.bonus:
            return self.weight or 0
        if self.effect is Effect.malus:
            return -(self.weight or 0)
        return 0


class RuleFile(Frozen):
    """The content of one ``rules/<form>.yaml`` file."""

    form: Identifier
    rules: Annotated[tuple[Rule, ...], Field(min_length=1)]


_ = Literal  # re-exported typing helper kept for schema generation
