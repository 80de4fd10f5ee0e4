"""Hypothesis strategies built from the models: profiles (partial ones included), facts, rules."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from gesform.facts import FACTS, FactKind
from gesform.models.enums import MemberKind
from gesform.models.profile import (
    ESS_BY_STATUS_KINDS,
    NEVER_ESS_KINDS,
    NEVER_PUBLIC_KINDS,
    PUBLIC_KINDS,
    Member,
    Profile,
    members_listed_without_person,
)
from gesform.models.rules import All, Any_, FactTest, Not

#: Profile fields that are not questions (the same as ``gesform.questions``).
NOT_QUESTIONS = frozenset({"schema_version", "name", "description", "territory"})


def _constraints(metadata: Iterable[Any]) -> dict[str, Any]:
    """Bounds read from pydantic / annotated-types metadata: ge, le, min_length, max_length,
    pattern (a nested ``FieldInfo`` gives its own metadata)."""
    found: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, FieldInfo):
            found.update(_constraints(item.metadata))
            continue
        for key in ("ge", "le", "min_length", "max_length", "pattern"):
            value = getattr(item, key, None)
            if value is not None:
                found[key] = value
    return found


def _text(bounds: dict[str, Any]) -> st.SearchStrategy:
    """A short text within the bounds (a ``pattern`` is searched, as pydantic does)."""
    low = bounds.get("min_length") or 0
    text = st.text(min_size=low, max_size=min(bounds.get("max_length", 20), 20))
    pattern = bounds.get("pattern")
    return text.filter(lambda t: re.search(pattern, t) is not None) if pattern else text


def strategy_for(annotation: Any, metadata: Iterable[Any] = ()) -> st.SearchStrategy:
    """Values a model accepts for *annotation*: ``None`` for an optional, an enum's members,
    unique lists of choices, yes/no, bounded numbers, short texts, models field by field.
    An annotation it cannot read is an error, never a silent gap."""
    bounds = _constraints(metadata)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return strategy_for(args[0], [*metadata, *args[1:]])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = st.one_of(*(strategy_for(a, metadata) for a in options))
        return st.none() | inner if len(options) < len(args) else inner
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin in (list, tuple):
        (item,) = args[:1]
        enums = [a for a in typing.get_args(item) or (item,) if _is_enum(a)]
        size = bounds.get("max_length", 8)
        if enums and all(_is_enum(a) for a in typing.get_args(item) or (item,)):
            size = min(size, sum(len(e) for e in enums))
        items = st.lists(
            strategy_for(item),
            min_size=bounds.get("min_length", 0),
            max_size=min(size, 8),
            unique=bool(enums),
        )
        return items.map(tuple) if origin is tuple else items
    if _is_enum(annotation):
        return st.sampled_from(list(annotation))
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.integers(bounds.get("ge"), bounds.get("le"))
    if annotation is float:
        return st.floats(bounds.get("ge"), bounds.get("le"), allow_nan=False, allow_infinity=False)
    if annotation is str:
        return _text(bounds)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_strategy(annotation)
    raise TypeError(f"no strategy for the annotation {annotation!r}: add one to strategy_for")


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def field_strategies(
    model: type[BaseModel],
    overrides: Mapping[str, st.SearchStrategy],
    skip: Iterable[str] = (),
    *,
    answers: bool = False,
) -> dict[str, st.SearchStrategy]:
    """A strategy for every field of *model* (but *skip*), from its annotation and metadata,
    unless *overrides* gives one; with *answers*, never ``None``."""
    return {
        name: overrides[name]
        if name in overrides
        else strategy_for(_answered(info.annotation) if answers else info.annotation, info.metadata)
        for name, info in model.model_fields.items()
        if name not in skip
    }


def model_strategy(
    model: type[BaseModel], overrides: Mapping[str, st.SearchStrategy] | None = None
) -> st.SearchStrategy:
    """Instances of *model*, every field drawn from :func:`field_strategies`."""
    return st.builds(model, **field_strategies(model, overrides or {}))


def _answered(annotation: Any) -> Any:
    """The annotation of an answer, ``None`` left out: :func:`profile_data` leaves a question
    out to leave it open."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in args:
        return typing.Union[tuple(a for a in args if a is not type(None))]  # noqa: UP007
    return annotation


members = model_strategy(
    Member,
    {
        # most lines stand for one member; some for several similar ones (« vingt fermes »)
        "count": st.integers(1, 1) | st.integers(2, 30),
        # whole head counts, so that sums stay exact
        "employees": st.none() | st.integers(0, 500).map(float),
    },
)

#: An answer (never ``None``) for each detail of a member line, from the model: a new member
#: question gets one without an edit here.
MEMBER_ANSWERS: dict[str, st.SearchStrategy] = field_strategies(
    Member, {"count": st.integers(1, 30), "employees": st.integers(0, 500).map(float)}, answers=True
)

