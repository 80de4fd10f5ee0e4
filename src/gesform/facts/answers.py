"""The facts a profile answer settles: answers copied as they are, and answers that, left
unknown, are derived from the members.

A copied answer is declared by naming its profile field in :func:`copy_answers`: its label is
the question's title (or the one in :data:`_LABELS`), its type comes from the field (yes/no or
a list of choices). An explicit answer always wins over a derived one.
"""

from __future__ import annotations

import typing
from enum import StrEnum
from typing import Any

from ..models.enums import CommercialActivity, MemberKind, Objective, Sector, SharedFunction
from ..models.profile import (
    PUBLIC_KINDS,
    Member,
    Profile,
    listed_members,
    members_listed_completely,
    members_listed_without_person,
)
from .kinds import ESS_UNDETERMINED_KINDS
from .logic import any3, any_kind, any_member, as_set, kind_is, member_sector, members_of
from .registry import Derive, FactKind, FactSpec, FactValue, enum_values, fact, register

__all__ = [
    "PRODUCING_AIMS",
    "copy_answers",
    "employs_members",
    "joint_structure_produces",
    "member_count",
    "members_at_least",
    "objectives",
    "own_staff",
    "public_bodies_members",
    "public_funding",
    "sectors",
    "shared_functions",
    "volunteers",
]

_B, _E, _N, _S = FactKind.boolean, FactKind.enum, FactKind.number, FactKind.set
_ANSWER = "Réponse directe à la question."

#: The support functions of the list; a label outside it is free text.
_FUNCTIONS = frozenset(enum_values(SharedFunction))
#: Labels of copied answers, where the fact says more than the question's title.
_LABELS = {
    "independence": "Indépendance souhaitée",
    "profit_sharing": "Partage des bénéfices attendu",
    "capital": "Capital disponible",
}
#: How a copied answer is obtained, where « Réponse directe à la question. » is not enough.
_DERIVATIONS = {
    "joint_sales": "Réponse directe : la production des membres (l'activité commune prolonge "
    "la leur) ou une activité propre.",
    "subsidy_recipient": "Réponse directe : la structure commune, les membres chacun pour son "
    "action, ou les deux.",
}


