"""Three-valued logic and the small readings of the members list every derived fact shares.

``None`` is "unknown": a helper answers ``None`` rather than guess. On a members list that
only gives typical members, "a member is X" can still be true, but "no member is X" and
"every member is X" stay unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from ..models.enums import MemberKind, Sector
from ..models.profile import Member, Profile, members_listed_completely

__all__ = ["all3", "any3"]


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


def members_of(p: Profile) -> list[Member] | None:
    """The members listed, ``None`` when there are none."""
    return p.members if p.members else None


def any_member(p: Profile, values: Iterable[bool | None]) -> bool | None:
    """Kleene OR over the members; "none is" stays unknown on a partial list."""
    found = any3(values)
    return None if found is False and not members_listed_completely(p) else found


def all_members(p: Profile, values: Iterable[bool | None]) -> bool | None:
    """Kleene AND over the members; "every one is" stays unknown on a partial list."""
    found = all3(values)
    return None if found is True and not members_listed_completely(p) else found


def kind_is(m: Member, kinds: frozenset[MemberKind]) -> bool | None:
    """The member's kind is one of *kinds* (unknown without a kind)."""
    return None if m.kind is None else m.kind in kinds


def any_kind(p: Profile, kinds: frozenset[MemberKind]) -> bool | None:
    """A member's kind is one of *kinds*."""
    ms = members_of(p)
    return any_member(p, (kind_is(m, kinds) for m in ms)) if ms else None


def count_kinds(p: Profile, kinds: frozenset[MemberKind]) -> int | None:
    """Members (each line for its ``count``) whose kind is one of *kinds*; unknown on a partial
    list or when a kind is missing."""
    ms = members_of(p)
    if not ms or not members_listed_completely(p):
        return None
    if any(m.kind is None for m in ms):
        return None
    return sum(m.count for m in ms if m.kind in kinds)


def member_sector(m: Member) -> Sector | None:
    """The member's sector; a member with an IAE agreement acts in insertion."""
    if m.sector is not None:
        return m.sector
    return Sector.insertion if m.iae_agreements else None


def as_set(enum: type[StrEnum], items: Iterable[Any]) -> dict[str, bool | None]:
    """A set fact: every value of *enum*, true for the *items* and false for the others."""
    chosen = {enum(i).value for i in items}
    return {v.value: v.value in chosen for v in enum}
