"""Answers to questions: the allowed values with their French labels, applying an answer to a
profile, and the candidate answers explored by the guidance (next question, counterfactual).

An answer is a plain Python value: ``True``/``False`` for a yes/no question, an enum value
(``"weak"``) for a choice, a list of values for a multiple choice (``objectives``), a list of
members (dicts or :class:`~gesform.Member`) for ``members``, and for a member detail
(``members.kind``) either one value given to every member that lacks it or a list with one
value per member (``None`` keeps that member's detail unknown). ``None`` is « je ne sais pas ».

An answer reads in French through :func:`gesform.display.words.answer_label`, re-exported here
with :data:`DONT_KNOW` and :data:`MEMBER_PROTOTYPES`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from ..display.words import (
    DONT_KNOW,
    DONT_KNOW_LABEL,
    MEMBER_PROTOTYPES,
    answer_label,
)
from ..facts import FACTS
from ..models.enums import MemberKind, Siae
from ..models.profile import Member, Profile
from ..questions import QUESTIONS, Question, is_answered

__all__ = [
    "DONT_KNOW",
    "DONT_KNOW_LABEL",
    "EMPLOYEE_PROBES",
    "MEMBER_PROTOTYPES",
    "allowed_answers",
    "answer_label",
    "apply_answer",
    "candidate_answers",
    "questions_of_facts",
    "siae_choices",
    "unanswered",
]

_YES_NO = {"true": "Oui", "false": "Non"}

#: Head counts tried for ``members.employees`` (a number question has no list of choices).
EMPLOYEE_PROBES: tuple[float, ...] = (0, 10, 100)


def allowed_answers(question: Question | str) -> dict[str, str]:
    """The allowed answers of a question, value → French label, « je ne sais pas » last."""
    q = QUESTIONS[question] if isinstance(question, str) else question
    out: dict[str, str] = {}
    if q.answer_type == "boolean":
        out.update(_YES_NO)
    elif q.answer_type in ("enum", "enum_list"):
        out.update(q.choices)
    out[DONT_KNOW] = DONT_KNOW_LABEL
    return out


def _member_data(m: Member | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(m, Member):
        return m.model_dump(mode="json", exclude_none=True)
    return dict(Member.model_validate(m).model_dump(mode="json", exclude_none=True))


def _plain(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def apply_answer(profile: Profile, question_id: str, value: Any) -> Profile:
    """*profile* with the answer to *question_id* set (``None``: unchanged, « je ne sais pas »).

    Raises ``KeyError`` for an unknown question and ``pydantic.ValidationError`` for an answer
    the profile refuses (unknown value, contradiction with the members…).
    """
    if question_id not in QUESTIONS:
        raise KeyError(question_id)
    if value is None or value == DONT_KNOW:
        return profile
    if question_id == "members":
        return profile.with_changes(members=[_member_data(m) for m in value])
    if question_id.startswith("members."):
        detail = question_id.split(".", 1)[1]
        members = [_member_data(m) for m in profile.members or ()]
        if not members:
            raise ValueError("décrire d'abord les membres / describe the members first")
        if isinstance(value, list | tuple):
            if len(value) != len(members):
                raise ValueError(
                    f"une valeur par membre attendue ({len(members)}) / one value per member"
                )
            for m, v in zip(members, value, strict=True):
                if v is not None and v != DONT_KNOW:
                    m[detail] = _plain(v)
        else:
            for m in members:
                m.setdefault(detail, _plain(value))
        return profile.with_changes(members=members)
    return profile.with_changes(**{question_id: _plain(value)})


def questions_of_facts(facts: Iterable[str]) -> tuple[str, ...]:
    """The question ids that settle these facts, in the order of :data:`QUESTIONS`."""
    wanted = {q for f in facts for q in FACTS[f].questions}
    return tuple(q for q in QUESTIONS if q in wanted)


def _list_value(profile: Profile, question_id: str) -> list[str] | None:
    current = getattr(profile, question_id)
    return None if current is None else [_plain(v) for v in current]


def candidate_answers(
    profile: Profile, question_id: str, *, change: bool = False
) -> list[tuple[Any, str]]:
    """The answers explored for one question, as ``(value, French label)`` pairs.

    For an open question (``change=False``): yes and no; each value of a choice; for a
    multiple choice, each value added to the current list; for a member detail, each value
    given to every member lacking it (:data:`EMPLOYEE_PROBES` for head counts); for ``members``,
    the :data:`MEMBER_PROTOTYPES`. With ``change=True`` (counterfactual) answered questions are
    explored too: every other value; for a list, each value added or removed; for ``members``,
    one member of each kind added, or one member of a present kind removed.
    """
    q = QUESTIONS[question_id]
    if question_id == "members":
        return _member_candidates(profile, change)
    if question_id.startswith("members."):
        if not profile.members:
            return []
        if q.answer_type == "number":
            values: Sequence[Any] = EMPLOYEE_PROBES
        elif q.answer_type == "boolean":
            values = (True, False)
        else:
            values = tuple(q.choices)
        lacking = [m for m in profile.members if getattr(m, question_id.split(".", 1)[1]) is None]
        if not lacking:
            return []
        n = len(lacking)
        label = "chaque membre" if n == len(profile.members) else f"{n} membre(s) sans réponse"
        return [(v, f"{answer_label(v, question_id)} ({label})") for v in values]
    if q.answer_type == "boolean":
        current = getattr(profile, question_id)
        return [(v, answer_label(v, question_id)) for v in (True, False) if v is not current]
    if q.answer_type == "enum":
        current = _plain(getattr(profile, question_id))
        return [(v, lbl) for v, lbl in q.choices.items() if v != current]
    if q.answer_type == "enum_list":
        current = _list_value(profile, question_id)
        out: list[tuple[Any, str]] = []
        for v, lbl in q.choices.items():
            if current is None:
                out.append(([v], lbl))
            elif v not in current:
                out.append(([*current, v], f"ajouter « {lbl} »"))
            elif change:
                out.append(([c for c in current if c != v], f"retirer « {lbl} »"))
        return out
    return []


def _member_candidates(profile: Profile, change: bool) -> list[tuple[Any, str]]:
    if profile.members is None:
        return [(list(ms), label) for _pid, label, ms in MEMBER_PROTOTYPES]
    if not change:
        return []
    current = [_member_data(m) for m in profile.members]
    out: list[tuple[Any, str]] = []
    for kind in MemberKind:
        out.append(
            ([*current, {"kind": kind.value}], f"ajouter un membre « {kind.label} »"),
        )
    if sum(m.get("count", 1) for m in current) > 2:
        seen: set[str] = set()
        for i, m in enumerate(current):
            k = m.get("kind")
            if k is None or k in seen:
                continue
            seen.add(k)
            n = m.get("count", 1)  # a line of several similar members loses one of them
            fewer = [{**m, "count": n - 1}] if n > 1 else []
            rest = current[:i] + fewer + current[i + 1 :]
            out.append((rest, f"retirer un membre « {MemberKind(k).label} »"))
    return out


def siae_choices() -> dict[str, str]:
    """The IAE agreements, value → French label (for the members question)."""
    return Siae.labels()


def unanswered(profile: Profile, question_ids: Iterable[str]) -> tuple[str, ...]:
    """The questions of *question_ids* still open in *profile*."""
    return tuple(q for q in question_ids if not is_answered(profile, q))