def _leaves(annotation: Any) -> list[Any]:
    """The types an annotation accepts, ``Optional`` and ``Annotated`` unwrapped."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _leaves(typing.get_args(annotation)[0])
    args = typing.get_args(annotation)
    if args and typing.get_origin(annotation) in (typing.Union, type(int | None)):
        return [leaf for arg in args for leaf in _leaves(arg)]
    return [annotation]


def _copied_kind(name: str) -> tuple[FactKind, tuple[str, ...]]:
    """The type of the fact that copies the field *name*: a yes/no or one choice of an enum."""
    leaves = [t for t in _leaves(Profile.model_fields[name].annotation) if t is not type(None)]
    if leaves == [bool]:
        return _B, ()
    if len(leaves) == 1 and isinstance(leaves[0], type) and issubclass(leaves[0], StrEnum):
        return _E, enum_values(leaves[0])
    raise TypeError(f"{name}: only a yes/no or one-choice answer is copied as a fact")


def _copy(name: str) -> Derive:
    def get(p: Profile) -> FactValue:
        value = getattr(p, name)
        return value.value if isinstance(value, StrEnum) else value

    get.__doc__ = f"The answer to `{name}`."
    get.__name__ = name
    return get


def copy_answers(*names: str) -> None:
    """Declare, for each profile field named, the fact that copies its answer."""
    for name in names:
        kind, values = _copied_kind(name)
        register(
            FactSpec(
                name=name,
                kind=kind,
                values=values,
                label=_LABELS.get(name) or Profile.model_fields[name].title or name,
                derivation=_DERIVATIONS.get(name, _ANSWER),
                questions=(name,),
            ),
            _copy(name),
        )


# The order of the declarations below is the order of FACTS and of docs/facts.md.
copy_answers(
    "same_territory",
    "cooperation_stage",
    "cross_boards",
    "horizon",
    "independence",
    "profit_sharing",
    "capital",
    "external_investment",
    "joint_liability_ok",
    "work_split_by_member",
)


@fact(
    label="Membres salariés",
    derivation="Réponse directe ; sinon vrai quand un membre travaille dans la structure commune "
    "(nature « travailleur »), faux quand la liste complète des membres ne compte que des "
    "structures (une personne morale n'est pas salariée).",
    questions=("employs_members", "members", "members.kind"),
    kind=_B,
)
def employs_members(p: Profile) -> bool | None:
    """Explicit answer, else True when a member works in the joint structure (kind ``worker``),
    False when the complete members list has no natural person."""
    if p.employs_members is not None:
        return p.employs_members
    if any_kind(p, frozenset({MemberKind.worker})):
        return True
    return False if members_listed_without_person(p) else None


@fact(
    label="Salariés de la structure commune",
    derivation="Réponse directe ; sinon vrai quand des membres seraient salariés de la structure "
    "commune, ou quand ses salariés doivent en détenir la majorité (il y a donc des salariés).",
    questions=("own_staff", "employs_members", "members", "members.kind", "employee_ownership"),
    kind=_B,
)
def own_staff(p: Profile) -> bool | None:
    """Explicit answer, else True when members would be employees of the joint structure or when
    its employees are to hold the majority (so it has employees)."""
    if p.own_staff is not None:
        return p.own_staff
    return True if employs_members(p) or p.employee_ownership is True else None


copy_answers(
    "employee_ownership",
    "multi_stakeholder",
    "run_by_one_member",
    "commercial_activity",
    "joint_sales",
    "sell_to_non_members",
)


@fact(
    label="Subventions",
    derivation="Réponse directe ; sinon vrai quand la question du bénéficiaire des subventions a "
    "une réponse.",
    questions=("public_funding", "subsidy_recipient"),
    kind=_B,
)
def public_funding(p: Profile) -> bool | None:
    """Explicit answer, else True when someone is named to receive the subsidies."""
    if p.public_funding is not None:
        return p.public_funding
    return True if p.subsidy_recipient is not None else None


copy_answers(
    "subsidy_recipient",
    "setup_speed",
    "borrowing_needs",
)

#: The aims for which the joint structure itself produces or supplies goods or services for
#: others (a SCIC's object, loi 47-1775, art. 19 quinquies), as opposed to coordinating,
#: representing or seeking a grant for its members.
PRODUCING_AIMS = frozenset(
    {
        Objective.new_activity,
        Objective.joint_offer,
        Objective.local_service,
        Objective.run_public_facility,
        Objective.shared_place,
        Objective.local_supply_chain,
        Objective.support_project_holders,
        Objective.run_essms,
    }
)
_SELLING = frozenset({CommercialActivity.core, CommercialActivity.ancillary})


@fact(
    label="La structure commune produirait ou fournirait des biens ou services",
    derivation="Vrai quand la structure commune aurait une activité commerciale (principale ou "
    "accessoire) ou quand un objectif la ferait produire ou fournir pour d'autres (créer une "
    "nouvelle activité, construire une offre commune, garder un service de proximité, gérer "
    "un équipement ou un service confié par une collectivité, faire vivre un lieu commun, "
    "structurer une filière locale, accompagner des porteurs de projet, gérer un établissement "
    "ou service social ou médico-social) ; faux quand elle n'aurait pas d'activité "
    "commerciale et qu'aucun de ses objectifs n'est de ceux-là ; inconnu sinon.",
    questions=("commercial_activity", "objectives"),
    kind=_B,
)
def joint_structure_produces(p: Profile) -> bool | None:
    """True when the joint structure would have a commercial activity (core or ancillary) or an
    aim of :data:`PRODUCING_AIMS`; False when it has neither, both being answered."""
    selling = None if p.commercial_activity is None else p.commercial_activity in _SELLING
    aims = None if p.objectives is None else bool(PRODUCING_AIMS & set(p.objectives))
    return any3((selling, aims))


#: The aims for which the law makes the employers' group (C. trav. L1253-1): it hires to share
#: staff among its members, recruits for them, or carries insertion and qualification pathways
#: (the GEIQ, same article and D1253-45 to D1253-47).
EMPLOYER_GROUP_AIMS = frozenset(
    {Objective.share_staff, Objective.recruit_together, Objective.secure_pathways}
)
_PEOPLE_FUNCTIONS = frozenset({SharedFunction.hr.value, SharedFunction.payroll.value})


def _pools_hr_or_payroll(p: Profile) -> bool | None:
    """True when the group names payroll or HR among the functions it would pool (the answer
    says the pooling by itself, with or without the objective); False when its objectives omit
    pooling support functions and it names neither, or when it names only other listed
    functions; unknown otherwise."""
    named = shared_functions(p)
    people = None if named is None else any3(named.get(f) for f in _PEOPLE_FUNCTIONS)
    if people is True:
        return True
    if p.objectives is not None and Objective.share_support_functions not in p.objectives:
        return False
    return people


@fact(
    label="Le groupe demande ce pour quoi la loi fait le groupement d'employeurs",
    derivation="Vrai quand le groupe veut partager des salariés, recruter ensemble ou sécuriser "
    "des parcours d'insertion, ou quand il nomme la paie ou les ressources humaines parmi les "
    "fonctions à mettre en commun (cette réponse dit à elle seule la mise en commun) ; faux "
    "quand ses objectifs ne disent rien de cela et qu'il ne nomme ni la paie ni les ressources "
    "humaines ; inconnu sinon.",
    questions=("objectives", "shared_functions"),
    kind=_B,
)
def employer_group_purpose(p: Profile) -> bool | None:
    """True when the group asks for what C. trav. L1253-1 makes the employers' group for:
    :data:`EMPLOYER_GROUP_AIMS`, or pooling payroll or HR (:func:`_pools_hr_or_payroll`)."""
    aims = None if p.objectives is None else bool(EMPLOYER_GROUP_AIMS & set(p.objectives))
    return any3((aims, _pools_hr_or_payroll(p)))


@fact(label="Objectifs", derivation=_ANSWER, questions=("objectives",), kind=_S, values=Objective)
def objectives(p: Profile) -> dict[str, bool | None] | None:
    """What the members want to do together."""
    return None if p.objectives is None else as_set(Objective, p.objectives)


@fact(
    label="Secteurs",
    derivation="Réponse directe ; sinon les secteurs des membres (inconnus si un membre n'en "
    "donne pas).",
    questions=("sectors", "members", "members.sector"),
    kind=_S,
    values=Sector,
)
def sectors(p: Profile) -> dict[str, bool | None] | None:
    """Explicit sectors, else the members' sectors when every member gives one."""
    if p.sectors is not None:
        return as_set(Sector, p.sectors)
    ms = members_of(p)
    if not ms:
        return None
    member_sectors = [member_sector(m) for m in ms]
    known = {s for s in member_sectors if s is not None}
    if not known:
        return None
    if any(s is None for s in member_sectors):
        return {s.value: (True if s in known else None) for s in Sector}
    return as_set(Sector, known)