# Only what the model's types do not say is written here: the members list (a cooperation needs
# at least two members) and a member count near the lists drawn; every other question gets its
# strategy from the model, a new question included.
_FIELD_STRATEGIES: dict[str, st.SearchStrategy] = field_strategies(
    Profile,
    {
        "members": st.lists(members, min_size=1, max_size=8).filter(
            lambda ms: sum(m.count for m in ms) >= 2
        ),
        "member_count": st.integers(2, 40),
    },
    skip=NOT_QUESTIONS,
    answers=True,
)
#: Every answerable field of the model, in the order of the model.
QUESTION_FIELDS = tuple(f for f in Profile.model_fields if f not in NOT_QUESTIONS)


@st.composite
def profile_data(draw: st.DrawFn, *, answered: float | None = None) -> dict[str, Any]:
    """A dict of a valid profile: each question answered or left unknown."""
    data: dict[str, Any] = {}
    for name, strategy in _FIELD_STRATEGIES.items():
        if draw(st.booleans()):
            data[name] = draw(strategy)
    members = data.get("members")
    if members and data.get("member_count") is not None:
        listed = sum(m.count for m in members)
        data["member_count"] = min(max(data["member_count"], listed), 100_000)
        if data["member_count"] > listed and data.get("members_complete"):
            del data["members_complete"]
    if (
        data.get("public_bodies_members") is False
        and data.get("members")
        and any(m.kind in PUBLIC_KINDS for m in data["members"])
    ):
        del data["public_bodies_members"]
    if data.get("members"):
        data["members"] = [
            m.model_copy(update={"ess": None})
            if (m.ess is False and m.kind in ESS_BY_STATUS_KINDS)
            or (m.ess is True and m.kind in NEVER_ESS_KINDS)
            else m
            for m in data["members"]
        ]
    workers = any(m.kind is MemberKind.worker for m in data.get("members") or ())
    if data.get("own_staff") is False and (
        data.get("employs_members")
        or data.get("employee_ownership")
        or (workers and data.get("employs_members") is not False)
    ):
        del data["own_staff"]
    if (
        data.get("public_bodies_members")
        and data.get("members")
        and all(m.kind in NEVER_PUBLIC_KINDS for m in data["members"])
        and data.get("members_complete") is not False
    ):
        del data["public_bodies_members"]
    if data.get("public_funding") is False and data.get("subsidy_recipient") is not None:
        del data["subsidy_recipient"]
    if data.get("employs_members") and data.get("members"):
        without = {k: v for k, v in data.items() if k != "employs_members"}
        if members_listed_without_person(Profile.model_validate(without)):
            del data["employs_members"]
    return data


profiles = profile_data().map(Profile.model_validate)


def _fact_value(name: str) -> st.SearchStrategy:
    spec = FACTS[name]
    if spec.kind is FactKind.boolean:
        return st.booleans()
    if spec.kind is FactKind.enum:
        return st.sampled_from(spec.values)
    if spec.kind is FactKind.number:
        return st.integers(0, 12)
    return st.fixed_dictionaries({v: st.none() | st.booleans() for v in spec.values})


facts = st.fixed_dictionaries({name: st.none() | _fact_value(name) for name in FACTS})


def _test_for(name: str) -> st.SearchStrategy:
    spec = FACTS[name]
    known = st.builds(lambda b: FactTest(fact=name, known=b), st.booleans())
    if spec.kind is FactKind.set:
        vals = st.sampled_from(spec.values)
        lists = st.lists(vals, min_size=1, max_size=3, unique=True).map(tuple)
        return st.one_of(
            vals.map(lambda v: FactTest(fact=name, contains=v)),
            lists.map(lambda v: FactTest(fact=name, contains_any=v)),
            lists.map(lambda v: FactTest(fact=name, contains_all=v)),
            known,
        )
    if spec.kind is FactKind.boolean:
        return st.one_of(
            st.booleans().map(lambda b: FactTest(fact=name, **{"is": b})),
            st.booleans().map(lambda b: FactTest(fact=name, is_not=b)),
            known,
        )
    values = st.sampled_from(spec.values) if spec.kind is FactKind.enum else st.integers(0, 12)
    lists = st.lists(values, min_size=1, max_size=3, unique=True).map(tuple)
    options = [
        values.map(lambda v: FactTest(fact=name, **{"is": v})),
        values.map(lambda v: FactTest(fact=name, is_not=v)),
        lists.map(lambda v: FactTest(fact=name, **{"in": v})),
        lists.map(lambda v: FactTest(fact=name, not_in=v)),
        known,
    ]
    if spec.kind is FactKind.number:
        for op in ("gt", "gte", "lt", "lte"):
            options.append(st.integers(0, 12).map(lambda v, op=op: FactTest(fact=name, **{op: v})))
    return st.one_of(*options)


fact_tests = st.sampled_from(list(FACTS)).flatmap(_test_for)

conditions = st.recursive(
    fact_tests,
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=3).map(lambda c: All(all=tuple(c))),
        st.lists(children, min_size=1, max_size=3).map(lambda c: Any_(any=tuple(c))),
        children.map(lambda c: Not(**{"not": c})),
    ),
    max_leaves=6,
)
