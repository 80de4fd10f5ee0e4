"""Facts on who the members are: their legal natures, IAE agreements and local authorities."""

from __future__ import annotations

from ..models.enums import MemberKind, Siae
from ..models.profile import (
    LOCAL_PUBLIC_KINDS,
    Member,
    Profile,
    listed_members,
    members_listed_completely,
)
from .answers import public_bodies_members, public_person
from .kinds import SOCIAL_SECURITY_KINDS
from .logic import any3, any_kind, any_member, as_set, kind_is, members_of
from .registry import FactKind, fact

__all__ = [
    "administrative_member",
    "has_local_authority",
    "has_private_law_member",
    "local_public_members_majority",
    "member_kinds",
    "siae_count",
    "siae_kinds",
    "state_member",
]


@fact(
    label="Natures juridiques des membres",
    derivation="Natures présentes parmi les membres ; une nature absente n'est sûre que si tous "
    "les membres ont une nature.",
    questions=("members", "members.kind"),
    kind=FactKind.set,
    values=MemberKind,
)
def member_kinds(p: Profile) -> dict[str, bool | None] | None:
    """The legal natures present among the members."""
    ms = members_of(p)
    if not ms:
        return None
    present = {m.kind for m in ms if m.kind is not None}
    complete = all(m.kind is not None for m in ms) and members_listed_completely(p)
    return {k.value: (True if k in present else (False if complete else None)) for k in MemberKind}


@fact(
    label="Conventionnements IAE des membres",
    derivation="Conventionnements IAE présents parmi les membres (un membre peut en tenir "
    "plusieurs).",
    questions=("members",),
    kind=FactKind.set,
    values=Siae,
)
def siae_kinds(p: Profile) -> dict[str, bool | None] | None:
    """The IAE agreements present among the members."""
    ms = members_of(p)
    if not ms:
        return None
    present = {a for m in ms for a in m.iae_agreements}
    if not members_listed_completely(p):
        return {v.value: (True if v in present else None) for v in Siae}
    return as_set(Siae, present)


@fact(
    label="Nombre de SIAE",
    derivation="Membres conventionnés au titre de l'IAE (un membre sans « siae » ne l'est pas ; "
    "un membre qui tient plusieurs conventionnements compte une fois ; une ligne compte pour son "
    "nombre `count`).",
    questions=("members",),
    kind=FactKind.number,
)
def siae_count(p: Profile) -> int | None:
    """Members with an IAE convention (a member with no ``siae`` has none)."""
    ms = members_of(p)
    if not ms or not members_listed_completely(p):
        return None
    return sum(m.count for m in ms if m.iae_agreements)


@fact(
    label="Collectivité membre",
    derivation="Un membre est une collectivité territoriale ou un groupement de collectivités.",
    questions=("members", "members.kind", "public_bodies_members"),
    kind=FactKind.boolean,
)
def has_local_authority(p: Profile) -> bool | None:
    """A member is a local authority (collectivité or groupement)."""
    return _public_member_of_kind(p, MemberKind.local_authority)


def _public_member_of_kind(p: Profile, kind: MemberKind) -> bool | None:
    """A member is a public person of *kind*; no, whatever the members, when the group says no
    public person is a member."""
    ms = members_of(p)
    if ms is None:
        return False if p.public_bodies_members is False else None
    found = any_member(p, (kind_is(m, frozenset({kind})) for m in ms))
    if found is None and p.public_bodies_members is False:
        return False
    return found


@fact(
    label="Membre de droit privé",
    derivation="Un membre est une personne de droit privé : association, société, coopérative, "
    "fondation, mutuelle, personne physique, organisme de sécurité sociale ; un établissement "
    "(social, de santé) ou un organisme de recherche ou de formation l'est s'il se dit de l'ESS, "
    "et laisse sinon la question ouverte (il peut être public : université, hôpital, EHPAD "
    "public) ; vrai aussi quand le groupe répond qu'aucune personne publique n'est membre.",
    questions=("members", "members.kind", "members.ess", "public_bodies_members"),
    kind=FactKind.boolean,
)
def has_private_law_member(p: Profile) -> bool | None:
    """A member is a private-law person; an establishment or a research or training body not said
    to be ESS may be public, so it leaves the answer open."""
    if p.public_bodies_members is False and p.members:
        return True
    ms = members_of(p)
    if not ms:
        return None
    return any_member(p, (None if (v := public_person(m)) is None else not v for m in ms))


