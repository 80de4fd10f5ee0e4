"""``Profile``: the public description of a group of structures that want to cooperate.

Every field is optional: ``None`` (or absent) means "not answered yet". See
``docs/profile.md`` for the vocabulary and the facts derived from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal, cast

from pydantic import BeforeValidator, Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import Frozen
from .enums import (
    CapitalLevel,
    CommercialActivity,
    CooperationStage,
    Horizon,
    Independence,
    MemberKind,
    Objective,
    Sector,
    SetupSpeed,
    SharedFunction,
    Siae,
)
from .views import render

__all__ = [
    "INCOHERENT_PROFILE",
    "PROFILE_SCHEMA_VERSION",
    "PUBLIC_KINDS",
    "Member",
    "Profile",
    "members_listed_completely",
    "members_listed_without_person",
]

#: Version of the profile vocabulary written in saved profiles (``schema_version``).
PROFILE_SCHEMA_VERSION = 1

#: Member kinds that are public persons.
PUBLIC_KINDS = frozenset({MemberKind.local_authority, MemberKind.public_body})

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
FreeLabel = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


def _whole_float_to_int(value: Any) -> Any:
    """A count: ``5.0`` is the number 5 (JSON and spreadsheets write counts so); strings such as
    ``"5"`` and booleans stay as they are and are refused by the strict integer."""
    if type(value) is float and value.is_integer():
        return int(value)
    return value


#: A yes/no answer: only ``true``/``false`` — ``"oui"``, ``"yes"``, ``1`` or ``"true"`` are
#: refused rather than guessed (strict mode).
YesNo = Annotated[bool, Field(strict=True)]


def _q(title: str, question: str, help_text: str) -> Any:
    """A profile field: unknown by default, with a French title, question and help text."""
    return Field(
        default=None,
        title=title,
        description=help_text,
        json_schema_extra={"question": question},
    )


#: The error type of a profile whose answers contradict each other (each field may be valid
#: alone): the only reason a profile that matches the JSON Schema is refused.
INCOHERENT_PROFILE = "incoherent_profile"


def _incoherent(message: str) -> PydanticCustomError:
    return PydanticCustomError(INCOHERENT_PROFILE, "{detail}", {"detail": message})


def members_listed_completely(profile: Profile) -> bool:
    """The members list describes the whole group (not only typical members).

    A list is complete unless ``members_complete`` is false or ``member_count`` exceeds it.
    On a partial list, "a member is X" can still be true, but counts, "every member…" and
    "no member is X" stay unknown.
    """
    if not profile.members or profile.members_complete is False:
        return False
    return profile.member_count is None or profile.member_count == len(profile.members)


def members_listed_without_person(profile: Profile) -> bool:
    """The members list is complete and every member is a structure (no natural person)."""
    return members_listed_completely(profile) and all(
        m.kind not in (None, MemberKind.person) for m in profile.members or ()
    )


class Member(Frozen):
    """One structure (or person) of the group."""

    name: ShortText | None = Field(default=None, title="Nom", description="Texte libre.")
    kind: MemberKind | None = _q(
        "Nature juridique",
        "Quelle est la nature juridique de ce membre ?",
        "Association, SCOP, SAS, collectivité, établissement médico-social, personne physique…",
    )
    siae: Siae | None = _q(
        "Agrément IAE",
        "Ce membre est-il une structure d'insertion (SIAE) ? Laquelle ?",
        "AI, ACI, EI, ETTI ou EITI ; vide si le membre n'a pas d'agrément IAE.",
    )
    sector: Sector | None = _q("Secteur", "Dans quel secteur agit ce membre ?", "")
    employees: (
        Annotated[float, Field(strict=True, ge=0, le=1_000_000, allow_inf_nan=False)] | None
    ) = _q(
        "Effectif",
        "Combien de salariés (ETP) compte ce membre ?",
        "Nombre de salariés, en équivalents temps plein si besoin.",
    )
    has_economic_activity: YesNo | None = _q(
        "Activité économique",
        "Ce membre vend-il des biens ou des services ?",
        "Une activité économique au sens du GIE : vendre des biens ou des services.",
    )

    def __repr__(self) -> str:
        kind = self.kind.value if self.kind else "?"
        return f"Member({self.name or '?'!s}, {kind})"


class Profile(Frozen):
    """A cooperation profile: who the members are, what they want to do together, their limits.

    Build it from keyword arguments, a ``dict`` (``Profile.model_validate``) or a YAML/JSON file
    (``Profile.from_file``). Every answer may be left unknown.
    """

    schema_version: Literal[1] = Field(
        default=PROFILE_SCHEMA_VERSION,
        title="Version du vocabulaire",
        description="Version du vocabulaire des profils (voir docs/changelog.md).",
    )
    name: ShortText | None = Field(default=None, title="Nom du groupe")
    description: LongText | None = Field(default=None, title="Description libre")

    # --- members -----------------------------------------------------------------------
    members: Annotated[list[Member], Field(min_length=2, max_length=500)] | None = _q(
        "Membres",
        "Quelles structures (ou personnes) coopéreraient ?",
        "Une coopération réunit au moins deux membres ; décrire chacun (nature, agrément IAE…).",
    )

    member_count: (
        Annotated[int, Field(strict=True, ge=2, le=100_000), BeforeValidator(_whole_float_to_int)]
        | None
    ) = _q(
        "Nombre de membres",
        "Combien de structures (ou personnes) coopéreraient ?",
        "Le nombre total, quand la liste des membres n'en décrit qu'une partie.",
    )
    members_complete: YesNo | None = _q(
        "Liste des membres complète",
        "La liste des membres est-elle complète ?",
        "Faux quand la liste ne décrit que des membres types : les comptes et les « tous les "
        "membres… » restent alors inconnus. Sans réponse, la liste est prise comme complète.",
    )

    # --- the group ---------------------------------------------------------------------
    sectors: Annotated[list[Sector], Field(max_length=20)] | None = _q(
        "Secteurs", "Dans quels secteurs le groupe agit-il ?", "Plusieurs réponses possibles."
    )
    territory: ShortText | None = Field(default=None, title="Territoire")
    same_territory: YesNo | None = _q(
        "Même territoire",
        "Les membres agissent-ils sur un même territoire (bassin, département…) ?",
        "",
    )
    cooperation_stage: CooperationStage | None = _q(
        "Étape de la coopération",
        "Où en est le groupe dans les cinq étapes de la coopération ?",
        "Se connaître, se parler, travailler ensemble, mutualiser, coopérer.",
    )
    cross_boards: YesNo | None = _q(
        "Administrateurs croisés",
        "Les membres ont-ils déjà des administrateurs en commun (CA croisés) ?",
        "",
    )
    horizon: Horizon | None = _q(
        "Horizon",
        "Pour combien de temps les membres veulent-ils coopérer ?",
        "Une opération ponctuelle, la durée d'un marché, ou un projet durable.",
    )

    # --- objectives ----------------------------------------------------------------------
    objectives: Annotated[list[Objective], Field(max_length=20)] | None = _q(
        "Objectifs",
        "Que veulent faire les membres ensemble ?",
        "Plusieurs réponses possibles ; une liste vide signifie « aucun de ces objectifs ».",
    )
    shared_functions: Annotated[list[SharedFunction | FreeLabel], Field(max_length=30)] | None = _q(
        "Fonctions à mutualiser",
        "Quelles fonctions support seraient mutualisées ?",
        "Comptabilité, paie, RH, informatique, direction… (sert aux explications).",
    )

    # --- constraints and wishes ----------------------------------------------------------
    independence: Independence | None = _q(
        "Indépendance",
        "Chaque membre tient-il à garder sa propre gouvernance ?",
        "Forte : chacun garde son conseil d'administration ; faible : une gouvernance commune "
        "est acceptée.",
    )
    profit_sharing: YesNo | None = _q(
        "Partage des bénéfices",
        "Les membres attendent-ils un partage des bénéfices ?",
        "",
    )
    capital: CapitalLevel | None = _q(
        "Capital", "Quel capital les membres peuvent-ils apporter ?", "Aucun, faible, important."
    )
    external_investment: YesNo | None = _q(
        "Investisseurs extérieurs",
        "Le projet a-t-il besoin d'investisseurs extérieurs ?",
        "",
    )
    joint_liability_ok: YesNo | None = _q(
        "Responsabilité solidaire acceptée",
        "Les membres acceptent-ils de répondre ensemble des dettes de la structure commune ?",
        "Dans un GIE, chaque membre peut être poursuivi sur ses biens pour toute la dette.",
    )
    public_bodies_members: YesNo | None = _q(
        "Personnes publiques membres",
        "Des collectivités ou des personnes publiques seraient-elles membres ?",
        "Déduit des membres si la question reste sans réponse.",
    )
    volunteers: YesNo | None = _q(
        "Bénévoles ou citoyens",
        "Des bénévoles ou des citoyens participeraient-ils ?",
        "Déduit de la présence de personnes physiques parmi les membres.",
    )
    employs_members: YesNo | None = _q(
        "Membres salariés",
        "Certains membres, des personnes physiques, seraient-ils salariés de la structure "
        "commune ?",
        "Vrai quand des personnes créent ensemble la structure où elles travailleront "
        "(fondateurs qui créent leur emploi).",
    )
    employee_ownership: YesNo | None = _q(
        "Salariés majoritaires",
        "Les salariés doivent-ils détenir la majorité et élire les dirigeants ?",
        "C'est la condition d'une SCOP.",
    )
    multi_stakeholder: YesNo | None = _q(
        "Multi-sociétariat",
        "Faut-il associer aux décisions des parties prenantes différentes "
        "(salariés, usagers, collectivités, partenaires) ?",
        "C'est la condition d'une SCIC.",
    )
    commercial_activity: CommercialActivity | None = _q(
        "Activité commerciale",
        "Quelle place aurait une activité commerciale dans la structure commune ?",
        "Aucune, accessoire ou principale.",
    )
    sell_to_non_members: YesNo | None = _q(
        "Ventes à des non-membres",
        "La structure commune vendrait-elle à d'autres clients que ses membres ?",
        "",
    )
    public_funding: YesNo | None = _q(
        "Subventions", "Le projet repose-t-il sur des subventions ?", ""
    )
    setup_speed: SetupSpeed | None = _q(
        "Délai de mise en place",
        "Faut-il que la structure soit en place très vite ?",
        "Rapide : quelques semaines, formalités légères.",
    )
    borrowing_needs: YesNo | None = _q(
        "Besoin d'emprunter",
        "La structure commune devra-t-elle emprunter ou investir beaucoup ?",
        "",
    )

    @field_validator("sectors", "objectives", "shared_functions", mode="after")
    @classmethod
    def _dedupe(cls, value: list[Any] | None) -> list[Any] | None:
        if value is None:
            return None
        seen: list[Any] = []
        for item in value:
            if item not in seen:
                seen.append(item)
        return seen

    @model_validator(mode="after")
    def _coherent(self) -> Profile:
        if self.members and self.member_count is not None:
            if self.member_count < len(self.members):
                raise _incoherent(
                    f"member_count ({self.member_count}) est inférieur au nombre de membres "
                    f"décrits ({len(self.members)}) / member_count below the listed members"
                )
            if self.member_count > len(self.members) and self.members_complete:
                raise _incoherent(
                    "members_complete vaut true alors que member_count dépasse la liste "
                    "/ members_complete contradicts member_count"
                )
        if self.public_bodies_members is False and self.members:
            public = [m.name or m.kind.value for m in self.members if m.kind in PUBLIC_KINDS]
            if public:
                raise _incoherent(
                    "public_bodies_members vaut false alors que des membres sont des personnes "
                    f"publiques ({', '.join(public)}) / contradicts the members"
                )
        if self.employs_members and self.members and members_listed_without_person(self):
            raise _incoherent(
                "employs_members vaut true alors que la liste complète des membres ne compte "
                "aucune personne physique / employs_members needs a natural person among members"
            )
        return self

    # --- construction helpers -------------------------------------------------------------
    @classmethod
    def from_file(cls, path: str | Path) -> Profile:
        """Read a profile from a YAML or JSON file.

        Raises :class:`~gesform.errors.ProfileFileError` when the file cannot be read or parsed
        (with its path) and ``pydantic.ValidationError`` when its content is not a valid profile.
        """
        return cast("Profile", render("profile_from_file", path))

    def answered(self) -> frozenset[str]:
        """Names of the answered questions (fields that are not None)."""
        skip = {"schema_version", "name", "description", "territory"}
        return frozenset(
            k for k in type(self).model_fields if k not in skip and getattr(self, k) is not None
        )

    def with_changes(self, **changes: Any) -> Profile:
        """A new, validated profile with these answers changed (``None`` forgets an answer)."""
        data = self.model_dump(mode="json", exclude_none=True)
        for key, value in changes.items():
            if key not in type(self).model_fields:
                raise ValueError(f"champ inconnu / unknown field '{key}'")
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        return type(self).model_validate(data)

    def to_yaml(self) -> str:
        """The profile as YAML text (unknown answers left out)."""
        import yaml

        data = self.model_dump(mode="json", exclude_none=True)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        if yaml.safe_load(text) != data:  # PyYAML writes U+0085 raw, then reads a line break
            text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False)
        return text

    def _repr_html_(self) -> str:
        return str(render("profile_html", self))

    def __repr__(self) -> str:
        n = len(self.members) if self.members else 0
        return f"Profile({self.name or 'sans nom'!s}, {n} membres, {len(self.answered())} réponses)"
