"""The questions an advisor can ask: every profile field, plus the member details.

A question id is a profile field (``"independence"``) or a member detail asked for every
member (``"members.kind"``). Wording and help come from the models' field metadata, so the
schema, the questionnaire and the open questions of an answer always say the same thing.
"""

from __future__ import annotations

import typing
from enum import StrEnum
from typing import Any

from pydantic import Field
from pydantic.fields import FieldInfo

from .models.base import Frozen
from .models.profile import Member, Profile, members_listed_completely

__all__ = ["QUESTIONS", "Question", "is_answered"]

MEMBER_DETAILS = ("kind", "sector", "employees", "has_economic_activity", "ess")
_NOT_QUESTIONS = {"schema_version", "name", "description", "territory"}


class Question(Frozen):
    """One question: its id, French wording, help text and the answers it accepts."""

    id: str
    title: str
    question: str
    help: str
    answer_type: str  # boolean | enum | enum_list | number | members
    choices: dict[str, str] = Field(default_factory=dict)  # value → label (enum questions)


def _enum_of(annotation: Any) -> type[StrEnum] | None:
    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, StrEnum):
            return arg
        inner = _enum_of(arg) if typing.get_args(arg) else None
        if inner is not None:
            return inner
    return None


def _answer_type(annotation: Any) -> str:
    text = str(annotation)
    if "list[" in text:
        return "enum_list"
    if _enum_of(annotation) is not None:
        return "enum"
    if annotation in (bool, bool | None) or "bool" in text:
        return "boolean"
    return "number"


def _question(qid: str, info: FieldInfo, annotation: Any) -> Question:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    enum = _enum_of(annotation)
    kind = "members" if qid == "members" else _answer_type(annotation)
    return Question(
        id=qid,
        title=info.title or qid,
        question=str(extra.get("question", info.title or qid)),
        help=info.description or "",
        answer_type=kind,
        choices=enum.labels() if enum is not None and kind != "members" else {},  # type: ignore[attr-defined]
    )


def _build() -> dict[str, Question]:
    out: dict[str, Question] = {}
    for name, info in Profile.model_fields.items():
        if name in _NOT_QUESTIONS:
            continue
        out[name] = _question(name, info, info.annotation)
    for name in MEMBER_DETAILS:
        info = Member.model_fields[name]
        q = _question(f"members.{name}", info, info.annotation)
        out[q.id] = q.model_copy(
            update={
                # Only the first letter: an acronym in the title (« l'ESS ») keeps its capitals.
                "title": f"Membres : {q.title[0].lower()}{q.title[1:]}",
                "question": f"Pour chaque membre : {q.question[0].lower()}{q.question[1:]}",
            }
        )
    return out


#: Every question, by id, in the order of the profile.
QUESTIONS: dict[str, Question] = _build()


def is_answered(profile: Profile, question_id: str) -> bool:
    """Whether *question_id* is answered.

    A member detail is answered when every member gives it; ``members`` is answered when the
    list describes the whole group (not when it only gives typical members).
    """
    if question_id == "members":
        return members_listed_completely(profile)
    if question_id.startswith("members."):
        detail = question_id.split(".", 1)[1]
        if not profile.members:
            return False
        return all(getattr(m, detail) is not None for m in profile.members)
    return getattr(profile, question_id) is not None
