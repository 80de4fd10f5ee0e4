"""The French words shared by every rendering: one place for each sentence people read.

The terminal, the notebook (HTML) and the written report all take their words from here.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from ..models.catalog import Membership
from ..models.profile import Member, Profile
from ..models.results import Reason

__all__ = [
    "MEMBER_COLUMNS",
    "NOTICE",
    "answer_label",
    "member_rows",
    "members_text",
    "profile_answers",
    "reason_sign",
]

#: The notice every rendering for people carries.
NOTICE = (
    "Ce document est une orientation, pas un avis juridique : les formes proposées sont à "
    "étudier et à confirmer avec un conseil juridique (avocat, notaire, DLA, URSCOP, CRESS…)."
)


def reason_sign(r: Reason) -> str:
    """« ✔ »/« ✘ » for a legal rule, the signed weight (« +15 », « -10 ») otherwise."""
    if r.effect.hard:
        return "✔" if r.direction == "for" else "✘"
    return f"{r.weight:+d}"


def answer_label(value: Any, choices: dict[str, str] | None = None) -> str:
    """A profile answer in French: enum labels, « Oui »/« Non », lists joined by commas.

    *choices* (value → label) names the plain strings that are enum values.
    """
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, list | tuple):
        return ", ".join(answer_label(v, choices) for v in value) if value else "Aucun"
    if isinstance(value, str) and choices:
        return choices.get(value, value)
    return str(value)


def profile_answers(p: Profile) -> list[tuple[str, str]]:
    """(French question title, French answer) for every answered question but the members."""
    from ..questions import QUESTIONS

    out = []
    for qid, q in QUESTIONS.items():
        if qid == "members" or qid.startswith("members."):
            continue
        value = getattr(p, qid)
        if value is not None:
            out.append((q.title, answer_label(value, q.choices)))
    return out


#: Member columns: (field, French title).
MEMBER_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (name, Member.model_fields[name].title or name)
    for name in ("name", "kind", "siae", "sector", "employees", "has_economic_activity")
)


def member_rows(p: Profile) -> list[list[str]]:
    """One row of French cells per member (``?`` for an unknown detail, ``—`` for no IAE)."""
    rows = []
    for i, m in enumerate(p.members or (), start=1):
        row = []
        for name, _title in MEMBER_COLUMNS:
            value = getattr(m, name)
            if name == "name":  # a line for several similar members: « Fermes × 20 »
                label = value or f"Membre {i}"
                row.append(label if m.count == 1 else f"{label} × {m.count}")
            elif value is None:
                row.append("—" if name == "siae" and m.kind is not None else "?")
            else:
                row.append(answer_label(value))
        rows.append(row)
    return rows


def members_text(m: Membership) -> str:
    """« au moins 2, au plus 7 »: how many members the form takes."""
    return f"au moins {m.min_members}" + (f", au plus {m.max_members}" if m.max_members else "")