@fact(
    label="Fonctions mises en commun",
    derivation="Réponse directe : les fonctions de la liste que le groupe nomme ; une fonction "
    "écrite librement laisse les autres inconnues (elle peut nommer l'une d'elles en d'autres "
    "mots).",
    questions=("shared_functions",),
    kind=_S,
    values=SharedFunction,
)
def shared_functions(p: Profile) -> dict[str, bool | None] | None:
    """The support functions the group names; a free-text label leaves the others unknown."""
    if p.shared_functions is None:
        return None
    named = {str(f) for f in p.shared_functions}
    if named <= _FUNCTIONS:
        return as_set(SharedFunction, named)
    return {v: True if v in named else None for v in enum_values(SharedFunction)}


@fact(
    label="Personnes publiques membres",
    derivation="Réponse directe ; sinon vrai si un membre est une collectivité ou une personne "
    "publique ; un établissement ou un organisme de recherche ou de formation qui ne se dit pas "
    "de l'ESS peut en être une (université, GRETA, hôpital ou EHPAD public) : la question reste "
    "alors ouverte.",
    questions=("public_bodies_members", "members", "members.kind", "members.ess"),
    kind=_B,
)
def public_bodies_members(p: Profile) -> bool | None:
    """Explicit answer, else: a member is a local authority or another public person; a member
    that may be one (an establishment, a research or training body not said to be ESS) leaves it
    open."""
    if p.public_bodies_members is not None:
        return p.public_bodies_members
    ms = members_of(p)
    if not ms:
        return None
    return any_member(p, (public_person(m) for m in ms))


