"""Facts on the make-up of the group: how many companies or associations, which families of
structures (ESS, conventional enterprises, cooperatives, research), natural persons, staff."""

from __future__ import annotations

from ..models.enums import MemberKind
from ..models.profile import (
    NEVER_ESS_KINDS,
    PERSON_KINDS,
    PUBLIC_KINDS,
    Member,
    Profile,
    members_listed_completely,
)
from .kinds import (
    COMMERCIAL_COMPANY_KINDS,
    COOPERATIVE_KINDS,
    ECONOMIC_BY_NATURE,
    ESS_KINDS,
    ESS_UNDETERMINED_KINDS,
    NON_ESS_ENTERPRISE_KINDS,
)
from .logic import all_members, any_kind, any_member, count_kinds, kind_is, members_of
from .registry import FactKind, fact

__all__ = [
    "all_members_associations",
    "all_members_economic",
    "association_count",
    "commercial_company_count",
    "has_cooperative_member",
    "has_employees",
    "has_ess_member",
    "has_non_ess_company",
    "has_non_ess_enterprise",
    "has_persons",
    "has_research_or_training",
    "legal_persons_at_least",
    "persons_activity_unstated",
    "several_ess_members",
    "single_member_family",
    "total_employees",
]

_B, _N = FactKind.boolean, FactKind.number
_KIND_QUESTIONS = ("members", "members.kind")
_ESS_QUESTIONS = ("members", "members.kind", "members.ess")
_STAFF_QUESTIONS = ("members", "members.employees")


@fact(
    label="Sociétés commerciales membres",
    derivation="Membres SARL, SAS, SA ou autres sociétés, chaque ligne pour son nombre `count` "
    "(inconnu si une nature manque).",
    questions=_KIND_QUESTIONS,
    kind=_N,
)
def commercial_company_count(p: Profile) -> int | None:
    """Members that are SARL, SAS, SA or other companies (unknown if a kind is missing)."""
    return count_kinds(p, COMMERCIAL_COMPANY_KINDS)


@fact(
    label="Associations membres",
    derivation="Membres associations, chaque ligne pour son nombre `count` (inconnu si une nature "
    "manque).",
    questions=_KIND_QUESTIONS,
    kind=_N,
)
def association_count(p: Profile) -> int | None:
    """Members that are associations (unknown if a kind is missing)."""
    return count_kinds(p, frozenset({MemberKind.association}))


@fact(
    label="Tous les membres sont des associations",
    derivation="Vrai si tous les membres sont des associations.",
    questions=_KIND_QUESTIONS,
    kind=_B,
)
def all_members_associations(p: Profile) -> bool | None:
    """Every member is an association."""
    ms = members_of(p)
    association = frozenset({MemberKind.association})
    return all_members(p, (kind_is(m, association) for m in ms)) if ms else None


def _economic(m: Member) -> bool | None:
    # A natural person may carry on an economic activity of his own (C. com. L251-1 and
    # L251-2): only the joint structure's own workers are taken to have none.
    if m.has_economic_activity is not None:
        return m.has_economic_activity
    if m.kind in ECONOMIC_BY_NATURE or m.iae_agreements:
        return True
    if m.kind is MemberKind.worker:
        return False
    return None


@fact(
    label="Tous les membres ont une activité économique",
    derivation="Réponse par membre ; à défaut, vrai pour les sociétés, coopératives et SIAE, faux "
    "pour les salariés de la structure commune ; une autre personne physique peut exercer une "
    "activité économique (artisan, profession libérale) : on le lui demande.",
    questions=("members", "members.has_economic_activity"),
    kind=_B,
)
def all_members_economic(p: Profile) -> bool | None:
    """Every member sells goods or services (companies and SIAE do by nature)."""
    ms = members_of(p)
    return all_members(p, (_economic(m) for m in ms)) if ms else None


def _person_unstated(m: Member) -> bool | None:
    if m.kind is None:
        return None
    return m.kind is MemberKind.person and m.has_economic_activity is None


@fact(
    label="Personnes physiques membres sans activité économique dite",
    derivation="Vrai si un citoyen, bénévole ou usager (nature « personne physique ») est membre "
    "sans que l'on sache s'il exerce une activité économique propre.",
    questions=("members", "members.kind", "members.has_economic_activity"),
    kind=_B,
)
def persons_activity_unstated(p: Profile) -> bool | None:
    """A natural person (kind ``person``) is a member and nobody said whether he or she carries on
    an economic activity of his or her own."""
    ms = members_of(p)
    return any_member(p, (_person_unstated(m) for m in ms)) if ms else None


@fact(
    label="Personnes physiques membres",
    derivation="Un membre est une personne physique : citoyen, bénévole, usager, salarié, ou "
    "personne qui travaille à son compte (entrepreneur individuel, professionnel de santé "
    "libéral).",
    questions=_KIND_QUESTIONS,
    kind=_B,
)
def has_persons(p: Profile) -> bool | None:
    """A member is a natural person (citizen, volunteer, user, worker, sole trader, liberal
    professional)."""
    return any_kind(p, PERSON_KINDS)


