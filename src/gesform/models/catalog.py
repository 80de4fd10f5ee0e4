"""The catalog of cooperation forms, as read from ``data/structures.yaml``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, PrivateAttr, model_validator

from .base import Frozen
from .sources import Identifier, LegalBasis, SourceRef, Text
from .views import render

__all__ = [
    "Capital",
    "CapitalKind",
    "Catalog",
    "Effort",
    "Example",
    "Family",
    "Form",
    "FormPath",
    "Liability",
    "LiabilityKind",
    "Membership",
    "Setup",
    "Sourced",
    "Vehicle",
]

Sources = Annotated[tuple[SourceRef, ...], Field(min_length=1)]


class Family(StrEnum):
    """The family a form belongs to."""

    association = "association"
    cooperative = "cooperative"
    group = "group"  # GES
    groupement = "groupement"  # GCSMS, GIE, groupement d'employeurs
    procurement = "procurement"  # groupements conjoint / solidaire
    territorial = "territorial"  # PTCE
    contract = "contract"  # convention

    @property
    def label(self) -> str:
        """French label."""
        return _FAMILY_LABELS[self]


_FAMILY_LABELS = {
    Family.association: "Association",
    Family.cooperative: "Coopérative",
    Family.group: "Groupe",
    Family.groupement: "Groupement doté de la personnalité morale",
    Family.procurement: "Groupement d'opérateurs économiques (commande publique)",
    Family.territorial: "Pôle territorial",
    Family.contract: "Contrat entre structures",
}


class LiabilityKind(StrEnum):
    """How the members answer for the debts of the joint structure."""

    none = "none"
    limited_to_contribution = "limited_to_contribution"
    proportional = "proportional"
    joint_unlimited = "joint_unlimited"
    joint_for_staff_debts = "joint_for_staff_debts"
    own_share_of_contract = "own_share_of_contract"
    joint_whole_contract = "joint_whole_contract"
    depends_on_vehicle = "depends_on_vehicle"
    contractual = "contractual"

    @property
    def label(self) -> str:
        """French label."""
        return _LIABILITY_LABELS[self]


_LIABILITY_LABELS = {
    LiabilityKind.none: "Aucune (pas de responsabilité des membres)",
    LiabilityKind.limited_to_contribution: "Limitée aux apports",
    LiabilityKind.proportional: "Proportionnelle aux droits, non plafonnée",
    LiabilityKind.joint_unlimited: "Solidaire et illimitée",
    LiabilityKind.joint_for_staff_debts: "Solidaire pour les dettes salariales et sociales",
    LiabilityKind.own_share_of_contract: "Chacun pour sa part du marché",
    LiabilityKind.joint_whole_contract: "Solidaire pour tout le marché",
    LiabilityKind.depends_on_vehicle: "Selon le support juridique",
    LiabilityKind.contractual: "Fixée par le contrat",
}


class Effort(StrEnum):
    """How heavy the setup is."""

    light = "light"
    moderate = "moderate"
    heavy = "heavy"

    @property
    def label(self) -> str:
        """French label, agreeing with « effort » (« effort léger », « effort moyen »)."""
        return {"light": "léger", "moderate": "moyen", "heavy": "lourd"}[self.value]

    @property
    def rank(self) -> int:
        """0 for the lightest setup, 2 for the heaviest."""
        return ("light", "moderate", "heavy").index(self.value)


class Sourced(Frozen):
    """A sentence for people with at least one source."""

    text: Text
    sources: Sources


class Membership(Frozen):
    """Who may be a member, and how many."""

    min_members: int = Field(ge=1, description="Nombre minimal de membres.")
    max_members: int | None = Field(default=None, ge=1, description="Nombre maximal, s'il existe.")
    who_may: Annotated[tuple[Text, ...], Field(min_length=1)]
    who_may_not: tuple[Text, ...] = ()
    notes: Text | None = None
    sources: Sources


class CapitalKind(StrEnum):
    """Whether the members must bring capital to the form."""

    none = "none"
    optional = "optional"
    required = "required"


class Capital(Frozen):
    """The capital the form asks of its members: none possible, optional, or required."""

    kind: CapitalKind = Field(
        description="none : pas de capital ; optional : avec ou sans capital ; required : "
        "chaque membre souscrit au capital."
    )
    text: Text
    sources: Sources


class Liability(Frozen):
    """The members' liability for the debts of the joint structure."""

    kind: LiabilityKind
    text: Text
    sources: Sources


class Setup(Frozen):
    """Formalities to create the form and how heavy they are."""

    effort: Effort
    formalities: Annotated[tuple[Text, ...], Field(min_length=1)]
    duration: Text | None = None
    sources: Sources


class Vehicle(Frozen):
    """A legal vehicle that can carry a form that is not a legal status (GES, PTCE, groupements)."""

    id: Identifier
    name: Text
    when: Text = Field(description="Dans quelles situations ce support convient.")
    default: bool = Field(default=False, description="Support proposé par défaut.")
    sources: Sources


class Example(Frozen):
    """A real cooperation that chose this form."""

    name: Text
    place: Text | None = None
    year: int | None = Field(default=None, ge=1800, le=2100)
    summary: Text
    sources: Sources


class FormPath(Frozen):
    """A progression the sources describe, from this form to another one."""

    to: Identifier = Field(description="Forme d'arrivée.")
    label: Text
    conditions: Text
    sources: Sources


