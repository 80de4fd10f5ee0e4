"""The registry of facts: what a fact is (:class:`FactSpec`) and :func:`fact`, which declares one.

A fact is declared once, at its function: ``@fact(label=…, derivation=…, questions=…,
kind=…)`` registers the function under its name with its French label. :data:`FACTS
<gesform.facts.FACTS>` lists the facts module by module (``gesform.facts._MODULES``), each
module's in the order of declaration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TypeVar

from pydantic import Field

from ..models import enums as _enums
from ..models.base import Frozen
from ..models.profile import Profile

__all__ = [
    "FactKind",
    "FactSpec",
    "FactValue",
    "Facts",
    "fact",
    "labels_of",
    "register",
    "registered",
]

FactValue = bool | int | float | str | dict[str, bool | None] | None
#: Facts of one profile: name → value (``None`` = unknown); sets are ``{value: bool | None}``.
Facts = dict[str, FactValue]

#: How a fact is obtained from a profile.
Derive = Callable[[Profile], FactValue]
_D = TypeVar("_D", bound=Derive)


class FactKind(StrEnum):
    """Type of a fact."""

    boolean = "boolean"
    enum = "enum"
    number = "number"
    set = "set"


class FactSpec(Frozen):
    """What one fact is: its type, its values, the profile questions that settle it."""

    name: str
    kind: FactKind
    values: tuple[str, ...] = ()
    label: str = Field(description="Libellé français.")
    derivation: str = Field(description="Comment le fait est obtenu (français).")
    questions: tuple[str, ...] = Field(description="Champs du profil qui le déterminent.")


_REGISTRY: dict[str, tuple[FactSpec, Derive]] = {}


def enum_values(values: type[StrEnum] | Iterable[str]) -> tuple[str, ...]:
    """The values of a fact: an enum's values in their order, or the strings given."""
    if isinstance(values, type):
        return tuple(m.value for m in values)
    return tuple(values)


def register(spec: FactSpec, derive: Derive) -> None:
    """Add a fact and the function that derives it (a name is declared only once)."""
    if spec.name in _REGISTRY:
        raise ValueError(f"fait déclaré deux fois : {spec.name} / fact declared twice")
    if not spec.label.strip():
        raise ValueError(f"fait sans libellé : {spec.name} / fact without a label")
    _REGISTRY[spec.name] = (spec, derive)


def fact(
    *,
    label: str,
    derivation: str,
    questions: tuple[str, ...],
    kind: FactKind,
    values: type[StrEnum] | tuple[str, ...] = (),
    name: str | None = None,
) -> Callable[[_D], _D]:
    """Declare the decorated function as the fact of its name, with its French label, how it is
    obtained (French), the profile questions that settle it, its type and its values (an enum
    class gives its values in order)."""

    def declare(derive: _D) -> _D:
        spec = FactSpec(
            name=name or derive.__name__,
            kind=kind,
            values=enum_values(values),
            label=label,
            derivation=derivation,
            questions=questions,
        )
        register(spec, derive)
        return derive

    return declare


def registered() -> dict[str, tuple[FactSpec, Derive]]:
    """Every declared fact, in the order of declaration: name → (spec, function)."""
    return dict(_REGISTRY)


def _enum_labels() -> dict[tuple[str, ...], dict[str, str]]:
    out: dict[tuple[str, ...], dict[str, str]] = {}
    for name in _enums.__all__:
        cls = getattr(_enums, name)
        if isinstance(cls, type) and issubclass(cls, _enums.LabelledEnum) and list(cls):
            out[tuple(m.value for m in cls)] = cls.labels()
    return out


_LABELS_BY_VALUES = _enum_labels()


def labels_of(spec: FactSpec) -> dict[str, str]:
    """French labels of the values of *spec* when an enum of the profile has them."""
    return _LABELS_BY_VALUES.get(spec.values, {})