#: Families of members, for telling whether a group brings different parties together: the
#: legal nature sorted coarsely, natural persons split by whether they take part through a
#: trade of their own.
_FAMILIES: dict[MemberKind, str] = {
    **dict.fromkeys(
        (
            MemberKind.sarl,
            MemberKind.sas,
            MemberKind.sa,
            MemberKind.company,
            MemberKind.sole_trader,
            MemberKind.health_professional,
        ),
        "enterprise",
    ),
    **dict.fromkeys(
        (MemberKind.scop, MemberKind.scic, MemberKind.other_cooperative), "cooperative"
    ),
    **dict.fromkeys(
        (MemberKind.association, MemberKind.foundation, MemberKind.mutual), "non_profit"
    ),
    **dict.fromkeys((*sorted(PUBLIC_KINDS), MemberKind.social_security_body), "public"),
    **dict.fromkeys(
        (MemberKind.social_medical_establishment, MemberKind.health_establishment),
        "establishment",
    ),
    MemberKind.research_or_training: "research_or_training",
    MemberKind.worker: "worker",
}


def _family(m: Member) -> str | None:
    if m.kind is None:
        return None
    if m.kind is MemberKind.person:
        return "person_with_trade" if m.has_economic_activity is True else "citizen"
    # A kind added to the vocabulary later is a family of its own until it is sorted here.
    return _FAMILIES.get(m.kind, m.kind.value)


@fact(
    label="Membres tous d'une même famille",
    derivation="Vrai si la liste des membres est complète et que toutes ses lignes sont de la "
    "même famille (entreprises, coopératives, associations et autres organismes sans but "
    "lucratif, personnes publiques, établissements, recherche ou formation, travailleurs de la "
    "structure commune, personnes qui exercent un métier à leur compte, autres personnes "
    "physiques) ; faux dès que deux familles sont connues parmi les membres.",
    questions=("members", "members.kind", "members.has_economic_activity", "members_complete"),
    kind=_B,
)
def single_member_family(p: Profile) -> bool | None:
    """Every member is of one family (the nature sorted coarsely; persons split by a trade of
    their own): true on a complete list whose lines are all known and alike, false as soon as
    two families are known."""
    ms = members_of(p)
    if not ms:
        return None
    families = [_family(m) for m in ms]
    known = {f for f in families if f is not None}
    if len(known) >= 2:
        return False
    if None in families or not members_listed_completely(p):
        return None
    return True


def _is_ess(m: Member) -> bool | None:
    """The member belongs to the ESS (loi 2014-856, art. 1): never a public or natural person,
    even one that runs an insertion workshop; otherwise the member's own answer (``ess``), then
    an IAE agreement, then its kind — an association, cooperative, mutual or foundation by
    status; a company is read outside the ESS unless it says otherwise; an establishment
    (social, health, research or training) stays unknown until it says."""
    if m.kind in NEVER_ESS_KINDS:
        return False
    if m.ess is not None:
        return m.ess
    if m.iae_agreements:
        return True
    if m.kind in ESS_UNDETERMINED_KINDS:
        return None
    return kind_is(m, ESS_KINDS)


_ESS_DERIVATION = (
    "une association, une coopérative, une mutuelle, une fondation, une SIAE, ou un membre dont "
    "la réponse « Entreprise de l'ESS » est oui (une société aux statuts de l'ESS ou agréée "
    "ESUS, un établissement géré par une association) ; un établissement social ou "
    "médico-social, de santé, de recherche ou de formation sans cette réponse laisse la "
    "question ouverte ; une réponse « non » l'emporte sur le conventionnement IAE, et une "
    "personne publique ou physique n'en est jamais, même si elle porte un chantier d'insertion"
)


@fact(
    label="Membre de l'ESS",
    derivation=f"Un membre est {_ESS_DERIVATION}.",
    questions=_ESS_QUESTIONS,
    kind=_B,
)
def has_ess_member(p: Profile) -> bool | None:
    """A member is an ESS structure (association, cooperative, mutual, foundation, SIAE, or a
    member that says it is)."""
    ms = members_of(p)
    if not ms:
        return None
    return any_member(p, (_is_ess(m) for m in ms))


@fact(
    label="Plusieurs structures de l'ESS membres",
    derivation="Au moins deux membres sont de l'ESS (chacun " + _ESS_DERIVATION + "), chaque "
    "ligne pour son nombre `count` ; faux si la liste est complète, que l'on sait pour chaque "
    "membre s'il est de l'ESS et qu'il y en a moins de deux.",
    questions=_ESS_QUESTIONS,
    kind=_B,
)
def several_ess_members(p: Profile) -> bool | None:
    """At least two members are ESS structures; false only on a complete list of known kinds."""
    ms = members_of(p)
    if not ms:
        return None
    ess = [_is_ess(m) for m in ms]
    if sum(m.count for m, is_ess in zip(ms, ess, strict=True) if is_ess) >= 2:
        return True
    if None in ess or not members_listed_completely(p):
        return None
    return False


