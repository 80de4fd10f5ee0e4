"""Profile → facts: the flat, three-valued facts the rules test, derived in one documented place.

A fact is ``True``/``False``, an enum value, a number, or a *set* of enum values stored one
boolean per value (``objectives`` → ``{"share_staff": True, …}``), and ``None`` when unknown.
An explicit answer always wins over a derived one. Each derived fact is one small function;
:data:`FACTS` describes every fact (type, values, the questions that settle it, in French),
and ``docs/facts.md`` is generated from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any

from pydantic import Field

from .models.base import Frozen
from .models.enums import (
    CapitalLevel,
    CommercialActivity,
    CooperationStage,
    Horizon,
    Independence,
    JointSales,
    MemberKind,
    Objective,
    Sector,
    SetupSpeed,
    Siae,
)
from .models.profile import (
    NATURAL_PERSON_KINDS,
    PUBLIC_KINDS,
    Member,
    Profile,
    listed_members,
    members_listed_completely,
    members_listed_without_person,
)

__all__ = ["FACTS", "FactKind", "FactSpec", "Facts", "derive_facts"]

FactValue = bool | int | float | str | dict[str, bool | None] | None
#: Facts of one profile: name → value (``None`` = unknown); sets are ``{value: bool | None}``.
Facts = dict[str, FactValue]


class FactKind(StrEnum):
    """Type of a fact."""

    boolean = "boolean"
    enum = "enum"
    number = "number"
    set = "set"


class FactSpec(Frozen):
    """What one fact is: its type, its values, the profile questions that settle it."""

    name: str
    kind: FactKind
    values: tuple[str, ...] = ()
    label: str = Field(description="Libellé français.")
    derivation: str = Field(description="Comment le fait est obtenu (français).")
    questions: tuple[str, ...] = Field(description="Champs du profil qui le déterminent.")


COMMERCIAL_COMPANY_KINDS = frozenset(
    {MemberKind.sarl, MemberKind.sas, MemberKind.sa, MemberKind.company}
)
COOPERATIVE_KINDS = frozenset({MemberKind.scop, MemberKind.scic, MemberKind.other_cooperative})
ESS_KINDS = frozenset(
    {
        MemberKind.association,
        MemberKind.foundation,
        MemberKind.mutual,
        *COOPERATIVE_KINDS,
    }
)
NON_ESS_ENTERPRISE_KINDS = frozenset({*COMMERCIAL_COMPANY_KINDS, MemberKind.sole_trader})
#: Kinds that sell goods or services by their legal nature (companies, cooperatives, liberals).
ECONOMIC_BY_NATURE = frozenset(
    {
        *COMMERCIAL_COMPANY_KINDS,
        *COOPERATIVE_KINDS,
        MemberKind.sole_trader,
        MemberKind.health_professional,
    }
)
SOCIAL_MEDICAL_KINDS = frozenset({MemberKind.social_medical_establishment})
HEALTH_KINDS = frozenset({MemberKind.health_establishment, MemberKind.health_professional})
#: Kinds that cannot be a social or health manager as such (a citizen, a research body…).
NEVER_SOCIAL_MEDICAL = frozenset(
    {*NATURAL_PERSON_KINDS, MemberKind.sole_trader, MemberKind.research_or_training}
)


# --- three-valued helpers -------------------------------------------------------------------
def any3(values: Iterable[bool | None]) -> bool | None:
    """Kleene OR: True if one is True, False if all are False, else None."""
    saw_unknown = False
    for v in values:
        if v is True:
            return True
        if v is None:
            saw_unknown = True
    return None if saw_unknown else False


def all3(values: Iterable[bool | None]) -> bool | None:
    """Kleene AND: False if one is False, True if all are True, else None."""
    saw_unknown = False
    for v in values:
        if v is False:
            return False
        if v is None:
            saw_unknown = True
    return None if saw_unknown else True


def _members(p: Profile) -> list[Member] | None:
    return p.members if p.members else None


def _any(p: Profile, values: Iterable[bool | None]) -> bool | None:
    found = any3(values)
    return None if found is False and not members_listed_completely(p) else found


def _all(p: Profile, values: Iterable[bool | None]) -> bool | None:
    found = all3(values)
    return None if found is True and not members_listed_completely(p) else found


def _kind_is(m: Member, kinds: frozenset[MemberKind]) -> bool | None:
    return None if m.kind is None else m.kind in kinds


# --- derived facts: one small function each ------------------------------------------------
def member_count(p: Profile) -> int | None:
    """The explicit count, else the members listed (each line its ``count``) when complete."""
    if p.member_count is not None:
        return p.member_count
    return listed_members(p) if p.members and members_listed_completely(p) else None


def public_bodies_members(p: Profile) -> bool | None:
    """Explicit answer, else: a member is a local authority or another public person."""
    if p.public_bodies_members is not None:
        return p.public_bodies_members
    ms = _members(p)
    return _any(p, (_kind_is(m, PUBLIC_KINDS) for m in ms)) if ms else None


def has_local_authority(p: Profile) -> bool | None:
    """A member is a local authority (collectivité or groupement)."""
    ms = _members(p)
    if ms is None:
        return False if p.public_bodies_members is False else None
    found = _any(p, (_kind_is(m, frozenset({MemberKind.local_authority})) for m in ms))
    if found is None and p.public_bodies_members is False:
        return False
    return found


def _member_sector(m: Member) -> Sector | None:
    """The member's sector; a member with an IAE agreement acts in insertion."""
    if m.sector is not None:
        return m.sector
    return Sector.insertion if m.siae is not None else None


