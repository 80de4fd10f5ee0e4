"""How often the first form was the group's choice, measured on real cases, by lead.

The lead of an answer is how many points its first form scores above the next form still in
play (not excluded). On real cases the rules were not written from, a large lead has named the
group's actual choice far more often than a tie: the answer says how sure it is with that
measure, not with a feeling. ``data/track_record.yaml`` holds the measure, written by
``scripts/track_record.py`` for one version of the rules.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator

from .base import Frozen
from .sources import Identifier, Text

__all__ = ["FirstFormRecord", "LeadBand", "LeadRange", "TrackRecord", "TrackRecordFile"]

Count = Annotated[int, Field(ge=0)]


class LeadRange(Frozen):
    """A band of lead: from *min_lead* to *max_lead* points (open when *max_lead* is None)."""

    min_lead: Count = Field(description="Avance la plus petite de la tranche (points).")
    max_lead: Count | None = Field(
        description="Avance la plus grande de la tranche (points) ; vide pour la dernière."
    )

    @model_validator(mode="after")
    def _ordered(self) -> LeadRange:
        if self.max_lead is not None and self.max_lead < self.min_lead:
            raise ValueError("max_lead est plus petit que min_lead / max_lead below min_lead")
        return self

    def holds(self, lead: int) -> bool:
        """True when *lead* falls in this band."""
        return lead >= self.min_lead and (self.max_lead is None or lead <= self.max_lead)


class LeadBand(LeadRange):
    """The real cases whose first form led the next one by *min_lead* to *max_lead* points."""

    cases: Count = Field(description="Cas réels de la tranche.")
    first: Count = Field(description="Cas où la première forme était celle choisie.")
    top3: Count = Field(description="Cas où la forme choisie était parmi les trois premières.")
    missed_reachable: Count = Field(
        description="Parmi les cas où la première forme n'était pas celle choisie, ceux où une "
        "réponse à l'une des questions pivots de la réponse (au plus trois : celles dont une "
        "réponse change la forme en tête) aurait mis la forme choisie en tête."
    )

    @model_validator(mode="after")
    def _consistent(self) -> LeadBand:
        if not self.first <= self.top3 <= self.cases:
            raise ValueError(
                "il faut first ≤ top3 ≤ cases / expected first <= top3 <= cases "
                f"(ici {self.first}, {self.top3}, {self.cases})"
            )
        if self.missed_reachable > self.cases - self.first:
            raise ValueError(
                "il faut missed_reachable ≤ cases − first / expected missed_reachable <= "
                f"cases - first (ici {self.missed_reachable}, {self.cases - self.first})"
            )
        return self

    @property
    def missed(self) -> int:
        """Cases of the band where the first form was not the group's choice."""
        return self.cases - self.first


class FirstFormRecord(Frozen):
    """The real cases where gesform put one form first, and how often the group chose it."""

    cases: Count = Field(description="Cas réels où cette forme était première.")
    chosen: Count = Field(description="Parmi eux, cas où le groupe l'avait choisie.")

    @model_validator(mode="after")
    def _consistent(self) -> FirstFormRecord:
        if self.chosen > self.cases:
            raise ValueError(
                f"il faut chosen ≤ cases / expected chosen <= cases (ici {self.chosen}, "
                f"{self.cases})"
            )
        return self


class TrackRecordFile(Frozen):
    """The content of ``data/track_record.yaml``: the measure for one version of the rules."""

    rules_version: Text = Field(description="Version des règles mesurées (empreinte).")
    catalog_version: Text
    measured_on: Text = Field(description="Le jeu de cas réels mesuré (dossier).")
    command: Text = Field(description="La commande qui écrit ce fichier.")
    bands: Annotated[tuple[LeadBand, ...], Field(min_length=1)]
    by_first_form: dict[Identifier, FirstFormRecord] = Field(
        description="Par forme mise en tête : les cas et combien avaient cette forme choisie."
    )

    @field_validator("bands")
    @classmethod
    def _contiguous(cls, bands: tuple[LeadBand, ...]) -> tuple[LeadBand, ...]:
        expected = 0
        for i, band in enumerate(bands):
            if band.min_lead != expected:
                raise ValueError(
                    f"la tranche {i} doit commencer à {expected} points / "
                    f"band {i}: expected min_lead {expected}"
                )
            if band.max_lead is None:
                if i != len(bands) - 1:
                    raise ValueError(
                        f"seule la dernière tranche est ouverte (tranche {i}) / "
                        "only the last band is open-ended"
                    )
                return bands
            expected = band.max_lead + 1
        raise ValueError("la dernière tranche doit être ouverte (max_lead vide) / last band open")

    def band(self, lead: int) -> LeadBand:
        """The band *lead* (≥ 0) falls in."""
        if lead < 0:
            raise ValueError(f"avance négative : {lead}")
        return next(b for b in self.bands if b.holds(lead))


class TrackRecord(Frozen):
    """In an answer: the first form's lead and how often such a lead named the group's choice."""

    lead: Count = Field(
        description="Points d'avance de la première forme sur la suivante encore en lice."
    )
    min_lead: Count = Field(description="Tranche d'avance mesurée : de …")
    max_lead: Count | None = Field(description="… à (vide : sans limite haute).")
    cases: Count = Field(description="Cas réels de validation de cette tranche.")
    first: Count = Field(description="Parmi eux, cas où la première forme était celle choisie.")
    top3: Count = Field(description="Parmi eux, cas où la forme choisie était dans les trois.")
    missed_reachable: Count = Field(
        description="Parmi les cas de la tranche où la première forme n'était pas celle "
        "choisie, ceux où une réponse à l'une des questions pivots (au plus trois) l'aurait "
        "mise en tête."
    )
    first_low: Annotated[float, Field(ge=0, le=1)] = Field(
        description="Borne basse de l'intervalle de confiance à 95 % (Wilson) de first/cases."
    )
    first_high: Annotated[float, Field(ge=0, le=1)] = Field(
        description="Borne haute de l'intervalle de confiance à 95 % (Wilson) de first/cases."
    )
    measured_on: Text = Field(description="Le jeu de cas réels mesuré.")
    first_form: Identifier = Field(description="La forme en tête de la réponse.")
    first_form_cases: Count = Field(
        description="Cas réels de validation où cette forme était en tête (0 : jamais)."
    )
    first_form_chosen: Count = Field(
        description="Parmi eux, cas où le groupe avait choisi cette forme."
    )
