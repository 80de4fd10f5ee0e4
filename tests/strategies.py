"""Hypothesis strategies built from the models: profiles (partial ones included), facts, rules."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from gesform.facts import FACTS, FactKind
from gesform.models.enums import (
    CapitalLevel,
    CommercialActivity,
    CooperationStage,
    Horizon,
    Independence,
    JointSales,
    MemberKind,
    Objective,
    Sector,
    SetupSpeed,
    SharedFunction,
    Siae,
)
from gesform.models.profile import Member, Profile, members_listed_without_person
from gesform.models.rules import All, Any_, FactTest, Not


def _maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


def _enum_list(enum: type) -> st.SearchStrategy:
    return st.lists(st.sampled_from(list(enum)), unique=True, max_size=len(list(enum)))


members = st.builds(
    Member,
    name=_maybe(st.text(max_size=20)),
    # most lines stand for one member; some for several similar ones (« vingt fermes »)
    count=st.integers(1, 1) | st.integers(2, 30),
    kind=_maybe(st.sampled_from(list(MemberKind))),
    siae=_maybe(st.sampled_from(list(Siae))),
    sector=_maybe(st.sampled_from(list(Sector))),
    employees=_maybe(st.integers(0, 500).map(float)),
    has_economic_activity=_maybe(st.booleans()),
)

_FIELD_STRATEGIES: dict[str, st.SearchStrategy] = {
    "members": st.lists(members, min_size=1, max_size=8).filter(
        lambda ms: sum(m.count for m in ms) >= 2
    ),
    "member_count": st.integers(2, 40),
    "members_complete": st.booleans(),
    "sectors": _enum_list(Sector),
    "same_territory": st.booleans(),
    "cooperation_stage": st.sampled_from(list(CooperationStage)),
    "cross_boards": st.booleans(),
    "horizon": st.sampled_from(list(Horizon)),
    "objectives": _enum_list(Objective),
    "shared_functions": _enum_list(SharedFunction),
    "independence": st.sampled_from(list(Independence)),
    "profit_sharing": st.booleans(),
    "capital": st.sampled_from(list(CapitalLevel)),
    "external_investment": st.booleans(),
    "joint_liability_ok": st.booleans(),
    "public_bodies_members": st.booleans(),
    "volunteers": st.booleans(),
    "employs_members": st.booleans(),
    "employee_ownership": st.booleans(),
    "multi_stakeholder": st.booleans(),
    "commercial_activity": st.sampled_from(list(CommercialActivity)),
    "joint_sales": st.sampled_from(list(JointSales)),
    "sell_to_non_members": st.booleans(),
    "public_funding": st.booleans(),
    "setup_speed": st.sampled_from(list(SetupSpeed)),
    "borrowing_needs": st.booleans(),
}
# Every answerable field of the model has a strategy (a new field must be added here).
QUESTION_FIELDS = tuple(
    f
    for f in Profile.model_fields
    if f not in {"schema_version", "name", "description", "territory"}
)
assert set(QUESTION_FIELDS) == set(_FIELD_STRATEGIES), set(QUESTION_FIELDS) ^ set(_FIELD_STRATEGIES)


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
    if data.get("public_bodies_members") is False and data.get("members"):
        public = {MemberKind.local_authority, MemberKind.public_body}
        if any(m.kind in public for m in data["members"]):
            del data["public_bodies_members"]
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
