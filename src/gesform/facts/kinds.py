"""Groups of member kinds and sectors the facts read (companies, cooperatives, ESS, health…)."""

from __future__ import annotations

from ..models.enums import MemberKind, Sector
from ..models.profile import ESS_BY_STATUS_KINDS, NATURAL_PERSON_KINDS

__all__ = [
    "COMMERCIAL_COMPANY_KINDS",
    "COOPERATIVE_KINDS",
    "ECONOMIC_BY_NATURE",
    "ESS_KINDS",
    "ESS_UNDETERMINED_KINDS",
    "HEALTH_KINDS",
    "NEVER_SOCIAL_MEDICAL",
    "NON_ESS_ENTERPRISE_KINDS",
    "SECTORS_WITH_ESSMS",
    "SOCIAL_MEDICAL_KINDS",
    "SOCIAL_MEDICAL_SECTORS",
    "SOCIAL_SECURITY_KINDS",
]

COMMERCIAL_COMPANY_KINDS = frozenset(
    {MemberKind.sarl, MemberKind.sas, MemberKind.sa, MemberKind.company}
)
COOPERATIVE_KINDS = frozenset({MemberKind.scop, MemberKind.scic, MemberKind.other_cooperative})
ESS_KINDS = ESS_BY_STATUS_KINDS
#: Kinds that name an activity, not a legal nature: an ESSMS, a health establishment, a research
#: or training body may be run by an association, a foundation or a mutual (ESS, loi 2014-856,
#: art. 1) as well as by a public person or a company. Without the member's ``ess`` answer, its
#: kind does not say whether it belongs to the ESS.
ESS_UNDETERMINED_KINDS = frozenset(
    {
        MemberKind.social_medical_establishment,
        MemberKind.health_establishment,
        MemberKind.research_or_training,
    }
)
#: Enterprises outside the ESS: companies, and entrepreneurs individuels — sole traders and
#: liberal health professionals practising in their own name (C. com. L526-22).
NON_ESS_ENTERPRISE_KINDS = frozenset(
    {*COMMERCIAL_COMPANY_KINDS, MemberKind.sole_trader, MemberKind.health_professional}
)
#: Kinds that sell goods or services by their legal nature (companies, cooperatives, liberals).
ECONOMIC_BY_NATURE = frozenset(
    {
        *COMMERCIAL_COMPANY_KINDS,
        *COOPERATIVE_KINDS,
        MemberKind.sole_trader,
        MemberKind.health_professional,
        # Supplying services, even paid by a third party (tariff, prix de journée), is an
        # economic activity in the GIE's sense; CASF L312-7, 2° opens the GIE to these managers.
        # (Health establishments: no text of the catalogue says so; they stay to be asked.)
        MemberKind.social_medical_establishment,
    }
)
SOCIAL_MEDICAL_KINDS = frozenset({MemberKind.social_medical_establishment})
#: Social security bodies: private-law bodies that loi 2000-321 (art. 1) counts, with public
#: persons, among the administrative authorities that grant subsidies.
SOCIAL_SECURITY_KINDS = frozenset({MemberKind.social_security_body})
HEALTH_KINDS = frozenset({MemberKind.health_establishment, MemberKind.health_professional})
#: Kinds that cannot be a social or health manager as such (a citizen, a research body…).
NEVER_SOCIAL_MEDICAL = frozenset(
    {*NATURAL_PERSON_KINDS, MemberKind.sole_trader, MemberKind.research_or_training}
)

#: Sectors whose members manage an ESSMS (CASF L312-1) through their legal person: the social and
#: medico-social sector, and personal services — home help for elderly or disabled people (SAAD,
#: L312-1 I 6° and 7°) is the case the vocabulary's ``personal_services`` covers in practice.
SOCIAL_MEDICAL_SECTORS = frozenset({Sector.social_medical, Sector.personal_services})

#: Sectors that hold social and medico-social establishments without being the social sector as a
#: whole: CASF L312-1 I lists, besides care for children, elderly and disabled people, the shelters
#: and social housing services (8° CHRS, 10° foyers de jeunes travailleurs, 13° CADA) and the
#: addiction and medical-social care services (9° CSAPA, appartements de coordination
#: thérapeutique, lits halte soins santé). A member, or a group, in housing or health may manage
#: one of them through its legal person: saying the sector does not say it does not.
SECTORS_WITH_ESSMS = frozenset({Sector.housing, Sector.health})
