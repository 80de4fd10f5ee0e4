"""Real cooperations close to a profile, and what they chose (``data/precedents.yaml``).

The real cases of ``tests/evidence`` (public pages, profiles written only from their quotes)
are packaged as *precedents*: for each, its name, its source, the form the group chose, and
the facts of its profile as tokens. :func:`gesform.precedents` finds the cases closest to a
profile. They stand beside the ranking, never inside it: the ranking weighs the law and the
guide; the precedents show what groups like this one did. The file also holds a measure, on
the validation cases: how often the first form was the group's choice when the closest cases
named it too, and when they named another form.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, HttpUrl, model_validator

from .base import Frozen
from .sources import Identifier, Text
from .track_record import LeadRange

__all__ = [
    "Precedent",
    "PrecedentCase",
    "PrecedentVote",
    "Precedents",
    "PrecedentsBand",
    "PrecedentsFile",
    "PrecedentsMeasure",
]

Count = Annotated[int, Field(ge=0)]
Share = Annotated[float, Field(ge=0, le=1)]


class PrecedentCase(Frozen):
    """One real case of the packaged base: who, where it is told, what it chose, its facts."""

    id: Identifier
    name: Text
    chosen: Identifier = Field(description="La forme que le groupe a choisie.")
    url: HttpUrl = Field(description="La page publique qui raconte le cas.")
    publisher: Text = Field(description="Qui publie la page.")
    set: Literal["dev", "validation"] = Field(
        description="Jeu du cas : développement (règles écrites et pesées avec) ou validation."
    )
    tokens: tuple[Annotated[int, Field(ge=0)], ...] = Field(
        description="Les faits connus du profil, en indices du vocabulaire du fichier."
    )


class PrecedentsBand(LeadRange):
    """The validation cases whose first form led the next one by *min_lead* to *max_lead*
    points (the bands of the track record), split by whether the close cases named the first
    form, and how often each form was the group's choice."""

    agree: Count = Field(description="Cas où les cas proches désignaient la forme en tête.")
    agree_first: Count = Field(description="Parmi eux, cas où elle était celle choisie.")
    disagree: Count = Field(description="Cas où les cas proches désignaient une autre forme.")
    disagree_first: Count = Field(
        description="Parmi eux, cas où la forme en tête était celle choisie."
    )
    disagree_precedents_first: Count = Field(
        description="Parmi eux, cas où la forme des cas proches était celle choisie."
    )

    @model_validator(mode="after")
    def _consistent(self) -> PrecedentsBand:
        if self.agree_first > self.agree or (
            self.disagree_first + self.disagree_precedents_first > self.disagree
        ):
            raise ValueError(
                "comptes incohérents / inconsistent counts: il faut agree_first ≤ agree et "
                "disagree_first + disagree_precedents_first ≤ disagree"
            )
        return self


