"""What scoring needs about one profile, computed once for all forms (lazily)."""

from __future__ import annotations

from typing import Any

from ..facts import FACTS, FactKind, Facts
from ..models.profile import Profile
from ..questions import QUESTIONS, is_answered
from .context import RulePlan

__all__ = ["ProfileState", "answered_questions"]

_SET = FactKind.set


def answered_questions(profile: Profile) -> dict[str, bool]:
    """Which questions are not open, computed once per profile.

    A member detail (``members.kind``…) cannot be asked before there are members: it is open
    only when members are listed and one of them lacks it.
    """
    return {qid: _is_settled(profile, qid) for qid in QUESTIONS}


def _is_settled(profile: Profile, qid: str) -> bool:
    return is_answered(profile, qid) or (qid.startswith("members.") and not profile.members)


class ProfileState:
    """One profile and its facts, with what the assessment derives from them (lazily)."""

    __slots__ = (
        "_answered",
        "_open",
        "_open_map",
        "_shown",
        "_views",
        "facts",
        "partial",
        "profile",
        "unknown",
    )

    def __init__(self, profile: Profile, facts: Facts) -> None:
        self.profile = profile
        self.facts = facts
        self.unknown = {name for name, value in facts.items() if value is None}
        self.partial = {
            name
            for name, value in facts.items()
            if isinstance(value, dict) and None in value.values()
        }
        self._answered: dict[str, bool] | None = None
        self._open: dict[str, tuple[str, ...]] = {}
        self._open_map: dict[str, tuple[str, ...]] | None = None
        self._views: dict[str, Any] = {}
        self._shown: dict[int, tuple[dict[str, Any], bool]] = {}

    @property
    def answered(self) -> dict[str, bool]:
        """Which questions are not open (see :func:`answered_questions`)."""
        if self._answered is None:
            self._answered = answered_questions(self.profile)
        return self._answered

    def open_questions(self, fact: str) -> tuple[str, ...]:
        """The questions settling *fact* that are still open, in the fact's order."""
        found = self._open.get(fact)
        if found is None:
            answered = self.answered
            found = self._open[fact] = tuple(q for q in FACTS[fact].questions if not answered[q])
        return found

    def undecided_questions(self) -> dict[str, tuple[str, ...]]:
        """The open questions of every fact unknown or known in part (computed once)."""
        if self._open_map is None:
            self._open_map = {f: self.open_questions(f) for f in (*self.unknown, *self.partial)}
        return self._open_map

    def shown(self, rule: RulePlan) -> dict[str, Any]:
        """The facts a reason of *rule* shows, with their values (a new dict, new lists)."""
        found = self._shown.get(rule.facts_id)
        if found is None:
            values = {fact: self.view(fact) for fact in rule.fact_keys}
            found = (values, any(type(v) is list for v in values.values()))
            self._shown[rule.facts_id] = found
        values, has_list = found
        if has_list:
            return {k: list(v) if type(v) is list else v for k, v in values.items()}
        return dict(values)

    def view(self, fact: str) -> Any:
        """The value shown in a reason: a set fact shows its true values, sorted."""
        if fact in self._views:
            return self._views[fact]
        value: Any = self.facts.get(fact)
        if FACTS[fact].kind is _SET and isinstance(value, dict):
            value = sorted(k for k, v in value.items() if v)
        self._views[fact] = value
        return value