def _sector_member(m: Member, kinds: frozenset[MemberKind], sectors: set[Sector]) -> bool | None:
    sector = _member_sector(m)
    if m.kind in kinds or sector in sectors:
        return True
    if sector is not None or m.kind in NEVER_SOCIAL_MEDICAL:
        return False
    return None


def _group_sector_member(
    p: Profile, kinds: frozenset[MemberKind], sectors: set[Sector]
) -> bool | None:
    ms = _members(p) or []
    if any(m.kind in kinds for m in ms):
        return True
    if p.sectors is not None:
        # The group's sectors are its members' sectors: the explicit answer settles it.
        return bool(sectors.intersection(p.sectors))
    return _any(p, (_sector_member(m, kinds, sectors) for m in ms)) if ms else None


#: Sectors whose members manage an ESSMS (CASF L312-1) through their legal person: the social and
#: medico-social sector, and personal services — home help for elderly or disabled people (SAAD,
#: L312-1 I 6° and 7°) is the case the vocabulary's ``personal_services`` covers in practice.
SOCIAL_MEDICAL_SECTORS = frozenset({Sector.social_medical, Sector.personal_services})


def has_social_medical_member(p: Profile) -> bool | None:
    """A member is an ESSMS, or manages one through its legal person: whatever its kind (an
    association running a SAAD, an ESAT or an EHPAD), a member whose sector is ``social_medical``
    or ``personal_services`` counts; else the group's sectors say so."""
    return _group_sector_member(p, SOCIAL_MEDICAL_KINDS, set(SOCIAL_MEDICAL_SECTORS))


def social_medical_member_stated(p: Profile) -> bool | None:
    """A member says itself that it manages a social or medico-social establishment or service:
    its kind is an ESSMS, or its own sector is social / medico-social or personal services, or
    the group's sectors include the social and medico-social sector. The group's personal
    services alone (a joint activity, not what its members run) do not say it. The exclusion
    reads ``has_social_medical_member``, more generous; bonuses read this one."""
    ms = _members(p) or []
    stated = [
        True
        if m.kind in SOCIAL_MEDICAL_KINDS or _member_sector(m) in SOCIAL_MEDICAL_SECTORS
        else (False if _member_sector(m) is not None or m.kind in NEVER_SOCIAL_MEDICAL else None)
        for m in ms
    ]
    if any(stated) or (p.sectors is not None and Sector.social_medical in p.sectors):
        return True
    if not ms:
        return None
    return _any(p, stated)


def has_health_member(p: Profile) -> bool | None:
    """A member is a health establishment, a health professional or acts in health."""
    return _group_sector_member(p, HEALTH_KINDS, {Sector.health})


def siae_count(p: Profile) -> int | None:
    """Members with an IAE agreement (a member with no ``siae`` has none)."""
    ms = _members(p)
    if not ms or not members_listed_completely(p):
        return None
    return sum(m.count for m in ms if m.siae is not None)


