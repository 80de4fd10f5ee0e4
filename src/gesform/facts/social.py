"""Facts on the members' sectors that open a form: social and medico-social, health."""

from __future__ import annotations

from ..models.enums import MemberKind, Objective, Sector
from ..models.profile import Member, Profile
from .kinds import (
    HEALTH_KINDS,
    NEVER_SOCIAL_MEDICAL,
    SECTORS_WITH_ESSMS,
    SOCIAL_MEDICAL_KINDS,
    SOCIAL_MEDICAL_SECTORS,
)
from .logic import any_member, member_sector, members_of
from .registry import FactKind, fact

__all__ = [
    "essms_planned",
    "has_health_member",
    "has_social_medical_member",
    "social_medical_member_stated",
]

_SECTOR_QUESTIONS = ("sectors", "members", "members.sector", "members.kind")


def _sector_member(
    m: Member,
    kinds: frozenset[MemberKind],
    sectors: set[Sector],
    undecided: frozenset[Sector] = frozenset(),
) -> bool | None:
    """The member is one of *kinds* or acts in *sectors*; unknown when its sector is in
    *undecided* (a sector that may hold such a member) and its kind does not settle it."""
    sector = member_sector(m)
    if m.kind in kinds or sector in sectors:
        return True
    if m.kind in NEVER_SOCIAL_MEDICAL:
        return False
    if sector is None or (sector in undecided and m.kind not in HEALTH_KINDS):
        return None
    return False


def _group_sector_member(
    p: Profile,
    kinds: frozenset[MemberKind],
    sectors: set[Sector],
    undecided: frozenset[Sector] = frozenset(),
) -> bool | None:
    ms = members_of(p) or []
    # A member that says it is of *kinds* or acts in *sectors* is one, whatever the sectors of
    # the joint project: the group's answer describes what it does together, not its members.
    if any(_sector_member(m, kinds, sectors, undecided) for m in ms):
        return True
    if p.sectors is not None:
        # The group's sectors are its members' sectors: the explicit answer settles it, unless
        # one of them may hold such a member without being named for it (*undecided*); then
        # the members say it, or it stays unknown.
        if sectors.intersection(p.sectors):
            return True
        if not undecided.intersection(p.sectors):
            return False
    if not ms:
        return None

    def in_group(m: Member) -> bool | None:
        found = _sector_member(m, kinds, sectors, undecided)
        if found is None and p.sectors is not None and m.kind in HEALTH_KINDS:
            # A health establishment or professional acts in the group's sectors as such.
            return False
        return found

    return any_member(p, (in_group(m) for m in ms))


@fact(
    label="Membre social ou médico-social",
    derivation="Un membre est un ESSMS ; sinon les secteurs du groupe (réponse directe) le "
    "disent ; sinon un membre agit dans le social / médico-social ou les services à la "
    "personne : un gestionnaire d'ESSMS l'est par sa personne morale (une association qui gère "
    "un SAAD, un ESAT ou un EHPAD), quelle que soit sa nature juridique. Le logement et la santé "
    "comptent aussi des ESSMS (CHRS, foyers de jeunes travailleurs, CADA, CSAPA, appartements de "
    "coordination thérapeutique : CASF L312-1 I 8° à 10° et 13°) : un groupe ou un membre de "
    "ces secteurs laisse la réponse ouverte, sauf un établissement ou un professionnel de santé "
    "en tant que tel.",
    questions=_SECTOR_QUESTIONS,
    kind=FactKind.boolean,
)
def has_social_medical_member(p: Profile) -> bool | None:
    """A member is an ESSMS, or manages one through its legal person: whatever its kind (an
    association running a SAAD, an ESAT or an EHPAD), a member whose sector is ``social_medical``
    or ``personal_services`` counts; else the group's sectors say so. Housing and health hold
    ESSMS too (CASF L312-1 I 8° to 10° and 13°): there, only the members can say "no"."""
    return _group_sector_member(
        p, SOCIAL_MEDICAL_KINDS, set(SOCIAL_MEDICAL_SECTORS), SECTORS_WITH_ESSMS
    )


@fact(
    label="Membre gestionnaire social ou médico-social (dit par les membres)",
    derivation="Un membre est un ESSMS, ou son propre secteur est le social / médico-social ou "
    "les services à la personne ; ou les secteurs du groupe comprennent le social et "
    "médico-social. Les services à la personne cités pour le seul groupe ne suffisent pas. "
    "Sert aux atouts du GCSMS ; l'exclusion lit le fait plus large « membre social ou "
    "médico-social ».",
    questions=_SECTOR_QUESTIONS,
    kind=FactKind.boolean,
)
def social_medical_member_stated(p: Profile) -> bool | None:
    """A member says itself that it manages a social or medico-social establishment or service:
    its kind is an ESSMS, or its own sector is social / medico-social or personal services, or
    the group's sectors include the social and medico-social sector. The group's personal
    services alone (a joint activity, not what its members run) do not say it. The exclusion
    reads ``has_social_medical_member``, more generous; bonuses read this one."""
    ms = members_of(p) or []
    stated = [_sector_member(m, SOCIAL_MEDICAL_KINDS, set(SOCIAL_MEDICAL_SECTORS)) for m in ms]
    if any(stated) or (p.sectors is not None and Sector.social_medical in p.sectors):
        return True
    if not ms:
        return None
    return any_member(p, stated)


@fact(
    label="Membre du secteur de la santé",
    derivation="Un membre est un établissement ou un professionnel de santé, ou agit dans la "
    "santé.",
    questions=_SECTOR_QUESTIONS,
    kind=FactKind.boolean,
)
def has_health_member(p: Profile) -> bool | None:
    """A member is a health establishment, a health professional or acts in health."""
    return _group_sector_member(p, HEALTH_KINDS, {Sector.health})


#: The group's own sectors in which a joint activity may be an ESSMS (CASF L312-1 I).
_ESSMS_SECTORS = frozenset({*SOCIAL_MEDICAL_SECTORS, *SECTORS_WITH_ESSMS})


@fact(
    label="Projet de gérer ensemble un établissement ou service social ou médico-social",
    derivation="Vrai si les objectifs comprennent « gérer ensemble un ESSMS », faux s'ils sont "
    "connus sans lui ; objectifs inconnus : faux quand les secteurs du groupe sont dits et "
    "qu'aucun n'est le social et médico-social, les services à la personne, le logement ou la "
    "santé (aucune activité commune n'y serait un ESSMS), inconnu sinon.",
    questions=("objectives", "sectors"),
    kind=FactKind.boolean,
)
def essms_planned(p: Profile) -> bool | None:
    """The group means to run an ESSMS together: its objectives say so, or, objectives unknown,
    its stated sectors rule it out (none of them holds ESSMS)."""
    if p.objectives is not None:
        return Objective.run_essms in p.objectives
    if p.sectors is not None and not set(p.sectors) & _ESSMS_SECTORS:
        return False
    return None
