"""Profile → facts: the flat, three-valued facts the rules test, derived in one documented place.

A fact is ``True``/``False``, an enum value, a number, or a *set* of enum values stored one
boolean per value (``objectives`` → ``{"share_staff": True, …}``), and ``None`` when unknown.
An explicit answer always wins over a derived one. Each fact is declared once, at the small
function that derives it, with its French label (:func:`~gesform.facts.registry.fact`); a fact
that only copies a profile answer is declared by naming the field
(:func:`~gesform.facts.answers.copy_answers`). :data:`FACTS` describes every fact (type,
values, the questions that settle it, in French), and ``docs/facts.md`` is generated from it.

Modules, in the order of :data:`FACTS`: ``answers`` (the profile's answers), ``members`` (legal
natures, IAE agreements), ``social`` (social, medico-social and health members),
``composition`` (counts, families of structures, staff); ``logic`` holds the three-valued
helpers and ``kinds`` the groups of member kinds.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..models.profile import Profile
from . import answers, composition, members, social
from .answers import (
    employs_members,
    member_count,
    members_at_least,
    objectives,
    public_bodies_members,
    sectors,
    volunteers,
)
from .composition import (
    all_members_associations,
    all_members_economic,
    association_count,
    commercial_company_count,
    has_cooperative_member,
    has_employees,
    has_ess_member,
    has_non_ess_enterprise,
    has_persons,
    has_research_or_training,
    persons_activity_unstated,
    total_employees,
)
from .kinds import (
    COMMERCIAL_COMPANY_KINDS,
    COOPERATIVE_KINDS,
    ECONOMIC_BY_NATURE,
    ESS_KINDS,
    HEALTH_KINDS,
    NEVER_SOCIAL_MEDICAL,
    NON_ESS_ENTERPRISE_KINDS,
    SOCIAL_MEDICAL_KINDS,
    SOCIAL_MEDICAL_SECTORS,
)
from .logic import all3, any3
from .members import (
    has_local_authority,
    local_public_members_majority,
    member_kinds,
    siae_count,
    siae_kinds,
    state_member,
)
from .registry import Derive, FactKind, Facts, FactSpec, FactValue, fact, registered
from .social import has_health_member, has_social_medical_member, social_medical_member_stated

__all__ = [
    "COMMERCIAL_COMPANY_KINDS",
    "COOPERATIVE_KINDS",
    "ECONOMIC_BY_NATURE",
    "ESS_KINDS",
    "FACTS",
    "HEALTH_KINDS",
    "NEVER_SOCIAL_MEDICAL",
    "NON_ESS_ENTERPRISE_KINDS",
    "SOCIAL_MEDICAL_KINDS",
    "SOCIAL_MEDICAL_SECTORS",
    "FactKind",
    "FactSpec",
    "FactValue",
    "Facts",
    "all3",
    "all_members_associations",
    "all_members_economic",
    "any3",
    "association_count",
    "commercial_company_count",
    "derive_facts",
    "employs_members",
    "fact",
    "has_cooperative_member",
    "has_employees",
    "has_ess_member",
    "has_health_member",
    "has_local_authority",
    "has_non_ess_enterprise",
    "has_persons",
    "has_research_or_training",
    "has_social_medical_member",
    "local_public_members_majority",
    "member_count",
    "member_kinds",
    "members_at_least",
    "objectives",
    "persons_activity_unstated",
    "public_bodies_members",
    "sectors",
    "siae_count",
    "siae_kinds",
    "social_medical_member_stated",
    "state_member",
    "total_employees",
    "volunteers",
]

#: The modules that declare facts, in the order of :data:`FACTS` (and of ``docs/facts.md``);
#: within a module, the order of declaration.
_MODULES = (answers, members, social, composition)


def _in_order() -> list[tuple[str, tuple[FactSpec, Derive]]]:
    rank = {module.__name__: i for i, module in enumerate(_MODULES)}
    declared = list(registered().items())
    for name, (_, derive) in declared:
        if derive.__module__ not in rank:
            raise RuntimeError(
                f"fait {name} déclaré dans {derive.__module__}, absent de _MODULES "
                "/ add the module to gesform.facts._MODULES"
            )
    return sorted(declared, key=lambda item: rank[item[1][1].__module__])


_ORDERED = _in_order()
#: Every fact the rules may test, by name.
FACTS: Mapping[str, FactSpec] = {name: spec for name, (spec, _) in _ORDERED}
_DERIVE: dict[str, Derive] = {name: derive for name, (_, derive) in _ORDERED}


def derive_facts(profile: Profile) -> Facts:
    """Every fact of :data:`FACTS` for *profile* (``None`` where unknown)."""
    return {name: fn(profile) for name, fn in _DERIVE.items()}