def _count_kinds(p: Profile, kinds: frozenset[MemberKind]) -> int | None:
    ms = _members(p)
    if not ms or not members_listed_completely(p):
        return None
    if any(m.kind is None for m in ms):
        return None
    return sum(m.count for m in ms if m.kind in kinds)


def commercial_company_count(p: Profile) -> int | None:
    """Members that are SARL, SAS, SA or other companies (unknown if a kind is missing)."""
    return _count_kinds(p, COMMERCIAL_COMPANY_KINDS)


def association_count(p: Profile) -> int | None:
    """Members that are associations (unknown if a kind is missing)."""
    return _count_kinds(p, frozenset({MemberKind.association}))


def all_members_associations(p: Profile) -> bool | None:
    """Every member is an association."""
    ms = _members(p)
    return _all(p, (_kind_is(m, frozenset({MemberKind.association})) for m in ms)) if ms else None


def _economic(m: Member) -> bool | None:
    if m.has_economic_activity is not None:
        return m.has_economic_activity
    if m.kind in ECONOMIC_BY_NATURE or m.siae is not None:
        return True
    if m.kind in NATURAL_PERSON_KINDS:
        return False
    return None


def all_members_economic(p: Profile) -> bool | None:
    """Every member sells goods or services (companies and SIAE do by nature)."""
    ms = _members(p)
    return _all(p, (_economic(m) for m in ms)) if ms else None


def _any_kind(p: Profile, kinds: frozenset[MemberKind]) -> bool | None:
    ms = _members(p)
    return _any(p, (_kind_is(m, kinds) for m in ms)) if ms else None


def has_persons(p: Profile) -> bool | None:
    """A member is a natural person (citizen, volunteer, user, worker)."""
    return _any_kind(p, NATURAL_PERSON_KINDS)


def volunteers(p: Profile) -> bool | None:
    """Explicit answer, else True when citizens or volunteers (kind ``person``) are members; the
    people who work in the joint structure (kind ``worker``) are not volunteers. Never derived
    as False."""
    if p.volunteers is not None:
        return p.volunteers
    return True if _any_kind(p, frozenset({MemberKind.person})) else None


def employs_members(p: Profile) -> bool | None:
    """Explicit answer, else True when a member works in the joint structure (kind ``worker``),
    False when the complete members list has no natural person."""
    if p.employs_members is not None:
        return p.employs_members
    if _any_kind(p, frozenset({MemberKind.worker})):
        return True
    return False if members_listed_without_person(p) else None


def has_ess_member(p: Profile) -> bool | None:
    """A member is an ESS structure (association, cooperative, mutual, foundation, SIAE)."""
    ms = _members(p)
    if not ms:
        return None
    return _any(p, (True if m.siae is not None else _kind_is(m, ESS_KINDS) for m in ms))


def has_non_ess_enterprise(p: Profile) -> bool | None:
    """A member is a conventional enterprise (company or sole trader without IAE agreement)."""
    ms = _members(p)
    if not ms:
        return None
    return _any(
        p, (False if m.siae is not None else _kind_is(m, NON_ESS_ENTERPRISE_KINDS) for m in ms)
    )


def has_cooperative_member(p: Profile) -> bool | None:
    """A member is a SCOP, a SCIC or another cooperative."""
    return _any_kind(p, COOPERATIVE_KINDS)


def has_research_or_training(p: Profile) -> bool | None:
    """A member is a research centre, a university or a training body."""
    return _any_kind(p, frozenset({MemberKind.research_or_training}))


def total_employees(p: Profile) -> float | None:
    """Sum of the members' head counts, each line's times its ``count`` (unknown if one is
    missing)."""
    ms = _members(p)
    if not ms or not members_listed_completely(p) or any(m.employees is None for m in ms):
        return None
    return float(sum((m.employees or 0) * m.count for m in ms))


def has_employees(p: Profile) -> bool | None:
    """At least one member employs staff."""
    ms = _members(p)
    if not ms:
        return None
    return _any(p, (None if m.employees is None else m.employees > 0 for m in ms))