def public_person(m: Member) -> bool | None:
    """The member is a public person; unknown for an establishment or a research or training
    body that does not say it is ESS (a university, a public hospital), or without a kind."""
    if m.kind in ESS_UNDETERMINED_KINDS and m.ess is not True:
        return None
    return kind_is(m, PUBLIC_KINDS)


def _citizen(m: Member) -> bool | None:
    # A natural person who takes part through a trade of his own (a farmer, a craftsman) is an
    # economic operator, not a citizen or a volunteer.
    if m.kind is None:
        return None
    return m.kind is MemberKind.person and m.has_economic_activity is not True


@fact(
    label="Bénévoles ou citoyens",
    derivation="Réponse directe ; sinon vrai si des citoyens ou bénévoles (nature « personne "
    "physique ») sont membres ; ni les travailleurs de la structure commune ni les personnes "
    "qui y prennent part par un métier à leur compte (agriculteurs, artisans…) n'en sont.",
    questions=("volunteers", "members", "members.kind", "members.has_economic_activity"),
    kind=_B,
)
def volunteers(p: Profile) -> bool | None:
    """Explicit answer, else True when citizens or volunteers (kind ``person``) are members; the
    people who work in the joint structure (kind ``worker``) and the persons who take part
    through a trade of their own (``has_economic_activity``) are not volunteers. Never derived
    as False."""
    if p.volunteers is not None:
        return p.volunteers
    ms = members_of(p)
    return True if ms and any_member(p, (_citizen(m) for m in ms)) else None


@fact(
    label="Nombre de membres",
    derivation="Réponse directe (member_count) ; sinon le nombre de membres décrits, si la liste "
    "est complète (une ligne compte pour son nombre `count` de membres semblables).",
    questions=("member_count", "members"),
    kind=_N,
)
def member_count(p: Profile) -> int | None:
    """The explicit count, else the members listed (each line its ``count``) when complete."""
    if p.member_count is not None:
        return p.member_count
    return listed_members(p) if p.members and members_listed_completely(p) else None


@fact(
    label="Nombre de membres, au moins",
    derivation="Réponse directe (member_count) ; sinon le nombre de membres décrits, même si la "
    "liste n'est pas complète : une liste partielle de huit membres en compte au moins huit, "
    "et une coopération jamais moins de deux.",
    questions=("member_count", "members"),
    kind=_N,
)
def members_at_least(p: Profile) -> int | None:
    """A lower bound on the number of members: the explicit count, else the members listed
    (each line its ``count``), complete or not, and never fewer than two (a partial list may
    name a single member of a cooperation); unknown when no member is described. A rule
    "at least *k* members" reads it, so that a partial list already long enough settles it."""
    if p.member_count is not None:
        return p.member_count
    return max(listed_members(p), 2) if p.members else None