class PrecedentsMeasure(Frozen):
    """How the closest cases and the first form agreed on the validation cases, and how often
    each was the group's choice (each case's neighbours taken among the others)."""

    rules_version: Text = Field(description="Version des règles mesurées (empreinte).")
    catalog_version: Text
    cases: Count = Field(description="Cas de validation mesurés.")
    precedents_first: Count = Field(
        description="Cas où la forme désignée par les cas proches était celle choisie."
    )
    agree: Count = Field(description="Cas où les cas proches désignaient la forme en tête.")
    agree_first: Count = Field(
        description="Parmi eux, cas où la forme en tête était celle choisie."
    )
    disagree_first: Count = Field(
        description="Cas où les cas proches désignaient une autre forme, et où la forme en tête "
        "était celle choisie."
    )
    disagree_precedents_first: Count = Field(
        description="Cas où les cas proches désignaient une autre forme, et où cette forme-là "
        "était celle choisie."
    )
    bands: tuple[PrecedentsBand, ...] = Field(
        description="Les mêmes comptes par tranche d'avance de la forme en tête (les tranches "
        "de la fiabilité mesurée)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> PrecedentsMeasure:
        disagree = self.cases - self.agree
        if not (
            self.agree <= self.cases
            and self.agree_first <= self.agree
            and self.disagree_first + self.disagree_precedents_first <= disagree
            and self.precedents_first == self.agree_first + self.disagree_precedents_first
        ):
            raise ValueError(
                "comptes incohérents / inconsistent counts: il faut agree ≤ cases, "
                "agree_first ≤ agree, disagree_first + disagree_precedents_first ≤ cases − "
                "agree, precedents_first = agree_first + disagree_precedents_first"
            )
        for name in ("agree", "agree_first", "disagree_first", "disagree_precedents_first"):
            if sum(getattr(b, name) for b in self.bands) > getattr(self, name):
                raise ValueError(
                    f"les tranches comptent plus de cas que le total ({name}) / the bands count "
                    f"more cases than the total ({name})"
                )
        return self

    @property
    def disagree(self) -> int:
        """Cases where the closest cases named another form than the first one."""
        return self.cases - self.agree


class PrecedentsFile(Frozen):
    """The content of ``data/precedents.yaml``: the base of real cases and its measure."""

    command: Text = Field(description="La commande qui écrit ce fichier.")
    k: Annotated[int, Field(ge=1)] = Field(description="Nombre de cas proches retenus.")
    vocabulary: tuple[Text, ...] = Field(description="Les faits, un jeton par valeur.")
    cases: Annotated[tuple[PrecedentCase, ...], Field(min_length=1)]
    measure: PrecedentsMeasure

    @model_validator(mode="after")
    def _tokens_in_vocabulary(self) -> PrecedentsFile:
        size = len(self.vocabulary)
        for case in self.cases:
            bad = [t for t in case.tokens if t >= size]
            if bad:
                raise ValueError(
                    f"cas {case.id} : jetons hors du vocabulaire ({size} jetons) / tokens out "
                    f"of the vocabulary: {bad}"
                )
        ids = [c.id for c in self.cases]
        if len(set(ids)) != len(ids):
            raise ValueError("un cas apparaît deux fois / a case appears twice")
        return self


class Precedent(Frozen):
    """A real case close to the profile: what it chose, how close it is, what they share."""

    case_id: Identifier
    name: Text
    chosen: Identifier = Field(description="La forme que le groupe a choisie.")
    chosen_name: Text = Field(description="Son nom, pour le lecteur.")
    similarity: Share = Field(
        description="Proximité de 0 à 1 : part, pondérée par leur rareté, des faits connus des "
        "deux profils qui sont communs."
    )
    shared: tuple[Text, ...] = Field(
        description="Les faits communs les plus rares (trois valeurs au plus), en français, "
        "les valeurs d'un même fait réunies."
    )
    url: HttpUrl
    publisher: Text


class PrecedentVote(Frozen):
    """One form named by the closest cases, with its share of their similarity."""

    form: Identifier
    name: Text
    cases: Count = Field(description="Cas proches qui l'ont choisie.")
    share: Share = Field(description="Part de la proximité totale des cas proches.")


class Precedents(Frozen):
    """The real cases closest to a profile, the forms they chose, and whether they agree with
    the answer's first form, with what that agreement was worth on the validation cases."""

    k: Annotated[int, Field(ge=1)]
    base_cases: Count = Field(description="Cas réels de la base.")
    neighbours: tuple[Precedent, ...] = Field(description="Les cas proches, du plus proche.")
    votes: tuple[PrecedentVote, ...] = Field(
        description="Les formes choisies, la plus forte d'abord."
    )
    first_form: Identifier | None = Field(
        default=None, description="La forme en tête de la réponse comparée, s'il y en a une."
    )
    measure: PrecedentsMeasure | None = Field(
        default=None,
        description="La mesure de l'accord sur la validation, quand elle vaut pour les règles "
        "et le catalogue de la réponse comparée.",
    )
    lead: Annotated[int, Field(ge=0)] | None = Field(
        default=None,
        description="Avance de la forme en tête sur la suivante encore en lice (points).",
    )
    band: PrecedentsBand | None = Field(
        default=None,
        description="La tranche mesurée de cette avance, quand la mesure vaut pour la réponse.",
    )

    @property
    def leading(self) -> str | None:
        """The form the closest cases name most (by share of similarity), if any."""
        return self.votes[0].form if self.votes else None

    @property
    def agrees(self) -> bool | None:
        """Whether the closest cases name the answer's first form; None without an answer."""
        if self.first_form is None or self.leading is None:
            return None
        return self.leading == self.first_form