def sectors(p: Profile) -> dict[str, bool | None] | None:
    """Explicit sectors, else the members' sectors when every member gives one."""
    if p.sectors is not None:
        return _as_set(Sector, p.sectors)
    ms = _members(p)
    if not ms:
        return None
    member_sectors = [_member_sector(m) for m in ms]
    known = {s for s in member_sectors if s is not None}
    if not known:
        return None
    if any(s is None for s in member_sectors):
        return {s.value: (True if s in known else None) for s in Sector}
    return _as_set(Sector, known)


def member_kinds(p: Profile) -> dict[str, bool | None] | None:
    """The legal natures present among the members."""
    ms = _members(p)
    if not ms:
        return None
    present = {m.kind for m in ms if m.kind is not None}
    complete = all(m.kind is not None for m in ms) and members_listed_completely(p)
    return {k.value: (True if k in present else (False if complete else None)) for k in MemberKind}


def siae_kinds(p: Profile) -> dict[str, bool | None] | None:
    """The IAE agreements present among the members."""
    ms = _members(p)
    if not ms:
        return None
    present = {m.siae for m in ms if m.siae is not None}
    if not members_listed_completely(p):
        return {v.value: (True if v in present else None) for v in Siae}
    return _as_set(Siae, present)


def _as_set(enum: type[StrEnum], items: Iterable[Any]) -> dict[str, bool | None]:
    chosen = {enum(i).value for i in items}
    return {v.value: v.value in chosen for v in enum}


def objectives(p: Profile) -> dict[str, bool | None] | None:
    """What the members want to do together."""
    return None if p.objectives is None else _as_set(Objective, p.objectives)


def _field(name: str) -> Callable[[Profile], FactValue]:
    def get(p: Profile) -> FactValue:
        value = getattr(p, name)
        return value.value if isinstance(value, StrEnum) else value

    get.__doc__ = f"The answer to `{name}`."
    return get


# --- the registry -------------------------------------------------------------------------
def _enum_values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in enum)


_B, _E, _N, _S = FactKind.boolean, FactKind.enum, FactKind.number, FactKind.set
_ANSWER = "Réponse directe à la question."