def _non_ess_member(
    p: Profile, kinds: frozenset[MemberKind], *, trades: bool = False
) -> bool | None:
    """A member of one of *kinds* that is not of the ESS (:func:`_is_ess`). An establishment or
    a research or training body that does not say it is ESS may be run by a company: unknown.
    With *trades*, a natural person who sells in his own name (a farmer, a craftsman: an
    entrepreneur individuel, C. com. L526-22) counts too."""
    ms = members_of(p)
    if not ms:
        return None

    def outside(m: Member) -> bool | None:
        if _is_ess(m):
            return False
        if trades and m.kind is MemberKind.person and m.has_economic_activity:
            return True
        if m.kind in ESS_UNDETERMINED_KINDS:
            return None
        return kind_is(m, kinds)

    return any_member(p, (outside(m) for m in ms))


_NOT_ESS = (
    "qui n'est pas de l'ESS : ni réponse « Entreprise de l'ESS : oui », ni conventionnement IAE "
    "sans réponse « non »"
)


@fact(
    label="Entreprise hors ESS membre",
    derivation="Un membre est une société ou un entrepreneur individuel (professionnel de santé "
    "libéral, ou personne physique qui vend en son nom : agriculteur, artisan) "
    f"{_NOT_ESS} ; un établissement ou un organisme de recherche ou de formation qui ne se dit "
    "pas de l'ESS laisse la question ouverte.",
    questions=_ESS_QUESTIONS,
    kind=_B,
)
def has_non_ess_enterprise(p: Profile) -> bool | None:
    """A member is a conventional enterprise: a company, a sole trader, a liberal health
    professional or a person who sells in his own name, not of the ESS."""
    return _non_ess_member(p, NON_ESS_ENTERPRISE_KINDS, trades=True)


@fact(
    label="Société hors ESS membre",
    derivation=f"Un membre est une société (SARL, SAS, SA ou autre société) {_NOT_ESS} : une "
    "entreprise hors ESS qui est une personne morale, ce que n'est pas l'entrepreneur individuel ; "
    "un établissement ou un organisme de recherche ou de formation qui ne se dit pas de l'ESS "
    "laisse la question ouverte.",
    questions=_ESS_QUESTIONS,
    kind=_B,
)
def has_non_ess_company(p: Profile) -> bool | None:
    """A member is a company (a legal person) outside the ESS."""
    return _non_ess_member(p, COMMERCIAL_COMPANY_KINDS)


@fact(
    label="Personnes morales membres, au moins",
    derivation="Les membres dont la nature dit une personne morale (tout sauf personne "
    "physique, travailleur, entrepreneur individuel et professionnel de santé libéral ; un "
    "établissement compte pour la personne morale qui le gère), chaque ligne pour son nombre "
    "`count` ; un membre de nature inconnue ne compte pas, d'où un minimum.",
    questions=_KIND_QUESTIONS,
    kind=_N,
)
def legal_persons_at_least(p: Profile) -> int | None:
    """A lower bound on the members that are legal persons: the lines whose kind is known and
    is not a natural person's, each for its ``count``; unknown when no member is described."""
    ms = members_of(p)
    if not ms:
        return None
    return sum(m.count for m in ms if m.kind is not None and m.kind not in PERSON_KINDS)


@fact(
    label="Coopérative membre",
    derivation="Un membre est une SCOP, une SCIC ou une autre coopérative.",
    questions=_KIND_QUESTIONS,
    kind=_B,
)
def has_cooperative_member(p: Profile) -> bool | None:
    """A member is a SCOP, a SCIC or another cooperative."""
    return any_kind(p, COOPERATIVE_KINDS)


@fact(
    label="Recherche ou formation membre",
    derivation="Un membre est un centre de recherche, une université ou un organisme de formation.",
    questions=_KIND_QUESTIONS,
    kind=_B,
)
def has_research_or_training(p: Profile) -> bool | None:
    """A member is a research centre, a university or a training body."""
    return any_kind(p, frozenset({MemberKind.research_or_training}))


@fact(
    label="Effectif total",
    derivation="Somme des effectifs des membres, l'effectif d'une ligne multiplié par son nombre "
    "`count` (inconnue si un effectif manque).",
    questions=_STAFF_QUESTIONS,
    kind=_N,
)
def total_employees(p: Profile) -> float | None:
    """Sum of the members' head counts, each line's times its ``count`` (unknown if one is
    missing)."""
    ms = members_of(p)
    if not ms or not members_listed_completely(p) or any(m.employees is None for m in ms):
        return None
    return float(sum((m.employees or 0) * m.count for m in ms))


@fact(
    label="Des membres emploient des salariés",
    derivation="Un membre a au moins un salarié.",
    questions=_STAFF_QUESTIONS,
    kind=_B,
)
def has_employees(p: Profile) -> bool | None:
    """At least one member employs staff."""
    ms = members_of(p)
    if not ms:
        return None
    return any_member(p, (None if m.employees is None else m.employees > 0 for m in ms))