@fact(
    label="L'État lui-même membre",
    derivation="Un membre est l'État lui-même (ministère, préfecture, service déconcentré), non "
    "l'un de ses établissements publics ; faux quand aucune personne publique n'est membre.",
    questions=("members", "members.kind", "public_bodies_members"),
    kind=FactKind.boolean,
)
def state_member(p: Profile) -> bool | None:
    """A member is the State itself, not one of its public establishments."""
    return _public_member_of_kind(p, MemberKind.state)


#: Establishments the vocabulary describes by their activity: a public EHPAD or hospital is
#: one of a local authority's public establishments (CASF L315-1), a private one is not.
_ESTABLISHMENT_KINDS = frozenset(
    {MemberKind.social_medical_establishment, MemberKind.health_establishment}
)


def _maybe_local_public(m: Member) -> bool:
    """The member may be a local public person: its kind is unknown, or it is an establishment
    that does not say it belongs to the ESS (a public person never does)."""
    return m.kind is None or (m.kind in _ESTABLISHMENT_KINDS and m.ess is not True)


@fact(
    label="Collectivités majoritaires parmi les membres",
    derivation="Vrai si les collectivités territoriales, leurs groupements et leurs "
    "établissements publics (chaque ligne pour son nombre `count`) sont plus de la moitié des "
    "membres ; faux s'ils ne peuvent plus l'être, même en comptant les membres de nature "
    "inconnue, les établissements (social ou médico-social, de santé) qui ne se disent pas de "
    "l'ESS, et les membres non listés ; inconnu sinon, notamment sur une liste partielle sans "
    "nombre "
    "total. Les établissements publics de l'État (« autre personne publique ») n'y comptent "
    "pas (C. trav. L1253-19), et l'État lui-même n'y entre pas (fait « L'État lui-même membre »). "
    "Faux quand le groupe répond qu'aucune personne publique n'est membre.",
    questions=(
        "members",
        "members.kind",
        "members.ess",
        "member_count",
        "members_complete",
        "public_bodies_members",
    ),
    kind=FactKind.boolean,
)
def local_public_members_majority(p: Profile) -> bool | None:
    """Local authorities and their public establishments are more than half the members: the
    cap of C. trav. L1253-19, which the State's establishments do not count in; false when the
    group says no public person is a member."""
    if p.public_bodies_members is False:
        return False
    ms = members_of(p)
    if not ms:
        return None
    listed = listed_members(p)
    if p.member_count is not None:
        total = p.member_count
    elif members_listed_completely(p):
        total = listed
    else:
        return None
    local = sum(m.count for m in ms if m.kind in LOCAL_PUBLIC_KINDS)
    open_ = sum(m.count for m in ms if _maybe_local_public(m)) + max(total - listed, 0)
    if 2 * local > total:
        return True
    if 2 * (local + open_) <= total:
        return False
    return None


@fact(
    label="Autorité administrative membre",
    derivation="Vrai si des personnes publiques sont membres ou si un membre est un organisme de "
    "sécurité sociale (CAF, MSA, CPAM, CARSAT) : la loi n° 2000-321 (art. 1) range les deux "
    "parmi les autorités administratives qui attribuent des subventions ; faux quand ni l'un ni "
    "l'autre ne l'est.",
    questions=("public_bodies_members", "members", "members.kind"),
    kind=FactKind.boolean,
)
def administrative_member(p: Profile) -> bool | None:
    """A member is a public person or a social security body (loi 2000-321, art. 1)."""
    return any3((public_bodies_members(p), any_kind(p, SOCIAL_SECURITY_KINDS)))