_SPECS: list[tuple[str, FactKind, tuple[str, ...], str, str, tuple[str, ...], Callable]] = [
    # name, kind, values, label, derivation, questions, function
    (
        "same_territory",
        _B,
        (),
        "Même territoire",
        _ANSWER,
        ("same_territory",),
        _field("same_territory"),
    ),
    (
        "cooperation_stage",
        _E,
        _enum_values(CooperationStage),
        "Étape de la coopération",
        _ANSWER,
        ("cooperation_stage",),
        _field("cooperation_stage"),
    ),
    (
        "cross_boards",
        _B,
        (),
        "Administrateurs croisés",
        _ANSWER,
        ("cross_boards",),
        _field("cross_boards"),
    ),
    ("horizon", _E, _enum_values(Horizon), "Horizon", _ANSWER, ("horizon",), _field("horizon")),
    (
        "independence",
        _E,
        _enum_values(Independence),
        "Indépendance souhaitée",
        _ANSWER,
        ("independence",),
        _field("independence"),
    ),
    (
        "profit_sharing",
        _B,
        (),
        "Partage des bénéfices attendu",
        _ANSWER,
        ("profit_sharing",),
        _field("profit_sharing"),
    ),
    (
        "capital",
        _E,
        _enum_values(CapitalLevel),
        "Capital disponible",
        _ANSWER,
        ("capital",),
        _field("capital"),
    ),
    (
        "external_investment",
        _B,
        (),
        "Investisseurs extérieurs",
        _ANSWER,
        ("external_investment",),
        _field("external_investment"),
    ),
    (
        "joint_liability_ok",
        _B,
        (),
        "Responsabilité solidaire acceptée",
        _ANSWER,
        ("joint_liability_ok",),
        _field("joint_liability_ok"),
    ),
    (
        "employs_members",
        _B,
        (),
        "Membres salariés",
        "Réponse directe ; sinon vrai quand un membre travaille dans la structure commune "
        "(nature « travailleur »), faux quand la liste complète des membres ne compte que des "
        "structures (une personne morale n'est pas salariée).",
        ("employs_members", "members", "members.kind"),
        employs_members,
    ),
    (
        "employee_ownership",
        _B,
        (),
        "Salariés majoritaires",
        _ANSWER,
        ("employee_ownership",),
        _field("employee_ownership"),
    ),
    (
        "multi_stakeholder",
        _B,
        (),
        "Multi-sociétariat",
        _ANSWER,
        ("multi_stakeholder",),
        _field("multi_stakeholder"),
    ),
    (
        "commercial_activity",
        _E,
        _enum_values(CommercialActivity),
        "Activité commerciale",
        _ANSWER,
        ("commercial_activity",),
        _field("commercial_activity"),
    ),
    (
        "joint_sales",
        _E,
        _enum_values(JointSales),
        "Ce que vend la structure commune",
        "Réponse directe : la production des membres (l'activité commune prolonge la leur) ou "
        "une activité propre.",
        ("joint_sales",),
        _field("joint_sales"),
    ),
    (
        "sell_to_non_members",
        _B,
        (),
        "Ventes à des non-membres",
        _ANSWER,
        ("sell_to_non_members",),
        _field("sell_to_non_members"),
    ),
    (
        "public_funding",
        _B,
        (),
        "Subventions",
        _ANSWER,
        ("public_funding",),
        _field("public_funding"),
    ),
    (
        "setup_speed",
        _E,
        _enum_values(SetupSpeed),
        "Délai de mise en place",
        _ANSWER,
        ("setup_speed",),
        _field("setup_speed"),
    ),
    (
        "borrowing_needs",
        _B,
        (),
        "Besoin d'emprunter",
        _ANSWER,
        ("borrowing_needs",),
        _field("borrowing_needs"),
    ),
    ("objectives", _S, _enum_values(Objective), "Objectifs", _ANSWER, ("objectives",), objectives),
    (
        "sectors",
        _S,
        _enum_values(Sector),
        "Secteurs",
        "Réponse directe ; sinon les secteurs des membres (inconnus si un membre n'en donne pas).",
        ("sectors", "members", "members.sector"),
        sectors,
    ),
    (
        "public_bodies_members",
        _B,
        (),
        "Personnes publiques membres",
        "Réponse directe ; sinon vrai si un membre est une collectivité ou une personne publique.",
        ("public_bodies_members", "members", "members.kind"),
        public_bodies_members,
    ),
    (
        "volunteers",
        _B,
        (),
        "Bénévoles ou citoyens",
        "Réponse directe ; sinon vrai si des citoyens ou bénévoles (nature « personne "
        "physique ») sont membres ; les travailleurs de la structure commune n'en sont pas.",
        ("volunteers", "members", "members.kind"),
        volunteers,
    ),
    (
        "member_count",
        _N,
        (),
        "Nombre de membres",
        "Réponse directe (member_count) ; sinon le nombre de membres décrits, si la liste est "
        "complète (une ligne compte pour son nombre `count` de membres semblables).",
        ("member_count", "members"),
        member_count,
    ),
    (
        "member_kinds",
        _S,
        _enum_values(MemberKind),
        "Natures juridiques des membres",
        "Natures présentes parmi les membres ; une nature absente n'est sûre que si tous les "
        "membres ont une nature.",
        ("members", "members.kind"),
        member_kinds,
    ),
    (
        "siae_kinds",
        _S,
        _enum_values(Siae),
        "Agréments IAE des membres",
        "Agréments IAE présents parmi les membres.",
        ("members",),
        siae_kinds,
    ),
    (
        "siae_count",
        _N,
        (),
        "Nombre de SIAE",
        "Membres ayant un agrément IAE (un membre sans « siae » n'en a pas ; une ligne compte "
        "pour son nombre `count`).",
        ("members",),
        siae_count,
    ),
    (
        "has_local_authority",
        _B,
        (),
        "Collectivité membre",
        "Un membre est une collectivité territoriale ou un groupement de collectivités.",
        ("members", "members.kind", "public_bodies_members"),
        has_local_authority,
    ),
    (
        "has_social_medical_member",
        _B,
        (),
        "Membre social ou médico-social",
        "Un membre est un ESSMS ; sinon les secteurs du groupe (réponse directe) le disent ; "
        "sinon un membre agit dans le social / médico-social ou les services à la personne : "
        "un gestionnaire d'ESSMS l'est par sa personne morale (une association qui gère un "
        "SAAD, un ESAT ou un EHPAD), quelle que soit sa nature juridique.",
        ("sectors", "members", "members.sector", "members.kind"),
        has_social_medical_member,
    ),
    (
        "social_medical_member_stated",
        _B,
        (),
        "Membre gestionnaire social ou médico-social (dit par les membres)",
        "Un membre est un ESSMS, ou son propre secteur est le social / médico-social ou les "
        "services à la personne ; ou les secteurs du groupe comprennent le social et "
        "médico-social. Les services à la personne cités pour le seul groupe ne suffisent pas. "
        "Sert aux atouts du GCSMS ; l'exclusion lit le fait plus large « membre social ou "
        "médico-social ».",
        ("sectors", "members", "members.sector", "members.kind"),
        social_medical_member_stated,
    ),
    (
        "has_health_member",
        _B,
        (),
        "Membre du secteur de la santé",
        "Un membre est un établissement ou un professionnel de santé, ou agit dans la santé.",
        ("sectors", "members", "members.sector", "members.kind"),
        has_health_member,
    ),
    (
        "commercial_company_count",
        _N,
        (),
        "Sociétés commerciales membres",
        "Membres SARL, SAS, SA ou autres sociétés, chaque ligne pour son nombre `count` "
        "(inconnu si une nature manque).",
        ("members", "members.kind"),
        commercial_company_count,
    ),
    (
        "association_count",
        _N,
        (),
        "Associations membres",
        "Membres associations, chaque ligne pour son nombre `count` (inconnu si une nature "
        "manque).",
        ("members", "members.kind"),
        association_count,
    ),
    (
        "all_members_associations",
        _B,
        (),
        "Tous les membres sont des associations",
        "Vrai si tous les membres sont des associations.",
        ("members", "members.kind"),
        all_members_associations,
    ),
    (
        "all_members_economic",
        _B,
        (),
        "Tous les membres ont une activité économique",
        "Réponse par membre ; à défaut, vrai pour les sociétés, coopératives et SIAE, faux pour "
        "les personnes physiques.",
        ("members", "members.has_economic_activity"),
        all_members_economic,
    ),
    (
        "has_persons",
        _B,
        (),
        "Personnes physiques membres",
        "Un membre est une personne physique.",
        ("members", "members.kind"),
        has_persons,
    ),
    (
        "has_ess_member",
        _B,
        (),
        "Membre de l'ESS",
        "Un membre est une association, une coopérative, une mutuelle, une fondation ou une SIAE.",
        ("members", "members.kind"),
        has_ess_member,
    ),
    (
        "has_non_ess_enterprise",
        _B,
        (),
        "Entreprise hors ESS membre",
        "Un membre est une société ou un entrepreneur individuel sans agrément IAE.",
        ("members", "members.kind"),
        has_non_ess_enterprise,
    ),
    (
        "has_cooperative_member",
        _B,
        (),
        "Coopérative membre",
        "Un membre est une SCOP, une SCIC ou une autre coopérative.",
        ("members", "members.kind"),
        has_cooperative_member,
    ),
    (
        "has_research_or_training",
        _B,
        (),
        "Recherche ou formation membre",
        "Un membre est un centre de recherche, une université ou un organisme de formation.",
        ("members", "members.kind"),
        has_research_or_training,
    ),
    (
        "total_employees",
        _N,
        (),
        "Effectif total",
        "Somme des effectifs des membres, l'effectif d'une ligne multiplié par son nombre "
        "`count` (inconnue si un effectif manque).",
        ("members", "members.employees"),
        total_employees,
    ),
    (
        "has_employees",
        _B,
        (),
        "Des membres emploient des salariés",
        "Un membre a au moins un salarié.",
        ("members", "members.employees"),
        has_employees,
    ),
]

#: Every fact the rules may test, by name.
FACTS: Mapping[str, FactSpec] = {
    name: FactSpec(
        name=name,
        kind=kind,
        values=values,
        label=label,
        derivation=derivation,
        questions=questions,
    )
    for name, kind, values, label, derivation, questions, _ in _SPECS
}
_DERIVE: dict[str, Callable[[Profile], FactValue]] = {s[0]: s[6] for s in _SPECS}


def derive_facts(profile: Profile) -> Facts:
    """Every fact of :data:`FACTS` for *profile* (``None`` where unknown)."""
    return {name: fn(profile) for name, fn in _DERIVE.items()}