class Form(Frozen):
    """One cooperation form with its law, constraints, advantages and drawbacks."""

    id: Identifier
    name: Text
    acronym: Text | None = None
    summary: Text
    family: Family
    legal_person: bool = Field(description="Crée une personne morale.")
    legal_status: bool = Field(description="Est un statut juridique à part entière.")
    legal_bases: Annotated[tuple[LegalBasis, ...], Field(min_length=1)]
    membership: Membership
    capital: Capital
    liability: Liability
    governance: Sourced
    profit_distribution: Sourced
    tax_notes: tuple[Sourced, ...] = ()
    setup: Setup
    advantages: Annotated[tuple[Sourced, ...], Field(min_length=1)]
    drawbacks: Annotated[tuple[Sourced, ...], Field(min_length=1)]
    advisor_opinion: Sourced
    vehicles: tuple[Vehicle, ...] = ()
    examples: tuple[Example, ...] = ()
    no_examples_reason: Text | None = None
    paths: tuple[FormPath, ...] = ()
    sources: Sources

    @model_validator(mode="after")
    def _consistent(self) -> Form:
        if not self.legal_status and not self.vehicles:
            raise ValueError(
                "une forme qui n'est pas un statut juridique nomme ses supports ('vehicles') "
                "/ a form that is not a legal status lists its vehicles"
            )
        if self.legal_status and self.vehicles:
            raise ValueError("un statut juridique n'a pas de 'vehicles' / a legal status has none")
        ids = [v.id for v in self.vehicles]
        if len(set(ids)) != len(ids):
            raise ValueError("identifiants de supports en double / duplicate vehicle ids")
        if self.vehicles and sum(v.default for v in self.vehicles) != 1:
            raise ValueError("exactement un support 'default: true' / exactly one default vehicle")
        if not self.examples and self.no_examples_reason is None:
            raise ValueError(
                "donner au moins un exemple ou 'no_examples_reason' "
                "/ give an example or no_examples_reason"
            )
        return self

    def vehicle(self, vehicle_id: str) -> Vehicle:
        """The vehicle with this id."""
        for v in self.vehicles:
            if v.id == vehicle_id:
                return v
        raise KeyError(vehicle_id)

    @property
    def default_vehicle(self) -> Vehicle | None:
        """The vehicle proposed when no rule picks another one."""
        return next((v for v in self.vehicles if v.default), None)

    @property
    def short_name(self) -> str:
        """The acronym when there is one, else the name."""
        return self.acronym or self.name

    def _repr_html_(self) -> str:
        return str(render("form_html", self))


class Catalog(Frozen):
    """Every cooperation form, in the order of ``data/structures.yaml``.

    Behaves like a read-only mapping of form ids to :class:`Form`: ``catalog["scic"]``,
    ``"gie" in catalog``, ``len(catalog)``; iteration yields the forms in file order.
    """

    catalog_version: Text = Field(description="Version du catalogue (date de mise à jour).")
    updated_on: date
    forms: Annotated[tuple[Form, ...], Field(min_length=1)]

    _by_id: dict[str, Form] = PrivateAttr(default_factory=dict)
    _bases: dict[str, LegalBasis] = PrivateAttr(default_factory=dict)
    _tie_order: tuple[str, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _index(self) -> Catalog:
        by_id: dict[str, Form] = {}
        bases: dict[str, LegalBasis] = {}
        for form in self.forms:
            if form.id in by_id:
                raise ValueError(f"identifiant de forme en double / duplicate form id '{form.id}'")
            by_id[form.id] = form
            for basis in form.legal_bases:
                if basis.id in bases and bases[basis.id] != basis:
                    raise ValueError(
                        f"base légale '{basis.id}' définie deux fois différemment "
                        "/ legal basis defined twice"
                    )
                bases[basis.id] = basis
        self._by_id = by_id
        self._bases = bases
        self._tie_order = tuple(
            f.id
            for _, f in sorted(enumerate(self.forms), key=lambda p: (p[1].setup.effort.rank, p[0]))
        )
        return self

    @property
    def ids(self) -> tuple[str, ...]:
        """Form ids in catalog order."""
        return tuple(self._by_id)

    @property
    def tie_order(self) -> tuple[str, ...]:
        """Form ids in the order that breaks ties between equally fitting forms: the lightest
        setup first (the guide's advice to formalise a cooperation step by step), then
        catalog order."""
        return self._tie_order

    def __iter__(self) -> Iterator[Form]:  # type: ignore[override]
        return iter(self.forms)

    def __len__(self) -> int:
        return len(self.forms)

    def __contains__(self, form_id: object) -> bool:
        return form_id in self._by_id

    def __getitem__(self, form_id: str) -> Form:
        try:
            return self._by_id[form_id]
        except KeyError:
            from ..errors import UnknownFormError

            raise UnknownFormError(form_id, self.ids) from None

    def get(self, form_id: str) -> Form | None:
        """The form with this id, or None."""
        return self._by_id.get(form_id)

    @property
    def legal_bases(self) -> dict[str, LegalBasis]:
        """Every legal basis of every form, by id."""
        return dict(self._bases)

    def legal_basis(self, basis_id: str) -> LegalBasis:
        """The legal basis with this id (KeyError when unknown)."""
        return self._bases[basis_id]

    def to_dataframe(self) -> Any:
        """One row per form, in French, as a pandas DataFrame (extra ``notebook``)."""
        return render("catalog_frame", self)

    def _repr_html_(self) -> str:
        return str(render("catalog_html", self))

    def __repr__(self) -> str:
        return f"Catalog(version={self.catalog_version!r}, forms={list(self.ids)!r})"
