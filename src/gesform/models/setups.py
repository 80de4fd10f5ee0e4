"""Combined set-ups as data: two forms or more that practitioners put together.

Real groups often combine forms: a PTCE carried by a SCIC, an association beside a GIE, a GES
whose mother is a cooperative. A set-up names its parts (each a form of the catalog with its
role), the condition on the facts under which the sources propose it, why, and where it comes
from. The answer proposes the set-ups whose condition holds and none of whose parts is excluded.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Frozen
from .rules import Condition, RuleExample, RuleId, RuleSource
from .sources import Identifier, Text

__all__ = ["ProposedSetup", "Setup", "SetupPart", "SetupPartFit", "SetupsFile"]


class SetupPart(Frozen):
    """One form of a set-up and the role it plays there."""

    form: Identifier = Field(description="Identifiant d'une forme du catalogue.")
    role: Text = Field(description="Ce que cette forme apporte au montage (français).")
    not_bound_by: tuple[RuleId, ...] = Field(
        default=(),
        description="Règles légales de la forme (identifiants `forme.règle`) qui visent la "
        "structure qui porte l'activité commune, portée ici par une autre partie du montage : "
        "elles n'écartent pas cette partie, qui reste alors « à confirmer ».",
    )


class Setup(Frozen):
    """A combination of forms the sources describe, and when it suits a group."""

    id: Identifier
    name: Text = Field(description="Le montage, en quelques mots (français).")
    summary: Text = Field(description="Comment les formes s'articulent (français).")
    parts: Annotated[tuple[SetupPart, ...], Field(min_length=2)]
    when: Condition
    because: Text = Field(description="Pourquoi ce montage répond au groupe (français).")
    sources: Annotated[tuple[RuleSource, ...], Field(min_length=1)]
    examples: Annotated[tuple[RuleExample, ...], Field(min_length=1)]


class SetupsFile(Frozen):
    """The content of ``data/setups.yaml``."""

    setups: Annotated[tuple[Setup, ...], Field(min_length=1)]


class SetupPartFit(Frozen):
    """How one part of a proposed set-up fits the group, from its own assessment."""

    structure_id: Identifier
    name: Text
    role: Text
    verdict: str = Field(description="Verdict de la forme dans la recommandation.")
    score: int = Field(ge=0, le=100)


class ProposedSetup(Frozen):
    """A set-up proposed beside the ranking, with its reasons and sources."""

    setup_id: Identifier
    name: Text
    summary: Text
    because: Text
    score: int = Field(ge=0, le=100, description="Moyenne des scores des formes qui le composent.")
    parts: tuple[SetupPartFit, ...]
    sources: tuple[Text, ...] = Field(description="Les sources, lisibles (article, section).")
