"""General principles the criteria table keeps, tested over every profile Hypothesis draws.

Each test states a rule of method, not a case: one reading of a fact for every form, what a
legal person is needed for, and the ranking by fit.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gesform import load_catalog, load_rules, recommend
from gesform.facts.answers import PRODUCING_AIMS
from gesform.models.profile import Profile
from gesform.models.results import Verdict

from .strategies import profiles

CATALOG = load_catalog()
RULES = load_rules()
CRITERIA = {c.id: c for c in RULES.criteria}

#: Forms that create no legal person of the group's own and are no group of companies:
#: they cannot employ, sell, borrow or hold a lease in the group's name.
NO_LEGAL_PERSON = {
    f.id for f in CATALOG if not f.legal_person and f.family.value in ("contract", "procurement")
}


def _rules_holding(form_id: str, data: dict) -> set[str]:
    """The ids of the bonus and malus rules that hold for *form_id* on the profile *data*."""
    from gesform.models.profile import Profile

    return {r.rule_id for r in recommend(Profile.model_validate(data))[form_id].reasons}


def _cell_weights(criterion_id: str) -> dict[str, int]:
    """The weight of criterion *criterion_id* on every form of the catalog."""
    cells = CRITERIA[criterion_id]
    return {f: cells.cell(f).weight for f in CATALOG.ids}


def test_a_strong_wish_of_independence_reads_the_same_for_every_form_that_keeps_it():
    """Every form that leaves each member its own governance earns the same bonus for it."""
    cells = CRITERIA["independence_strong"].effects
    bonuses = {f: c.weight for f in CATALOG.ids if (c := CRITERIA["independence_strong"].cell(f))}
    positive = {f: w for f, w in bonuses.items() if w > 0}
    assert len(set(positive.values())) == 1, positive
    assert "gie" in positive  # members of a GIE keep their individuality (C. com. L251-1)
    # Only the GES changes its members' statutes; a SCOP's members are its workers, not
    # structures with a governance of their own. Every other form leaves it intact.
    assert set(positive) == set(CATALOG.ids) - {"ges", "scop"}, sorted(positive)
    assert bonuses["ges"] < 0
    assert set(cells) == set(CATALOG.ids)


def test_what_needs_a_legal_person_weighs_against_every_form_without_one():
    """Selling to clients, borrowing, running a new activity or a core commercial activity needs
    a legal person: one criterion weighs against the convention and the PTCE for it, and no
    criterion about these needs gives a form without legal person any point."""
    need = CRITERIA["needs_legal_person"]
    assert need.cell("convention").weight < 0 and need.cell("ptce").weight < 0
    for criterion_id in ("needs_legal_person", "borrowing_needs", "new_activity"):
        for form_id in NO_LEGAL_PERSON | {"ptce"}:
            cell = CRITERIA[criterion_id].cell(form_id)
            assert cell is not None and cell.weight <= 0, (criterion_id, form_id)
    for form_id in NO_LEGAL_PERSON | {"ptce"}:
        assert CRITERIA["commercial_core"].cell(form_id).weight <= 0, form_id


def test_no_single_advantage_of_a_convention_outweighs_its_lack_of_legal_person():
    """When the joint structure must act in its own name, the convention loses more than any
    one of its advantages brings."""
    table = RULES.criteria
    need = CRITERIA["needs_legal_person"].cell("convention")
    assert need is not None
    bonuses = [c.cell("convention").weight for c in table if c.cell("convention").weight > 0]
    assert bonuses and -need.weight > max(bonuses)


_NEEDS = {
    "sell_to_non_members": ("sell_to_non_members", True),
    "borrowing_needs": ("borrowing_needs", True),
    "commercial_core": ("commercial_activity", "core"),
    "new_activity": ("objectives", "new_activity"),
    "own_business": ("joint_sales", "own_business"),
    "own_staff": ("own_staff", True),
}


@settings(max_examples=300)
@given(profiles, st.sampled_from(sorted(_NEEDS)))
def test_needing_a_legal_person_costs_a_convention_more_than_any_legal_person(profile, need):
    """From a group that needs no legal person (no sales to clients, no borrowing, no core
    commercial activity, no business of its own for the joint structure, no staff of its own,
    no new activity), adding one such need lowers the convention's score more than that of any
    form that is a legal person: it can only move down among them — unless one of the members
    runs the activity in its own name (see the next test)."""
    data = profile.model_dump(mode="json", exclude_none=True)
    data.pop("run_by_one_member", None)
    data.pop("joint_sales", None)
    data.update(own_staff=False, employs_members=False)
    data.pop("employee_ownership", None)  # employees owning it would be its staff
    objectives = set(data.get("objectives") or ()) - {"new_activity"}
    data.update(
        sell_to_non_members=False,
        borrowing_needs=False,
        commercial_activity="none",
        objectives=sorted(objectives),
    )
    before = {a.structure_id: a for a in recommend(data)}
    field, value = _NEEDS[need]
    if field == "objectives":
        data["objectives"] = sorted(objectives | {value})
    else:
        data[field] = value
    after = {a.structure_id: a for a in recommend(data)}
    drop = after["convention"].score - before["convention"].score
    # Scores are clamped to 0–100: compare only where the convention's is not.
    assume(before["convention"].score < 100 and after["convention"].score > 0)
    for form in CATALOG:
        if form.legal_person and after[form.id].score > 0:
            assert after[form.id].score - before[form.id].score > drop, (form.id, need)


@settings(max_examples=200)
@given(profiles, st.sampled_from(sorted(_NEEDS)))
def test_a_member_that_runs_the_activity_in_its_own_name_is_the_legal_person_it_needs(
    profile, need
):
    """When one member runs the joint activity in its own name and the others contribute, that
    member is the legal person that sells, borrows or employs: the need no longer weighs
    against the convention, which gains on every form that would create a legal person for an
    activity already carried (C. civ. 1101; CASF L312-7, 1°; C. trav. L8241-2). Selling only
    the members' own production is no such need (see the test on sales in their names)."""
    data = profile.model_dump(mode="json", exclude_none=True)
    field, value = _NEEDS[need]
    sales = {"sell_to_non_members", "commercial_core", "new_activity"}
    assume(not (need in sales and data.get("joint_sales") == "members_production"))
    if field == "objectives":
        data["objectives"] = sorted(set(data.get("objectives") or ()) | {value})
    else:
        data[field] = value
    data.pop("run_by_one_member", None)
    before = {a.structure_id: a for a in recommend(data)}
    after = {a.structure_id: a for a in recommend({**data, "run_by_one_member": True})}
    assert "convention.needs_legal_person" in _rules_holding("convention", data)
    assert "convention.needs_legal_person" not in _rules_holding(
        "convention", {**data, "run_by_one_member": True}
    )
    assume(before["convention"].score > 0 and after["convention"].score < 100)
    gain = after["convention"].score - before["convention"].score
    for form in CATALOG:
        if form.legal_person and 0 < before[form.id].score < 100:
            assert after[form.id].score - before[form.id].score < gain, (form.id, need)


def test_selling_the_members_production_weighs_less_on_a_convention_than_a_business_of_its_own():
    """Members may sell their own production through one of them acting as their agent
    (C. civ. 1984), without a legal person; a shared till risks a de facto partnership
    (C. civ. 1871-1873): the convention loses less than for a business of its own, which one
    member would carry alone (C. civ. 1199), and nothing when one member runs the sales."""
    own = _rules_holding("convention", {"joint_sales": "own_business"})
    members = _rules_holding("convention", {"joint_sales": "members_production"})
    assert "convention.needs_legal_person" in own
    assert members == {"convention.sells_members_production"}, members
    assert (
        0
        > _cell_weights("sells_members_production")["convention"]
        > (CRITERIA["needs_legal_person"].cell("convention").weight)
    )
    one = {"joint_sales": "members_production", "run_by_one_member": True}
    assert "convention.sells_members_production" not in _rules_holding("convention", one)


def test_one_member_running_the_activity_weighs_alike_on_every_legal_person_created_for_it():
    """The same reason (a new legal person for an activity a member already carries) weighs the
    same on every form that creates one; a tender grouping, whose members execute the contract
    together — a single operator bids alone, relying on the others' capacities (CCP R2142-3) —
    weighs it more. The GES, whose mother carries the group's functions, does not weigh it, nor
    the PTCE: lifting the pole's need of a legal person already counts the member that runs it.
    Nor does the grant agreement of a public member count twice for the convention."""
    weight = _cell_weights("run_by_one_member")
    created = {"association", "scic", "scop", "gcsms", "gie", "groupement_employeurs"}
    assert {weight[f] for f in created} == {-5}, weight
    assert weight["groupement_conjoint"] == weight["groupement_solidaire"] < -5, weight
    assert weight["ges"] == weight["ptce"] == 0 < weight["convention"], weight
    funder = {
        "members": [{"kind": "local_authority"}, {"kind": "association"}],
        "public_funding": True,
    }
    assert "convention.public_funder_member" in _rules_holding("convention", funder)
    held = _rules_holding("convention", {**funder, "run_by_one_member": True})
    assert "convention.public_funder_member" not in held, held
    assert "convention.run_by_one_member" in held, held


def test_running_a_shared_place_weighs_more_for_a_legal_person_than_for_a_convention():
    """A place and its services need someone to hold the lease and answer for them: a form
    that creates a legal person able to do so gains more than the convention, where one member
    stays alone in charge."""
    cells = CRITERIA["shared_place"]
    convention = cells.cell("convention").weight
    holders = [cells.cell(f.id).weight for f in CATALOG if f.legal_person]
    assert max(holders) > convention


def test_forms_that_need_three_parties_weigh_against_a_group_of_two():
    """A SCIC needs three categories of associates (art. 19 septies), a PTCE several actors of
    different kinds: a group of two structures is a weak fit for both, never an exclusion."""
    two = CRITERIA["two_members"]
    assert two.cell("scic").weight < 0 and two.cell("ptce").weight < 0
    assert all(r.id != "scic.two_members" for r in RULES.rules if r.effect.hard)


def test_every_legal_nature_but_the_natural_person_has_a_family():
    """The families that tell one kind of party from another cover the whole vocabulary."""
    from gesform.facts.composition import _FAMILIES
    from gesform.models.enums import MemberKind

    assert set(_FAMILIES) == set(MemberKind) - {MemberKind.person}


def test_a_scic_weighs_against_members_all_of_one_family_once():
    """Three categories of associates (art. 19 septies) also weigh against members all of one
    family: producers alone, associations alone. A weak fit, never an exclusion, and never
    twice for a group of two, which ``two_members`` already weighs."""
    assert CRITERIA["single_member_family"].cell("scic").weight < 0
    assert all(r.id != "scic.single_member_family" for r in RULES.rules if r.effect.hard)
    farms = {
        "members": [
            {"name": "Producteurs", "kind": "person", "count": 20, "has_economic_activity": True}
        ]
    }
    assert "scic.single_member_family" in _rules_holding("scic", farms)
    with_clients = {
        "members": [*farms["members"], {"name": "Clients", "kind": "person", "count": 40}]
    }
    assert "scic.single_member_family" not in _rules_holding("scic", with_clients)
    pair = {"members": [{"name": "A", "kind": "association"}, {"name": "B", "kind": "association"}]}
    held = _rules_holding("scic", pair)
    assert "scic.two_members" in held and "scic.single_member_family" not in held
    partial = {**farms, "members_complete": False}
    assert "scic.single_member_family" not in _rules_holding("scic", partial)


def _persons_as_workers(profile):
    data = profile.model_dump(mode="json", exclude_none=True)
    for m in data.get("members") or ():
        if m.get("kind") == "person":
            m["kind"] = "worker"
    return data


@settings(max_examples=300)
@given(profiles)
def test_people_who_work_in_the_joint_structure_are_not_read_as_volunteers(profile):
    """A member line of kind ``worker`` says the people work in the joint structure: unless the
    group answers otherwise they are employees of it (``employs_members``), never volunteers."""
    from gesform import Profile
    from gesform.facts import derive_facts

    data = _persons_as_workers(profile)
    data["members"] = [
        *(data.get("members") or ()),
        {"name": "Salariés", "kind": "worker", "count": 2},
    ]
    data.pop("member_count", None)
    if data.get("own_staff") is False and data.get("employs_members") is not False:
        data.pop("own_staff")  # workers of the joint structure: it has staff
    data.pop("public_bodies_members", None)  # the list, now complete, may hold no public person
    facts = derive_facts(Profile.model_validate(data))
    if profile.employs_members is None:
        assert facts["employs_members"] is True
    if profile.volunteers is None:
        assert facts["volunteers"] is not True


@settings(max_examples=300)
@given(profiles)
def test_people_who_take_part_through_a_trade_of_their_own_are_not_read_as_volunteers(profile):
    """A natural person who sells goods or services in his own name (a farmer, a craftsman)
    takes part as an economic operator: unless the group answers otherwise, a group whose
    persons all do so has no volunteers; one citizen among them is enough to have some."""
    from gesform import Profile
    from gesform.facts import derive_facts

    data = profile.model_dump(mode="json", exclude_none=True)
    data.pop("volunteers", None)
    members = data.get("members") or []
    for m in members:
        if m.get("kind") == "person":
            m["has_economic_activity"] = True
    data["members"] = [
        *members,
        {"name": "Producteurs", "kind": "person", "count": 2, "has_economic_activity": True},
    ]
    data.pop("member_count", None)
    data.pop("public_bodies_members", None)  # the list may now hold no possible public person
    assert derive_facts(Profile.model_validate(data))["volunteers"] is not True
    data["members"].append({"name": "Habitants", "kind": "person", "count": 2})
    assert derive_facts(Profile.model_validate(data))["volunteers"] is True


def test_only_the_legal_exclusion_reads_the_wide_social_medical_fact():
    """Whether a member manages an ESSMS is read widely to exclude (no GCSMS without a social or
    medico-social member, L312-7: the group's personal services count) but a bonus needs what
    the members say of themselves (``social_medical_member_stated``)."""
    wide = "has_social_medical_member"
    for criterion in RULES.criteria:
        text = criterion.model_dump_json()
        assert wide not in text.replace(f'"{wide}":', ""), criterion.id
    readers = [r.id for r in RULES.rules if wide in r.model_dump_json()]
    assert readers and all(RULES[r].effect.hard for r in readers), readers


@settings(max_examples=200)
@given(profiles)
def test_the_group_s_personal_services_alone_give_the_gcsms_no_bonus(profile):
    """Members that say nothing of their own sector, in a group whose sectors are personal
    services only, do not make the GCSMS a better fit: home help run by a member would be
    written on that member."""
    data = profile.model_dump(mode="json", exclude_none=True)
    assume(data.get("members"))
    for m in data["members"]:
        m.pop("sector", None)
        m.pop("siae", None)
        if m.get("kind") == "social_medical_establishment":
            m["kind"] = "association"
            m.pop("ess", None)  # an association is of the ESS by status
    data["sectors"] = ["personal_services"]
    stated = {r.id for r in RULES.rules if "social_medical_member_stated" in r.model_dump_json()}
    assert stated
    gcsms = recommend(data)["gcsms"]
    assert not [r.rule_id for r in gcsms.reasons if r.rule_id in stated]


def _weights(result):
    """The signed weights that hold for one form, before the score is clamped to 0…100."""
    return sum(r.weight for r in result.reasons if r.effect in ("bonus", "malus"))


_NO_COMMON_MEANS = ["territorial_development", "secure_pathways", "represent"]


@settings(max_examples=200)
@given(profiles, st.lists(st.sampled_from(_NO_COMMON_MEANS), unique=True, max_size=2))
def test_coordinating_without_pooling_anything_is_what_a_convention_is_for(profile, others):
    """A group that wants to coordinate its actions, with no means, activity or market in
    common: no form gains more from it than the convention (a contract between partners, no
    legal person), and every enterprise form (SCIC, SCOP, GIE) loses ground to it."""
    data = profile.model_dump(mode="json", exclude_none=True)
    data["objectives"] = list(others)
    before = recommend(data)
    data["objectives"] = [*others, "coordinate"]
    after = recommend(data)
    gain = {f.id: _weights(after[f.id]) - _weights(before[f.id]) for f in CATALOG}
    assert gain["convention"] == max(gain.values()), sorted(gain.items())
    for enterprise in ("scic", "scop", "gie"):
        assert gain[enterprise] < gain["convention"], (enterprise, gain)


def test_a_coordination_only_reads_alike_on_every_grouping_made_to_pool_means():
    """Coordinating without pooling anything needs no legal person that pools means: the GIE
    (C. com. L251-1) and the GCSMS (CASF L312-7, which names the convention first among the
    tools of coordination) read it alike. The convention gains nothing more here: that a
    contract is the ordinary frame of a coordination (C. civ. 1101) is counted once, by
    « coordinate », and the guide (step 3) sets convention, groupement and legal structure side
    by side without ranking them."""
    weight = _cell_weights("coordination_only")
    assert weight["gie"] == weight["gcsms"] < 0 == weight["convention"], weight
    assert _cell_weights("coordinate")["convention"] > 0
    social = {"members": [{"kind": "association", "sector": "social_medical"}] * 2}
    assert "gcsms.coordination_only" in _rules_holding(
        "gcsms", {**social, "objectives": ["coordinate"]}
    )
    assert "gcsms.coordination_only" not in _rules_holding(
        "gcsms", {**social, "objectives": ["coordinate", "share_support_functions"]}
    )


def test_coordinating_alongside_an_activity_in_common_costs_no_enterprise_form_anything():
    """Once the group also runs something in common (a new activity, a place, staff…), the
    coordination it wants is no reason against a legal person that would carry it."""
    only = {f"{form}.coordination_only" for form in CATALOG.ids}
    for objective in (
        "new_activity",
        "shared_place",
        "share_staff",
        "joint_offer",
        "share_equipment",
    ):
        answer = recommend({"objectives": ["coordinate", objective]})
        fired = {r.rule_id for result in answer.results for r in result.reasons}
        assert not fired & only, (objective, fired & only)
    answer = recommend({"objectives": ["coordinate"]})
    assert {r.rule_id for r in answer["scic"].reasons} & only


@settings(max_examples=60)
@given(st.integers(1, 4), st.integers(1, 3), st.booleans())
def test_a_pole_around_a_single_ess_structure_is_a_weak_fit_never_an_exclusion(
    ess, authorities, complete
):
    """A PTCE gathers several ESS enterprises (loi 2014-856, art. 9): around one only it weighs
    less, never is excluded for it; a line of similar members counts for its ``count``, and a
    list that is only partial never says "only one"."""
    data = {
        "members": [
            {"name": "Structures de l'ESS", "kind": "association", "count": ess},
            {"name": "Collectivités", "kind": "local_authority", "count": authorities},
            {"name": "Entreprise", "kind": "sarl"},
        ],
        "members_complete": complete,
        "same_territory": True,
        "objectives": ["territorial_development"],
    }
    ptce = recommend(data)["ptce"]
    fired = "ptce.one_ess_member" in {r.rule_id for r in ptce.reasons}
    assert fired == (ess == 1 and complete)
    assert ptce.verdict != "excluded"


@settings(max_examples=60)
@given(st.integers(1, 3), st.sampled_from(["local_authority", "sarl"]), st.booleans())
def test_a_ges_is_a_group_of_several_ess_structures(ess, partner, complete):
    """A GES gathers several solidarity enterprises under a parent (guide, COORACE definition):
    with a single ESS structure among the members, the others (a local authority, a classic
    company) would stay outside the group, so the form weighs less, at any number of members,
    and never is excluded for it; a partial list never says "only one"."""
    data = {
        "members": [
            {"name": "Structures d'insertion", "kind": "association", "siae": "aci", "count": ess},
            {"name": "Partenaire", "kind": partner},
        ],
        "members_complete": complete,
    }
    ges = recommend(data)["ges"]
    fired = "ges.one_ess_member" in {r.rule_id for r in ges.reasons}
    assert fired == (ess == 1 and complete)
    assert ges.verdict != "excluded"
    if fired:
        reason = next(r for r in ges.reasons if r.rule_id == "ges.one_ess_member")
        assert reason.weight < 0 and reason.direction == "against"


def test_a_pole_reads_shared_means_and_a_shared_place_alike():
    """The guide defines a PTCE by a sharing of human and material means among its members, held
    by the structure that carries it: pooling means and running a common place (material means)
    weigh the same way for it."""
    pool = CRITERIA["pool_means"].cell("ptce").weight
    place = CRITERIA["shared_place"].cell("ptce").weight
    assert pool > 0 and place > 0, (pool, place)


def test_a_wish_to_go_fast_reads_the_setup_effort_of_each_form():
    """How much a hurried group likes a form depends only on what setting it up takes (the
    catalog's setup effort, and whether a legal person must be created): forms alike get the
    same weight, and a heavier setup never weighs better."""
    fast = CRITERIA["setup_fast"]
    weight = {f.id: fast.cell(f.id).weight for f in CATALOG}
    key = {f.id: (f.setup.effort.rank, f.legal_person) for f in CATALOG}
    for a in CATALOG.ids:
        for b in CATALOG.ids:
            if key[a] == key[b]:
                assert weight[a] == weight[b], (a, b, weight[a], weight[b])
            if key[a][1] == key[b][1] and key[a][0] < key[b][0]:
                assert weight[a] >= weight[b], (a, b)
            if key[a][0] == key[b][0] and not key[a][1] and key[b][1]:
                assert weight[a] >= weight[b], (a, b)


def test_refusing_joint_liability_reads_the_liability_of_each_form():
    """Members who refuse to answer for the group's debts: forms with the same liability regime
    (catalog ``liability.kind``) weigh the same, every form that shields its members gains, and
    no form where members answer jointly gains anything."""
    refused = CRITERIA["joint_liability_refused"]
    weight = {f.id: refused.cell(f.id).weight for f in CATALOG}
    kind = {f.id: f.liability.kind.value for f in CATALOG}
    for a in CATALOG.ids:
        for b in CATALOG.ids:
            if kind[a] == kind[b]:
                assert weight[a] == weight[b], (a, b)
    for form_id, k in kind.items():
        # A group without legal person of its own (GES, PTCE) is carried by an association, a
        # cooperative or a company, or lives by contract: every vehicle shields the members.
        if k in (
            "none",
            "limited_to_contribution",
            "proportional",
            "contractual",
            "depends_on_vehicle",
        ):
            assert weight[form_id] > 0, form_id
        if k.startswith("joint"):
            assert weight[form_id] <= 0, form_id


def test_a_group_without_capital_reads_what_each_form_asks_of_its_members():
    """Members who can bring no capital: the weight depends only on the capital the form asks
    (catalog ``capital.kind``): most for a form that has none, less for one with optional
    capital, a malus where every member must subscribe."""
    none_ = CRITERIA["capital_none"]
    weight = {f.id: none_.cell(f.id).weight for f in CATALOG}
    by_kind: dict[str, set[int]] = {}
    for f in CATALOG:
        by_kind.setdefault(f.capital.kind.value, set()).add(weight[f.id])
    assert all(len(ws) == 1 for ws in by_kind.values()), by_kind
    assert min(by_kind["none"]) > min(by_kind["optional"]) > 0 > max(by_kind["required"])


def test_shared_equipment_weighs_more_for_a_legal_person_that_may_hold_it():
    """Equipment held in common needs an owner: the GIE, whose use it is, gains most among the
    forms open to any group (the GCSMS, made for social and medico-social members only, weighs
    it as its pooling of means); a convention leaves it with one member and gains less than any
    legal person that may hold it for its members; forms that cannot hold it (an employers'
    group, a tender grouping) lose."""
    cells = CRITERIA["share_equipment"]
    weight = {f.id: cells.cell(f.id).weight for f in CATALOG}
    assert weight["gie"] == max(w for f, w in weight.items() if f != "gcsms")
    assert cells.cell("gcsms").also is not None, "the GCSMS cell needs a social member"
    assert weight["convention"] < weight["association"]
    for form_id in ("groupement_employeurs", "groupement_conjoint", "groupement_solidaire"):
        assert weight[form_id] < 0, form_id


def test_equipment_and_services_of_common_interest_weigh_alike_for_a_gcsms():
    """One clause (CASF R312-194-4, which the guide's GCSMS sheet repeats) lets a GCSMS create
    and manage equipment and services of common interest for its members: sharing equipment and
    pooling support functions weigh the same for it."""
    pool = CRITERIA["pool_means"].cell("gcsms")
    equipment = CRITERIA["share_equipment"].cell("gcsms")
    assert pool is not None and equipment is not None
    assert pool.source.legal_basis == equipment.source.legal_basis == "casf_r312_194_4"
    assert pool.weight == equipment.weight > 0


def test_a_takeover_by_the_employees_is_what_the_scop_is_made_for():
    """Employees taking over their company: the SCOP (transformation, SCOP d'amorçage) gains
    most, and no form without a legal person or without an activity of its own gains at all."""
    cells = CRITERIA["employee_takeover"]
    weight = {f.id: cells.cell(f.id).weight for f in CATALOG}
    assert weight["scop"] == max(weight.values()) > 0
    for form_id in NO_LEGAL_PERSON | {"ptce", "gie", "groupement_employeurs"}:
        assert weight[form_id] <= 0, form_id


def test_the_two_cooperative_companies_read_commercial_activity_alike():
    """SCIC and SCOP are both commercial companies: a commercial core weighs the same for both,
    and no commercial activity at all weighs against both. The SCOP pays its worker-members
    from what it sells; the law lets a SCIC serve its beneficiaries « à titre gratuit ou
    onéreux » (loi 47-1775, art. 19 septies), so the SCIC's malus is the smaller one."""
    coops = [f.id for f in CATALOG if f.family.value == "cooperative"]
    assert sorted(coops) == ["scic", "scop"]
    core = {CRITERIA["commercial_core"].cell(f).weight for f in coops}
    assert len(core) == 1 and core.pop() > 0
    none = {f: CRITERIA["commercial_none"].cell(f).weight for f in coops}
    assert none["scop"] < none["scic"] < 0, none


@settings(max_examples=200)
@given(profiles)
def test_selling_the_members_production_is_what_a_gie_may_do_at_its_core(profile):
    """A GIE extends its members' activity (C. com. L251-1): when the joint structure's core
    commercial activity is selling what the members produce, nothing weighs against the GIE for
    selling; when it runs a business of its own, something does."""
    data = profile.model_dump(mode="json", exclude_none=True)
    data["commercial_activity"] = "core"
    selling = {"gie.commercial_core", "gie.own_business"}
    data["joint_sales"] = "members_production"
    fired = {r.rule_id for r in recommend(data)["gie"].reasons if r.weight < 0}
    assert not fired & selling, fired & selling
    data["joint_sales"] = "own_business"
    fired = {r.rule_id for r in recommend(data)["gie"].reasons if r.weight < 0}
    if data.get("sell_to_non_members") is False:
        # a business that sells only to the members supplies their activity (L251-1)
        assert not fired & selling, fired & selling
    else:
        assert fired & selling


def test_a_gie_that_supplies_only_its_members_runs_the_auxiliary_activity_the_law_gives_it():
    """A joint business is detached from the members' activity when it sells to other clients;
    one that sells only to its members (a common quarry, workshop or purchasing unit) supplies
    their activity, which is what a GIE is for (C. com. L251-1). The malus of a business of its
    own holds for the GIE only in the first case, or while the clients are unknown, and the
    forms that employ or answer a tender only keep theirs whoever the clients are."""
    own = {"joint_sales": "own_business", "objectives": ["share_equipment"]}
    assert "gie.own_business" in _rules_holding("gie", own)
    assert "gie.own_business" in _rules_holding("gie", {**own, "sell_to_non_members": True})
    members_only = {**own, "sell_to_non_members": False}
    assert "gie.own_business" not in _rules_holding("gie", members_only)
    for form in ("groupement_employeurs", "groupement_conjoint", "groupement_solidaire"):
        assert f"{form}.own_business" in _rules_holding(form, members_only), form
    scores = recommend(members_only)
    assert scores["gie"].score > recommend(own)["gie"].score


@settings(max_examples=200)
@given(profiles)
def test_producers_who_keep_their_own_business_are_not_the_workers_of_a_scop(profile):
    """A SCOP is formed by the workers who exercise their trade together in it (loi 78-763,
    art. 1): producers who keep their own farms or firms and sell their production through the
    joint structure would be its suppliers, not its worker-members. Selling the members'
    production weighs against the SCOP for every group, where it counts for the GIE; a business
    of the joint structure's own does not."""
    data = profile.model_dump(mode="json", exclude_none=True)
    data["joint_sales"] = "members_production"
    assert "scop.sells_members_production" in _rules_holding("scop", data)
    data["joint_sales"] = "own_business"
    assert "scop.sells_members_production" not in _rules_holding("scop", data)
    cells = _cell_weights("sells_members_production")
    assert cells["scop"] < 0 < cells["gie"], cells


def test_a_call_for_projects_is_not_a_public_tender():
    """A subsidy finances a project the beneficiary defines, not a service the authority buys
    (loi 2000-321, art. 9-1): answering a call for projects together gives nothing to the
    groupings of public procurement, and none of the weights of a tender carries over."""
    grant = CRITERIA["joint_grant_application"]
    tender = CRITERIA["public_tender"]
    for form_id in ("groupement_conjoint", "groupement_solidaire"):
        assert grant.cell(form_id).weight < 0 < tender.cell(form_id).weight, form_id
    weight = {f.id: grant.cell(f.id).weight for f in CATALOG}
    assert weight["convention"] == max(weight.values())
    answer = recommend({"objectives": ["joint_grant_application"]})
    for form_id in ("groupement_conjoint", "groupement_solidaire"):
        assert answer[form_id].verdict == "excluded", form_id


def test_any_private_legal_person_may_receive_a_subsidy():
    """Loi 2000-321, art. 9-1 speaks of any private-law body: answering a call for projects
    together gives no legal person a bonus over another for receiving the subsidy."""
    grant = CRITERIA["joint_grant_application"]
    bonuses = {f.id for f in CATALOG if f.legal_person and grant.cell(f.id).weight > 0}
    assert not bonuses, bonuses


def test_a_project_living_on_subsidies_counts_for_each_form_the_law_opens_them_to():
    """Local authorities may subsidise a SCIC to take part in its development (loi 47-1775,
    art. 19 decies): a project that lives on subsidies counts for the SCIC, yet less than for
    the association, the form public funders know best, since aid to a commercial company
    follows the rules of aid to enterprises."""
    weight = _cell_weights("public_funding")
    assert 0 < weight["scic"] < weight["association"], weight
    cell = CRITERIA["public_funding"].cell("scic")
    assert cell.source.legal_basis == "scic_art19_decies"


def test_securing_insertion_pathways_counts_for_each_form_the_law_gives_that_mission():
    """The law gives three forms the mission of insertion pathways: the GES between insertion
    structures (C. trav. L5132-15-2), the GCSMS between social services (CASF L312-7) and the
    employers' group recognised as GEIQ (C. trav. L1253-1, since 2014): each gains the same;
    the others are neutral."""
    weight = _cell_weights("secure_pathways")
    assert weight["ges"] == weight["gcsms"] == weight["groupement_employeurs"] > 0, weight
    assert CRITERIA["secure_pathways"].cell("groupement_employeurs").source.legal_basis == (
        "ct_l1253_1"
    )
    others = set(weight) - {"ges", "gcsms", "groupement_employeurs"}
    assert {weight[f] for f in others} == {0}, weight


def test_who_receives_the_subsidies_decides_which_reading_of_them_holds():
    """A subsidy is granted to a private body for the action it leads (loi 2000-321, art. 9-1):
    when the joint structure is to receive it, a convention needs a member as chef de file, who
    answers alone to the funder and may pass shares on only if the funding convention says so
    (CGCT L1611-4) — a cost, lighter than a need of a legal person, the same for the tender
    groupings (no legal person, CCP R2142-19), and none for the PTCE, whose structure porteuse
    receives its funding. The forms public funders know gain. When only the
    members receive it, each for its action, the funding convention with the public member may
    organise the partnership (art. 10). An unknown recipient keeps both readings open."""
    base = {
        "members": [{"kind": "local_authority"}, {"kind": "association"}],
        "members_complete": True,
        "public_funding": True,
    }
    joint = {**base, "subsidy_recipient": "joint_structure"}
    members = {**base, "subsidy_recipient": "members"}
    both = {**base, "subsidy_recipient": "both"}
    for form_id in ("association", "scic", "ptce"):
        assert f"{form_id}.public_funding" in _rules_holding(form_id, joint), form_id
        assert f"{form_id}.public_funding" in _rules_holding(form_id, base), form_id
        assert f"{form_id}.public_funding" not in _rules_holding(form_id, members), form_id
    for profile in (joint, both):
        assert "convention.joint_subsidies" in _rules_holding("convention", profile)
        assert "convention.needs_legal_person" not in _rules_holding("convention", profile)
    weight = _cell_weights("joint_subsidies")
    # Every form without a legal person of the group's own (the convention, the two tender
    # groupings) has no joint structure to receive them, and pays for it alike; no other form
    # does (the PTCE's structure porteuse receives its funding).
    assert {"convention", "groupement_conjoint", "groupement_solidaire"} == NO_LEGAL_PERSON
    assert {weight[f] for f in NO_LEGAL_PERSON} == {weight["convention"]}
    assert weight["convention"] < 0
    assert {w for f, w in weight.items() if f not in NO_LEGAL_PERSON} == {0}, weight
    assert weight["convention"] > CRITERIA["needs_legal_person"].cell("convention").weight
    assert CRITERIA["joint_subsidies"].cell("convention").source.legal_basis == "cgct_l1611_4"
    one = {**joint, "run_by_one_member": True}
    assert "convention.joint_subsidies" not in _rules_holding("convention", one)
    assert "convention.joint_subsidies" not in _rules_holding("convention", members)
    assert "convention.public_funder_member" in _rules_holding("convention", members)
    assert "convention.public_funder_member" in _rules_holding("convention", both)
    assert "convention.public_funder_member" not in _rules_holding("convention", joint)
    scores = {
        name: {a.structure_id: a.score for a in recommend(p)}
        for name, p in (("joint", joint), ("members", members))
    }
    assert scores["joint"]["convention"] < scores["members"]["convention"]
    assert scores["joint"]["association"] > scores["members"]["association"]


def test_staff_of_its_own_weighs_on_every_form_that_cannot_employ():
    """An employer is a person: a joint structure that would employ costs the convention and the
    PTCE (needs of a legal person) and the tender groupings, which have no personality (unless
    the group pools staff, already weighed); the employers' group, made to employ, loses when
    the joint structure would employ no one (C. trav. L1253-1)."""
    staff = {"own_staff": True, "objectives": ["public_tender"]}
    for form_id in ("convention", "ptce", "groupement_conjoint", "groupement_solidaire"):
        assert f"{form_id}.needs_legal_person" in _rules_holding(form_id, staff), form_id
    pooled = {"own_staff": True, "objectives": ["public_tender", "share_staff"]}
    assert "groupement_conjoint.needs_legal_person" not in _rules_holding(
        "groupement_conjoint", pooled
    )
    # The PTCE's share_staff cell is a bonus (members lend each other staff), not a second count
    # of the missing employer: it holds whoever employs.
    assert "ptce.share_staff" in _rules_holding("ptce", pooled)
    assert "ptce.share_staff" in _rules_holding("ptce", {"objectives": ["share_staff"]})
    weight = _cell_weights("no_own_staff")
    assert weight["groupement_employeurs"] < 0, weight
    assert {w for f, w in weight.items() if f != "groupement_employeurs"} == {0}, weight
    assert "groupement_employeurs.no_own_staff" in _rules_holding(
        "groupement_employeurs", {"own_staff": False}
    )


def test_a_social_security_body_funds_like_an_administrative_authority_not_as_a_public_person():
    """Loi 2000-321 (art. 1) counts social security bodies (CAF, MSA, CPAM, CARSAT) among the
    administrative authorities whose subsidies above 23 000 € need a convention (art. 10): a
    CAF that funds a centre social of the group weighs for the convention as a commune would.
    It stays a private-law body: it does not count as a public person for the forms that the
    law opens to public persons (SCIC, GCSMS)."""
    caf = {
        "members": [
            {"name": "CAF", "kind": "social_security_body"},
            {"name": "Centre social", "kind": "association"},
        ],
        "members_complete": True,
        "public_funding": True,
    }
    commune = {**caf, "members": [{"kind": "local_authority"}, caf["members"][1]]}
    assert "convention.public_funder_member" in _rules_holding("convention", caf)
    assert "convention.public_funder_member" in _rules_holding("convention", commune)
    # The SCIC's public-partner cell needs an activity the SCIC would produce (19 quinquies).
    run = {"objectives": ["shared_place"]}
    assert "scic.public_bodies" not in _rules_holding("scic", {**caf, **run})
    assert "scic.public_bodies" in _rules_holding("scic", {**commune, **run})
    without = {**caf, "members": [{"kind": "association"}, {"kind": "association"}]}
    assert "convention.public_funder_member" not in _rules_holding("convention", without)


def test_running_an_authorised_social_service_together_needs_a_holder_of_the_authorisation():
    """An ESSMS is authorised to a manager, a legal person (CASF L312-1, L312-7): the GCSMS, which
    the code lets hold or exploit the authorisation for its members, gains the most; every form
    that has no legal person to hold it (tender groupings, PTCE, convention) or cannot run an
    establishment (the employers' group lends staff only) loses — the convention not when one
    member runs the service in its own name."""
    weight = _cell_weights("run_essms")
    assert weight["gcsms"] == max(weight.values()), weight
    for form_id in NO_LEGAL_PERSON | {"ptce", "groupement_employeurs"}:
        assert weight[form_id] < 0, (form_id, weight)
    essms = {"objectives": ["run_essms"]}
    assert "convention.run_essms" in _rules_holding("convention", essms)
    one = {**essms, "run_by_one_member": True}
    assert "convention.run_essms" not in _rules_holding("convention", one)


def test_external_investors_weigh_alike_on_every_form_that_has_no_share_to_offer_them():
    """An outside investor needs a legal person whose shares it may hold: the forms without
    one (tender groupings, convention, PTCE) weigh alike against the need, and so do the
    groupements whose membership the law reserves to those who use them (GIE, GE)."""
    cells = CRITERIA["external_investment"]
    without_person = {f: cells.cell(f).weight for f in NO_LEGAL_PERSON | {"ptce"}}
    assert len(set(without_person.values())) == 1 and min(without_person.values()) < 0, (
        without_person
    )
    for form_id in ("gie", "groupement_employeurs"):
        assert cells.cell(form_id).weight < 0, form_id
    # A GES gathers companies that can open their capital: no weight either way.
    assert cells.cell("ges").weight == 0


def test_the_two_tender_groupings_differ_only_on_what_each_member_answers_for():
    """A groupement conjoint and a groupement solidaire are the same grouping of candidates; the
    law tells them apart only by what each member answers for (C. comm. publ. R2142-20). Every
    criterion weighs alike on both, except those about liability and about members too weak
    to guarantee the whole contract."""
    liability = {"joint_liability_refused", "joint_liability_accepted", "rescue"}
    differ = {
        c.id
        for c in RULES.criteria
        if c.cell("groupement_conjoint").weight != c.cell("groupement_solidaire").weight
    }
    assert differ == liability, sorted(differ)


def test_each_tender_grouping_is_as_uncertain_as_the_other_until_the_group_answers():
    """Each tender grouping has one legal condition of its own (C. comm. publ. R2142-20): the
    solidaire asks members to answer for the whole contract, the conjoint asks that the
    services be shared out between them. Unanswered, both stay open alike, and the close call
    names both questions; a « no » to either rules out only the form that needs it."""
    tender = {"objectives": ["public_tender"]}
    rec = recommend(tender)
    conj, soli = rec["groupement_conjoint"], rec["groupement_solidaire"]
    assert (conj.verdict, conj.score) == (soli.verdict, soli.score)
    assert [q.id for q in conj.missing if q.decisive] == ["work_split_by_member"]
    assert [q.id for q in soli.missing if q.decisive] == ["joint_liability_ok"]
    assert {q.id for q in rec.separating_questions()} == {
        "joint_liability_ok",
        "work_split_by_member",
    }
    for answer, excluded in (
        ({"work_split_by_member": False}, "groupement_conjoint"),
        ({"joint_liability_ok": True}, None),
        ({"joint_liability_ok": False}, "groupement_solidaire"),
    ):
        rec = recommend({**tender, **answer})
        shut = {f for f in ("groupement_conjoint", "groupement_solidaire") if rec[f].blocking}
        assert shut == ({excluded} if excluded else set()), answer


@settings(max_examples=200, deadline=None)
@given(profiles)
def test_a_partial_list_is_a_lower_bound_on_the_number_of_members(profile):
    """A list said to be partial still counts at least its members: « at least k members »
    is settled by it, while « exactly k » stays unknown until the list is complete."""
    from gesform.facts import derive_facts
    from gesform.models.profile import listed_members

    facts = derive_facts(profile)
    if profile.member_count is not None:
        assert facts["members_at_least"] == profile.member_count
    elif profile.members:
        assert facts["members_at_least"] == listed_members(profile)
        if facts["member_count"] is not None:
            assert facts["member_count"] == facts["members_at_least"]
    else:
        assert facts["members_at_least"] is None


def test_a_long_partial_list_settles_the_at_least_criteria():
    """Ten members named out of more, who share staff: the convention's « many members » brake
    applies; and a PTCE with an association and a company among four named members meets the
    decree's three-legal-person threshold, though the list is partial."""
    many = {
        "members": [{"kind": "association", "count": 10}],
        "members_complete": False,
        "objectives": ["share_staff"],
    }
    assert "convention.many_members" in _rules_holding("convention", many)
    kinds = ("association", "association", "company", "local_authority")
    mixed = {
        "members": [{"kind": k} for k in kinds],
        "members_complete": False,
        "public_funding": True,
    }
    assert "ptce.non_ess_enterprise" in _rules_holding("ptce", mixed)


def test_many_members_weigh_against_a_convention_only_when_they_lend_staff():
    """Each loan of staff among many members needs its own agreement naming the employee (C. trav.
    L8241-2): many members weigh against a convention when they lend staff; no text makes shared
    means or a framework agreement to coordinate heavier among many."""

    def fires(objectives: list[str]) -> bool:
        data = {"members": [{"kind": "association", "count": 12}], "objectives": objectives}
        return "convention.many_members" in _rules_holding("convention", data)

    assert fires(["share_staff"]) and fires(["share_staff", "group_purchasing"])
    assert not fires(["share_support_functions"]) and not fires(["share_equipment"])
    assert not fires(["coordinate"]) and not fires(["territorial_development"])


def test_a_public_member_funding_a_private_member_meets_in_a_convention():
    """A public body that subsidises an association of the group does so through a convention
    (loi 2000-321, art. 10): the convention gains only when a public member, a private ESS
    member and subsidies are all there."""

    def fires(**answers: object) -> bool:
        data = {"members": [{"kind": "local_authority"}, {"kind": "association"}], **answers}
        return "convention.public_funder_member" in _rules_holding("convention", data)

    assert fires(public_funding=True)
    assert not fires(public_funding=False)
    assert not fires(public_funding=True, members=[{"kind": "association"}] * 2)


def test_recruiting_together_is_what_the_employers_group_is_for():
    """Employers who recruit together need someone who hires for them: the employers' group
    (C. trav. L1253-1) gains most; no form without a legal person gains; and the group that
    says it recruits together no longer meets the « no staff sharing » brake of the GE."""
    cells = CRITERIA["recruit_together"]
    weight = {f.id: cells.cell(f.id).weight for f in CATALOG}
    assert weight["groupement_employeurs"] == max(weight.values()) > 0
    for form_id in NO_LEGAL_PERSON | {"ptce"}:
        assert weight[form_id] < 0, form_id
    data = {"members": [{"kind": "sarl"}, {"kind": "sarl"}], "objectives": ["recruit_together"]}
    reasons = _rules_holding("groupement_employeurs", data)
    assert "groupement_employeurs.no_staff_sharing" not in reasons
    assert "groupement_employeurs.recruit_together" in reasons


def test_every_objective_run_in_common_ends_a_coordination_only():
    """« Se coordonner sans rien exercer ni mettre en commun » holds only while every stated
    objective is itself without anything in common: each objective of the vocabulary is either
    one of those, or one that ends the coordination-only reading (a new objective must be put
    on one side or the other)."""
    from gesform.models.enums import Objective

    base = {"members": [{"kind": "association"}, {"kind": "association"}]}
    alone = _rules_holding("scic", {**base, "objectives": ["coordinate"]})
    assert "scic.coordination_only" in alone
    for objective in Objective:
        if objective.value in (*_NO_COMMON_MEANS, "coordinate"):
            continue
        data = {**base, "objectives": ["coordinate", objective.value]}
        assert "scic.coordination_only" not in _rules_holding("scic", data), objective


def test_a_commune_weighs_against_every_form_whose_capital_or_profit_it_cannot_join():
    """A commune may join a commercial company or a profit-making body only with a décret en
    Conseil d'État (CGCT L2253-1); the SCIC is opened to it by its own law. So a local
    authority among the members weighs against the SCOP and the GIE, never against the SCIC,
    and every cell that cites L2253-1 is a malus."""
    crit = CRITERIA["local_authority"]
    citing = {
        f
        for f in CATALOG.ids
        if (c := crit.cell(f)) and c.source and c.source.legal_basis == "cgct_l2253_1"
    }
    assert {"scop", "gie"} <= citing
    assert all(crit.cell(f).weight < 0 for f in citing)
    assert crit.cell("scic").weight >= 0 and CRITERIA["public_bodies"].cell("scic").weight > 0
    assert "scic" not in citing and "association" not in citing


def test_training_or_promoting_together_is_a_service_to_members_not_a_tender():
    """Training the members' teams or promoting them together is a non-profit aim any
    association may take on (loi 1901, art. 1), which a plain convention can also organise;
    a grouping of candidates exists for one contract only (CCP R2142-19) and gets a malus."""
    for criterion in ("train_together", "promote_together"):
        cells = CRITERIA[criterion]
        weight = {f: cells.cell(f).weight for f in CATALOG.ids}
        assert weight["association"] == max(weight.values()) > 0, criterion
        assert weight["convention"] > 0, criterion
        assert weight["groupement_conjoint"] < 0 and weight["groupement_solidaire"] < 0
    assert CRITERIA["promote_together"].cell("gie").weight > 0  # C. com. L251-1
    assert CRITERIA["promote_together"].cell("groupement_employeurs").weight < 0  # L1253-1


def test_two_partners_alone_need_no_legal_person_of_their_own():
    """Between two structures a convention is enough to formalise what they pool (guide, step
    4); the forms that need more than two members or kinds of members weigh against it."""
    cells = CRITERIA["two_members"]
    assert cells.cell("convention").weight > 0
    for form_id in ("scic", "ptce"):  # three categories of associates; three legal persons
        assert cells.cell(form_id).weight < 0, form_id
    pair = {"members": [{"kind": "association"}, {"kind": "local_authority"}]}
    assert "convention.two_members" in _rules_holding(
        "convention", {**pair, "members_complete": True}
    )
    partial = {**pair, "members_complete": False}  # « at least two » is not « two »
    assert "convention.two_members" not in _rules_holding("convention", partial)


def test_supporting_project_holders_is_a_service_of_collective_interest_not_a_tender():
    """Accompanying project holders together is at the heart of a pole (loi 2014-856, art. 9),
    a non-profit aim any association may take on (loi 1901, art. 1) and a service of collective
    interest a SCIC may produce (loi 1947, art. 19 quinquies); a grouping of candidates exists
    for one contract only (CCP R2142-19) and a GE only lends staff to its members (C. trav.
    L1253-1). It is something done in common, so it ends a « coordination only »."""
    weight = _cell_weights("support_project_holders")
    top = max(weight.values())
    assert weight["ptce"] == weight["association"] == weight["scic"] == top > 0, weight
    assert 0 < weight["convention"] < top
    for form_id in ("groupement_conjoint", "groupement_solidaire", "groupement_employeurs"):
        assert weight[form_id] < 0, form_id
    both = {"objectives": ["coordinate", "support_project_holders"]}
    assert "scic.coordination_only" not in _rules_holding("scic", both)
    assert "scic.coordination_only" in _rules_holding("scic", {"objectives": ["coordinate"]})


def test_a_legal_person_the_members_create_may_employ_the_staff_they_share():
    """An association or a GIE that the members create may employ shared staff and put them at
    the members' disposal at cost (C. trav. L8241-2; C. com. L251-1): both gain, alike, from
    sharing staff, and the groupement d'employeurs, made by law for it (L1253-1), gains most."""
    weight = _cell_weights("share_staff")
    assert weight["association"] == weight["gie"] > 0, weight
    assert weight["groupement_employeurs"] == max(weight.values())


def test_staff_lent_at_cost_inside_a_group_counts_for_the_ges():
    """Inside a GES the structures lend each other staff at cost (C. trav. L8241-2), as a
    convention's signatories may: sharing staff is a plus for both, and the groupement
    d'employeurs, made by law for it (L1253-1), keeps the largest plus."""
    weight = _cell_weights("share_staff")
    assert weight["ges"] > 0 and weight["convention"] > 0
    assert weight["groupement_employeurs"] > max(
        w for f, w in weight.items() if f != "groupement_employeurs"
    )


def test_no_form_its_workers_cannot_own_gains_from_an_employee_takeover():
    """Employees taking over a business need a company they can own: a non-profit (association,
    GCSMS) or a grouping without legal personality (convention, PTCE, candidate groupings) gets
    a malus, never a plus."""
    cells = CRITERIA["employee_takeover"]
    for form_id in (
        "association",
        "gcsms",
        "convention",
        "ptce",
        "groupement_conjoint",
        "groupement_solidaire",
    ):
        assert cells.cell(form_id).weight < 0, form_id
    assert cells.cell("scop").weight == max(cells.cell(f).weight for f in CATALOG.ids)
    # A company taken over is run by managers its worker-members choose among themselves
    # (loi 78-763, art. 1): it cannot be a daughter whose board a GES mother appoints.
    assert cells.cell("ges").weight < 0


def test_rescuing_members_weighs_against_forms_whose_members_answer_for_common_debts():
    """Where the members answer jointly for the common debts — the GIE (C. com. L251-6), the
    groupement d'employeurs towards its employees and social bodies (C. trav. L1253-8), the
    groupement solidaire — gathering structures in difficulty puts their risk on the sound
    ones: a malus on each."""
    cells = CRITERIA["rescue"]
    for form_id in ("gie", "groupement_employeurs", "groupement_solidaire"):
        assert cells.cell(form_id).weight < 0, form_id


def test_expecting_a_share_of_profits_fits_a_scop_only_for_members_who_work_in_it():
    """A SCOP shares its profits among its workers; member structures that do not work in it
    get only a capped interest on their shares (loi 47-1775, art. 14): the plus holds only when
    the members work in the joint structure. Partners sharing profits without a legal person
    form a société créée de fait (C. civ. 1871 to 1873): a malus on the convention. A group
    carried by an association mother or a cooperative with indivisible reserves (GES, PTCE)
    distributes nothing to its members: a malus on both, alike."""
    workers = {"profit_sharing": True, "employs_members": True}
    assert "scop.profit_expected" in _rules_holding("scop", workers)
    structures = {"profit_sharing": True, "employs_members": False}
    assert "scop.profit_expected" not in _rules_holding("scop", structures)
    cells = CRITERIA["profit_expected"]
    assert cells.cell("convention").weight < 0
    assert cells.cell("ges").weight == cells.cell("ptce").weight < 0


def test_users_and_residents_cannot_sit_in_a_form_whose_membership_the_law_restricts():
    """The GIE gathers members with an economic activity (C. com. L251-1), the GCSMS social,
    medico-social and health operators (CASF L312-7), a tender grouping economic operators
    only (CCP L1220-1): none can seat users, residents or employees as members, so wanting
    them around the table is a malus on each, and volunteers without a say in a GCSMS are one
    on it as long as multi-stakeholder decisions are not already weighed."""
    cells = CRITERIA["stakeholders_together"]
    for form_id in ("gie", "gcsms", "groupement_conjoint", "groupement_solidaire"):
        assert cells.cell(form_id).weight < 0, form_id
    assert cells.cell("scic").weight == max(cells.cell(f).weight for f in CATALOG.ids)
    assert "gcsms.volunteers" in _rules_holding("gcsms", {"volunteers": True})
    both = {"volunteers": True, "multi_stakeholder": True}
    assert "gcsms.volunteers" not in _rules_holding("gcsms", both)
    assert "gcsms.stakeholders_together" in _rules_holding("gcsms", both)


def test_pooling_payroll_or_hr_is_within_what_an_employers_group_may_do():
    """C. trav. L1253-1 gives the groupement d'employeurs a second mission, help and advice on
    employment and HR management: a group that pools its payroll or HR asks something of it,
    even without sharing staff. While the pooled functions are not named (or named in free
    text, which may say payroll or HR in other words), the question stays open rather than
    counting against the form."""
    ge = "groupement_employeurs"
    malus, bonus = f"{ge}.no_staff_sharing", f"{ge}.pool_means"
    support = {"objectives": ["share_support_functions"]}
    assert malus in _rules_holding(ge, {"objectives": ["joint_offer"]})
    for named in (["payroll"], ["hr", "accounting"]):
        held = _rules_holding(ge, {**support, "shared_functions": named})
        assert malus not in held and bonus in held, (named, held)
    held = _rules_holding(ge, {**support, "shared_functions": ["accounting"]})
    assert malus in held and bonus not in held, held
    free = recommend({**support, "shared_functions": ["gestion du personnel"]})[ge]
    assert malus not in {r.rule_id for r in free.reasons}
    unnamed = recommend(support)[ge]
    assert malus not in {r.rule_id for r in unnamed.reasons}
    asked = {q.id for q in unnamed.missing if malus in q.rules}
    # Naming the functions settles it; saying that nobody is employed (own_staff and the
    # answers it derives from) lifts it too, since no_own_staff then weighs instead.
    assert "shared_functions" in asked, asked
    from gesform.facts import FACTS

    assert asked <= {"shared_functions", *FACTS["own_staff"].questions}, asked


def test_insertion_pathways_are_within_what_an_employers_group_may_do():
    """C. trav. L1253-1 lets a groupement d'employeurs that organises insertion and
    qualification paths be recognised as a GEIQ: it hires the people on the path and places
    them with its members. A group that wants such paths asks something of the form, so the
    malus for "no staff sharing asked" never holds beside the bonus for the paths; any other
    objective without staff sharing still carries it."""
    ge = "groupement_employeurs"
    malus, bonus = f"{ge}.no_staff_sharing", f"{ge}.secure_pathways"
    for objectives in (["secure_pathways"], ["secure_pathways", "joint_offer"]):
        held = _rules_holding(ge, {"objectives": objectives})
        assert bonus in held and malus not in held, (objectives, held)
    assert malus in _rules_holding(ge, {"objectives": ["joint_offer", "train_together"]})


def test_representing_the_members_takes_a_person_or_a_mandate():
    """Without a legal person a group can neither sue nor commit itself: one signatory may act
    for the others under a mandate (C. civ. 1984), while a declared association may defend in
    court the collective interests of its object. So a group that wants to represent its
    members carries a small malus on the convention; the forms whose object is not to represent
    anyone (SCIC, SCOP, GIE) keep their own malus for a bare coordination."""
    coordinating = _rules_holding("convention", {"objectives": ["coordinate"]})
    representing = _rules_holding("convention", {"objectives": ["coordinate", "represent"]})
    assert "convention.represent" not in coordinating
    assert "convention.represent" in representing
    assert _cell_weights("represent")["convention"] < 0 < _cell_weights("represent")["association"]
    for form in ("scic", "scop", "gie"):
        held = _rules_holding(form, {"objectives": ["coordinate", "represent"]})
        assert f"{form}.coordination_only" in held, (form, held)


def test_a_member_that_hires_for_all_lets_a_convention_recruit_together():
    """A convention employs no one, so recruiting together costs it, unless one member hires
    for all and puts the person at the others' disposal at cost (C. trav. L8241-2): the
    exception that `needs_legal_person` already makes for a member running the activity."""
    recruit = {"objectives": ["recruit_together"]}
    assert "convention.recruit_together" in _rules_holding("convention", recruit)
    by_one = {**recruit, "run_by_one_member": True}
    assert "convention.recruit_together" not in _rules_holding("convention", by_one)
    assert "convention.needs_legal_person" not in _rules_holding(
        "convention", {**by_one, "own_staff": True}
    )


def test_a_gie_that_trades_is_weighed_once_for_it():
    """A GIE may trade habitually for its own account (C. com. L251-4) as long as its activity
    stays auxiliary to its members' (L251-1). Once the group says what the joint structure
    sells, `sells_members_production` or `own_business` weighs it; the small malus for a
    commercial core only holds while that is unknown, and the same goes for a new activity."""
    core = {"commercial_activity": "core", "objectives": ["new_activity"]}
    unknown = _rules_holding("gie", core)
    assert {"gie.commercial_core", "gie.new_activity"} <= unknown
    own = _rules_holding("gie", {**core, "joint_sales": "own_business"})
    assert "gie.own_business" in own
    assert not {"gie.commercial_core", "gie.new_activity"} & own
    members = _rules_holding("gie", {**core, "joint_sales": "members_production"})
    assert "gie.sells_members_production" in members
    assert not {"gie.commercial_core", "gie.new_activity", "gie.own_business"} & members
    # A service for the inhabitants, a facility a local authority entrusts or an authorised
    # social establishment would be the GIE's own activity: weighed by those objectives only
    # while the group has not said what the joint structure sells (a social establishment
    # is never the members' production, so selling that leaves its malus in place).
    services = {"objectives": ["local_service", "run_public_facility", "run_essms"]}
    activity = {"gie.local_service", "gie.run_public_facility", "gie.run_essms"}
    assert activity <= _rules_holding("gie", services)
    own = _rules_holding("gie", {**services, "joint_sales": "own_business"})
    assert "gie.own_business" in own and not activity & own
    members = _rules_holding("gie", {**services, "joint_sales": "members_production"})
    assert activity & members == {"gie.run_essms"}


def test_a_pole_is_charged_once_for_not_being_a_person():
    """A PTCE is not a legal person (loi 2014-856, art. 9): when the joint structure would
    employ, `needs_legal_person` weighs that lack once, and neither recruiting together nor
    running a social establishment charges it again; when a member runs the activity in its
    own name, none of them holds."""
    data = {"objectives": ["recruit_together", "run_essms"], "own_staff": True}
    held = _rules_holding("ptce", data)
    assert "ptce.needs_legal_person" in held
    assert not {"ptce.recruit_together", "ptce.run_essms"} & held, held
    by_one = _rules_holding("ptce", {**data, "run_by_one_member": True})
    assert not {"ptce.needs_legal_person", "ptce.recruit_together", "ptce.run_essms"} & by_one


def test_one_legal_point_is_weighed_once_in_the_scic_and_convention_columns():
    """The jurists' audit of the eleventh pass: a fact that one criterion already weighs for a
    form is not weighed again by another. A public member's place in a SCIC is counted by
    `public_bodies`, not again by `run_public_facility`; the three categories of associates by
    the SCIC's own condition once `multi_stakeholder` is answered, not again by `two_members`;
    the chef de file route of CGCT L1611-4 is not both a bonus (`joint_grant_application`) and a
    malus (`joint_subsidies`) for the convention; a member that bids alone relying on the others
    (CCP R2142-3) lifts the convention's tender malus."""
    facility = {"objectives": ["run_public_facility"], "public_bodies_members": True}
    assert "scic.run_public_facility" not in _rules_holding("scic", facility)
    assert "scic.public_bodies" in _rules_holding("scic", facility)
    two = {"member_count": 2}
    assert "scic.two_members" in _rules_holding("scic", two)
    assert "scic.two_members" not in _rules_holding("scic", {**two, "multi_stakeholder": True})
    grant = {"objectives": ["joint_grant_application"], "subsidy_recipient": "joint_structure"}
    held = _rules_holding("convention", grant)
    assert "convention.joint_subsidies" in held
    assert "convention.joint_grant_application" not in held
    members = _rules_holding("convention", {**grant, "subsidy_recipient": "members"})
    assert "convention.joint_grant_application" in members
    tender = {"objectives": ["public_tender"]}
    assert "convention.public_tender" in _rules_holding("convention", tender)
    alone = _rules_holding("convention", {**tender, "run_by_one_member": True})
    assert "convention.public_tender" not in alone


def test_a_groupement_d_employeurs_counts_for_pooled_hr_not_for_group_purchasing():
    """Beyond lending staff, a groupement d'employeurs may advise its members on employment and
    HR (C. trav. L1253-1): it gains from pooled support functions when staff is shared, never
    from buying together."""
    hr = {"objectives": ["share_staff", "share_support_functions"]}
    assert "groupement_employeurs.pool_means" in _rules_holding("groupement_employeurs", hr)
    buying = {"objectives": ["share_staff", "group_purchasing"]}
    assert "groupement_employeurs.pool_means" not in _rules_holding("groupement_employeurs", buying)


def test_the_carriers_of_a_pole_weigh_a_territorial_strategy():
    """The guide says a PTCE may be an informal grouping, an association or a SCIC: each of the
    forms that can carry a territorial strategy weighs it positively, and the pole, whose legal
    definition it is (loi 2014-856, art. 9), weighs it most."""
    cells = _cell_weights("territorial_development")
    carriers = ("association", "scic", "convention")
    assert all(cells[f] > 0 for f in carriers), cells
    assert cells["ptce"] > max(cells[f] for f in carriers), cells


def test_a_local_service_for_inhabitants_needs_a_structure_that_serves_them():
    """Keeping or reopening a service the inhabitants would lose is a service of collective
    interest (SCIC, loi 1947 art. 19 quinquies) or a non-profit aim (association); a GIE only
    extends its members' own activity (C. com. L251-1), a groupement d'employeurs only lends
    staff (L1253-1), candidates group for one contract (R2142-19): they weigh against it."""
    weight = _cell_weights("local_service")
    # The commercial side of the service is weighed once, by its own criterion: the
    # association is not docked a second time here.
    assert weight["scic"] == weight["association"] == max(weight.values()) > 0, weight
    for f in ("gie", "groupement_employeurs", "groupement_conjoint", "groupement_solidaire"):
        assert weight[f] < 0, (f, weight)
    # It is something the members do together: coordination alone no longer describes them.
    assert "scic.coordination_only" not in _rules_holding(
        "scic", {"objectives": ["coordinate", "local_service"]}
    )
    assert "scic.coordination_only" in _rules_holding("scic", {"objectives": ["coordinate"]})


def test_a_facility_entrusted_by_a_local_authority_is_held_under_its_contract():
    """A local authority lets a private body run one of its facilities only under a title or a
    contract (CG3P L2122-1): when the authority is a member, that convention is the
    cooperation itself; an association may take the management on as its non-profit aim; a GIE
    (L251-1) or a groupement d'employeurs (L1253-1) cannot run it."""
    weight = _cell_weights("run_public_facility")
    assert weight["convention"] > 0 and weight["association"] > 0, weight
    assert weight["gie"] < 0 and weight["groupement_employeurs"] < 0, weight
    town, association = {"kind": "local_authority"}, {"kind": "association"}
    data = {"members": [town, association], "objectives": ["run_public_facility"]}
    assert "convention.run_public_facility" in _rules_holding("convention", data)
    data = {"members": [association, association], "objectives": ["run_public_facility"]}
    assert "convention.run_public_facility" not in _rules_holding("convention", data)
    assert "association.run_public_facility" in _rules_holding("association", data)


def test_selling_the_members_production_in_their_names_needs_no_legal_person():
    """A member acting as agent may sell each producer's goods in that producer's name
    (C. civ. 1984): selling the members' own production does not by itself call for a legal
    person, so the convention keeps only the smaller malus for a common till (C. civ. 1871);
    employing staff still calls for one (C. civ. 1199)."""
    selling = {
        "sell_to_non_members": True,
        "joint_sales": "members_production",
        "own_staff": False,
        "borrowing_needs": False,
        "commercial_activity": "ancillary",
        "objectives": ["joint_offer"],
    }
    held = _rules_holding("convention", selling)
    assert "convention.needs_legal_person" not in held
    assert "convention.sells_members_production" in held
    employing = _rules_holding("convention", {**selling, "own_staff": True})
    assert "convention.needs_legal_person" in employing
    own = _rules_holding("convention", {**selling, "joint_sales": "own_business"})
    assert "convention.needs_legal_person" in own


@settings(max_examples=40)
@given(st.sampled_from([None, True, False]), st.booleans())
def test_a_natural_person_excludes_a_gie_only_when_said_to_have_no_economic_activity(
    activity, complete
):
    """A GIE prolongs its members' economic activity (C. com. L251-1), which a natural person may
    carry on (L251-2): a citizen whose activity is unstated makes the GIE a weak fit and the
    question is asked; only a stated "no" excludes it."""
    person = {"name": "Habitants", "kind": "person", "count": 3}
    if activity is not None:
        person["has_economic_activity"] = activity
    data = {
        "members": [{"name": "Artisan", "kind": "sole_trader"}, person],
        "members_complete": complete,
    }
    gie = recommend(data)["gie"]
    rules = {r.rule_id for r in gie.reasons}
    assert (gie.verdict == "excluded") == (activity is False)
    assert ("gie.persons_activity_unstated" in rules) == (activity is None)
    if activity is None:
        assert "members.has_economic_activity" in {m.id for m in gie.missing}


def test_the_joint_structure_s_own_workers_have_no_activity_for_a_gie_to_prolong():
    """Employees of the joint structure carry on no economic activity of their own (L251-1)."""
    workers = {"members": [{"kind": "sole_trader"}, {"kind": "worker", "count": 2}]}
    assert recommend(workers)["gie"].verdict == "excluded"


def test_a_new_social_service_run_together_counts_once_for_the_gcsms():
    """Running a new ESSMS together is one purpose of CASF L312-7, weighed by ``run_essms``: the
    GCSMS's ``new_activity`` bonus does not add to it."""
    members = [{"kind": "social_medical_establishment"}, {"kind": "association"}]
    both = {"members": members, "objectives": ["new_activity", "run_essms"]}
    alone = {"members": members, "objectives": ["new_activity"]}
    assert "gcsms.new_activity" not in _rules_holding("gcsms", both)
    assert "gcsms.new_activity" in _rules_holding("gcsms", alone)


@settings(max_examples=30)
@given(st.sampled_from([None, True, False]))
def test_a_scop_needs_workers_that_the_joint_structure_employs(own_staff):
    """A SCOP is the enterprise of the workers it employs and who are its associates, at least two
    (loi 78-763, art. 1 and 5): a joint structure said to employ nobody cannot be one. Unknown,
    the SCOP stays open and the question is asked."""
    data: dict = {"objectives": ["new_activity"], "commercial_activity": "core"}
    if own_staff is not None:
        data["own_staff"] = own_staff
    scop = recommend(data)["scop"]
    assert (scop.verdict == "excluded") == (own_staff is False)
    if own_staff is False:
        shut = [r for r in scop.reasons if r.rule_id == "scop.no_workers"]
        assert shut and shut[0].source.legal_basis == "scop_loi1978_art5"
    if own_staff is None:
        assert "own_staff" in {m.id for m in scop.missing}


def test_a_company_s_passage_to_the_scop_status_counts_once():
    """A rescue, a takeover by the employees and a transformation all rest on a company adopting
    the SCOP status (loi 78-763, art. 48 ff. and 49 ter): the rescue bonus does not add to the
    other two, which already weigh those articles."""
    assert "scop.rescue" in _rules_holding("scop", {"objectives": ["rescue"]})
    for other in ("employee_takeover", "transform_structure"):
        held = _rules_holding("scop", {"objectives": ["rescue", other]})
        assert "scop.rescue" not in held, other
        assert f"scop.{other}" in held, other


def test_the_minority_of_non_worker_associates_weighs_once_on_a_scop():
    """Volunteers and other stakeholders are non-cooperator associates of a SCOP, a minority
    (loi 47-1775, art. 3 bis): when the group wants several kinds of stakeholders to decide
    together, that rule is weighed once, by ``stakeholders_together``."""
    alone = _rules_holding("scop", {"volunteers": True})
    both = _rules_holding("scop", {"volunteers": True, "multi_stakeholder": True})
    assert "scop.volunteers" in alone
    assert "scop.volunteers" not in both and "scop.stakeholders_together" in both


def test_a_new_activity_is_a_scop_project_only_for_those_who_will_work_in_it():
    """Loi 78-763, art. 1: the SCOP is formed by the workers who run it; founders who will not
    work in the activity they create get no SCOP bonus for it."""
    assert "scop.new_activity" in _rules_holding("scop", {"objectives": ["new_activity"]})
    not_working = {"objectives": ["new_activity"], "employs_members": False}
    assert "scop.new_activity" not in _rules_holding("scop", not_working)


def test_a_ges_loses_once_for_each_fact_that_refuses_a_unified_governance():
    """A strong wish of independence (the guide's « organisation pyramidale ») and pooling without
    wanting a unified governance are two facts, each weighed once against the GES: no third
    malus adds their union."""
    base = {"objectives": ["share_support_functions"]}
    plain = recommend(base)["ges"]
    strong = recommend({**base, "independence": "strong"})["ges"]
    before = {r.rule_id for r in plain.reasons}
    added = {r.rule_id: r.weight for r in strong.reasons if r.weight and r.rule_id not in before}
    assert added == {"ges.independence_strong": _cell_weights("independence_strong")["ges"]}, added


def test_a_commune_may_sit_in_a_ges_mother():
    """A commune may be a member of the association mother of a GES or an associate of a SCIC
    mother (loi 47-1775, art. 19 septies); only the group's commercial companies are closed to
    it (CGCT L2253-1), and it need not enter them: no malus on the GES."""
    assert _cell_weights("local_authority")["ges"] == 0
    crit = CRITERIA["local_authority"].cell("ges")
    assert not (crit.source and crit.source.legal_basis == "cgct_l2253_1")


def test_members_who_refuse_joint_liability_can_still_share_staff_in_a_ge():
    """C. trav. L1253-8: the statutes may share the GE's wage and social debts between members,
    on objective criteria, and the sharing binds creditors. Refusing joint liability is a small
    malus, not enough to rank a convention of staff loans above the form the law made for shared
    jobs."""
    data = {"objectives": ["share_staff"], "joint_liability_ok": False}
    answer = recommend(data)
    assert answer["groupement_employeurs"].score > answer["convention"].score
    assert "groupement_employeurs.joint_liability_refused" in {
        r.rule_id for r in answer["groupement_employeurs"].reasons
    }


def test_a_ge_without_anyone_to_employ_loses_once():
    """``no_staff_sharing`` and ``no_own_staff`` both say the GE would have nothing to do
    (L1253-1): when the joint structure is said to employ no one, only the second weighs."""
    data = {"objectives": ["joint_offer"], "own_staff": False}
    held = _rules_holding("groupement_employeurs", data)
    assert "groupement_employeurs.no_own_staff" in held
    assert "groupement_employeurs.no_staff_sharing" not in held
    assert "groupement_employeurs.no_staff_sharing" in _rules_holding(
        "groupement_employeurs", {"objectives": ["joint_offer"]}
    )


def test_a_ge_sells_nothing_and_a_trading_structure_weighs_once_against_it():
    """A GE only puts staff at its members' disposal, without profit (L1253-1): selling the
    members' production is as foreign to it as a business of its own, and the commercial core is
    weighed once, by what is sold when that is known."""
    assert _cell_weights("sells_members_production")["groupement_employeurs"] < 0
    core = {"commercial_activity": "core"}
    assert "groupement_employeurs.commercial_core" in _rules_holding("groupement_employeurs", core)
    for sold in ("own_business", "members_production"):
        held = _rules_holding("groupement_employeurs", {**core, "joint_sales": sold})
        assert "groupement_employeurs.commercial_core" not in held, sold


def test_a_grouping_of_candidates_rescues_no_one_and_its_members_must_be_eligible():
    """A grouping exists for one contract and consolidates no structure; a member in liquidation,
    or in redressement without leave to trade, cannot bid and must be replaced (CCP L2141-3,
    L2141-13). The solidaire grouping, where each answers for all (R2142-20), weighs more."""
    weight = _cell_weights("rescue")
    assert weight["groupement_solidaire"] < weight["groupement_conjoint"] < 0, weight


def test_a_grouping_without_legal_person_is_docked_once_for_employing_no_one():
    """Without legal personality a grouping of candidates employs no one (CCP L1220-1,
    R2142-19): recruiting together and needing a legal person for its own staff are one point."""
    for form_id in ("groupement_conjoint", "groupement_solidaire"):
        data = {"own_staff": True, "objectives": ["public_tender", "recruit_together"]}
        held = _rules_holding(form_id, data)
        assert f"{form_id}.recruit_together" in held
        assert f"{form_id}.needs_legal_person" not in held
        alone = _rules_holding(form_id, {"own_staff": True, "objectives": ["public_tender"]})
        assert f"{form_id}.needs_legal_person" in alone


def test_a_ge_may_serve_the_employment_side_of_a_territorial_strategy():
    """L1253-19 opens the GE to local authorities « dans le but de favoriser le développement de
    l'emploi sur un territoire »: a territorial strategy is no reason against it."""
    assert _cell_weights("territorial_development")["groupement_employeurs"] >= 0


def test_employees_who_are_to_own_the_majority_are_employees_of_the_joint_structure():
    """Wanting the employees to hold the majority and elect the managers (the SCOP's condition)
    says the joint structure has employees: the SCOP's « no workers » exclusion does not stay
    open for such a group, and its verdict can be « recommandée »."""
    data = {"employee_ownership": True, "commercial_activity": "core"}
    scop = recommend(data)["scop"]
    assert "own_staff" not in {m.id for m in scop.missing}
    assert scop.verdict != "excluded"


def test_a_gie_counts_its_joint_offer_once_with_what_it_sells():
    """The GIE's joint offer and the sale of its members' production are one point (C. com.
    L251-1, operations that extend the members' activity): once the group says what the joint
    structure sells, the sales criteria weigh it and the joint-offer bonus no longer adds to it."""
    offer = {"objectives": ["joint_offer"]}
    assert "gie.joint_offer" in _rules_holding("gie", offer)
    for sales in ("members_production", "own_business"):
        holding = _rules_holding("gie", {**offer, "joint_sales": sales})
        assert "gie.joint_offer" not in holding, sales


def test_sharing_staff_reads_the_same_for_an_association_and_a_scic():
    """Both can run a groupement d'employeurs activity for their members (C. trav. L1253-2 and
    L1253-3) and, like any employer, lend their staff at cost (L8241-2): the same weight."""
    weight = _cell_weights("share_staff")
    assert weight["association"] == weight["scic"] > 0, weight


def test_a_membership_that_is_a_form_s_own_condition_reads_alike_for_each_such_form():
    """All members associations is what a union of associations is made of; all members
    carrying an economic activity is the condition of a GIE (C. com. L251-1) and of a
    groupement of economic operators answering a tender (CCP R2142-19). Each gives its forms
    the same bonus, and a conventional enterprise among them is not counted twice."""
    union = _cell_weights("all_members_associations")
    operators = _cell_weights("all_members_economic")
    made_of_operators = {"gie", "groupement_conjoint", "groupement_solidaire"}
    assert {f for f, w in operators.items() if w} == made_of_operators
    assert {operators[f] for f in made_of_operators} == {union["association"]}
    assert union["association"] > 0
    tender = {
        "objectives": ["public_tender"],
        "members": [{"name": "Entreprises", "count": 3, "has_economic_activity": True}],
    }
    assert "groupement_solidaire.all_members_economic" in _rules_holding(
        "groupement_solidaire", tender
    )
    no_tender = {**tender, "objectives": ["joint_offer"]}
    assert "groupement_solidaire.all_members_economic" not in _rules_holding(
        "groupement_solidaire", no_tender
    )
    farms = {"members": [{"name": "Fermes", "count": 12, "has_economic_activity": True}]}
    companies = {"members": [{"name": "A", "kind": "sas"}, {"name": "B", "kind": "sarl"}]}
    assert "gie.all_members_economic" in _rules_holding("gie", farms)
    held = _rules_holding("gie", companies)
    assert "gie.non_ess_enterprise" in held and "gie.all_members_economic" not in held
    one_without = {
        "members": [
            {"name": "Fermes", "count": 12, "has_economic_activity": True},
            {"name": "Habitants", "kind": "person", "has_economic_activity": False},
        ]
    }
    assert "gie.all_members_economic" not in _rules_holding("gie", one_without)


def test_a_territorial_health_community_can_only_be_an_association():
    """The law makes a CPTS an association of 1901 (CSP L1434-12-1): forming one is the only
    objective whose cell favours the association over every other form, each of which weighs
    the same against it; the fit stays a score, never an exclusion, and coordination alone is
    not counted a second time."""
    weight = _cell_weights("health_community")
    others = {f: w for f, w in weight.items() if f != "association"}
    assert weight["association"] > 0 and set(others.values()) == {-10}, weight
    profile = {"objectives": ["health_community", "coordinate"]}
    results = recommend(Profile.model_validate({"name": "CPTS", **profile})).results
    assert results[0].structure_id == "association"
    before = recommend(Profile.model_validate({"name": "CPTS", "objectives": ["coordinate"]}))

    def excluded(found: list) -> set[str]:
        return {r.structure_id for r in found if r.verdict is Verdict.excluded}

    assert excluded(results) == excluded(before.results)
    assert "scic.coordination_only" not in _rules_holding("scic", profile)
    assert "scic.coordination_only" in _rules_holding("scic", {"objectives": ["coordinate"]})


def test_a_business_of_its_own_weighs_against_every_form_with_no_account_of_its_own():
    """A joint structure that produces and sells for its own account needs a legal person
    whose object allows it: the GIE stays auxiliary to its members (C. com. L251-1), the
    employers' group only employs (C. trav. L1253-1), a tender grouping has neither legal
    personality nor life beyond its contract (CCP R2142-19); the convention and the PTCE pay
    for it once, through `needs_legal_person`. The two cooperative companies are made for it."""
    cells = _cell_weights("own_business")
    for form_id in ("gie", "groupement_employeurs", "groupement_conjoint", "groupement_solidaire"):
        assert cells[form_id] < 0, form_id
    assert cells["groupement_conjoint"] == cells["groupement_solidaire"]
    assert cells["scic"] > 0 and cells["scop"] > 0
    own = {"joint_sales": "own_business", "objectives": ["public_tender"]}
    for form_id in ("convention", "ptce"):
        assert f"{form_id}.needs_legal_person" in _rules_holding(form_id, own), form_id
        assert f"{form_id}.own_business" not in _rules_holding(form_id, own), form_id


def test_partners_just_meeting_weigh_against_a_form_whose_members_answer_without_limit():
    """The members of a GIE answer for its debts on their own assets, jointly and without
    limit (C. com. L251-6): partners who are only getting to know each other take that risk
    before trust is built, and the guide puts the GIE after a first informal stage. Forms
    whose members answer for nothing or only for their contribution gain nothing from it."""
    early = _cell_weights("early_stage")
    assert early["gie"] < 0
    later = _cell_weights("beyond_informal")
    assert later["gie"] > 0
    holding = _rules_holding("gie", {"cooperation_stage": "talk"})
    assert "gie.early_stage" in holding
    assert "gie.early_stage" not in _rules_holding("gie", {"cooperation_stage": "pool"})


def test_a_pole_s_access_to_calls_for_projects_is_counted_once():
    """Being recognised as a PTCE opens calls of the State and local authorities; the subsidies
    criterion counts it (+10). Answering a call together adds nothing of the pole's own, as
    for the association, whose subsidies criterion counts its access to funders."""
    grant = _cell_weights("joint_grant_application")
    funding = _cell_weights("public_funding")
    for form_id in ("ptce", "association"):
        assert grant[form_id] == 0 < funding[form_id], form_id


def test_a_global_communication_is_one_of_the_traits_of_a_ges():
    """Coorace's definition of a GES counts a global communication among its five traits, with
    a coordinated offer: promoting the members together and a joint offer weigh alike on it."""
    assert _cell_weights("promote_together")["ges"] == _cell_weights("joint_offer")["ges"] > 0


def test_member_structures_meet_the_scop_s_worker_majority_once():
    """In a SCOP the worker-members hold the majority of capital and votes; member structures
    would be outside minority associates (loi 47-1775, art. 3 bis). When the members are known
    to be structures only, `no_natural_persons` weighs that obstacle, and neither pooling means
    nor a unified governance charges it again; while the members are unknown, they do."""
    wants = {"objectives": ["share_support_functions", "unified_governance"]}
    unknown = _rules_holding("scop", wants)
    assert {"scop.pool_means", "scop.unified_governance"} <= unknown
    structures = {**wants, "members": [{"kind": "association"}, {"kind": "sas"}]}
    structures["members_complete"] = True
    holding = _rules_holding("scop", structures)
    assert "scop.no_natural_persons" in holding
    assert not {"scop.pool_means", "scop.unified_governance"} & holding


@settings(max_examples=200)
@given(profiles, st.sampled_from(sorted(PRODUCING_AIMS)))
def test_public_partners_weigh_for_a_scic_only_with_an_activity_it_would_produce(profile, aim):
    """Any public person may be an associate of a SCIC (loi 47-1775, art. 19 septies), and the
    guide counts it as an advantage for a local economic project: the SCIC's object is to
    produce or supply goods and services (art. 19 quinquies). The permission weighs for every
    group whose joint structure would do so — a commercial activity, or an aim where it
    produces or supplies for others — and for no group that only coordinates, represents or
    seeks a grant, whose public partner the association and the convention admit as well."""
    from gesform.facts import derive_facts

    data = profile.model_dump(exclude_none=True)
    data.pop("members", None)
    data.pop("member_count", None)
    data["public_bodies_members"] = True
    quiet = {**data, "commercial_activity": "none", "objectives": ["coordinate", "represent"]}
    assume(derive_facts(Profile.model_validate(quiet))["public_bodies_members"] is True)
    assert "scic.public_bodies" not in _rules_holding("scic", quiet)
    producing = {**quiet, "objectives": ["coordinate", aim.value]}
    assert "scic.public_bodies" in _rules_holding("scic", producing)
    selling = {**quiet, "commercial_activity": "ancillary"}
    assert "scic.public_bodies" in _rules_holding("scic", selling)
    weights = _cell_weights("public_bodies")
    assert weights["association"] == weights["convention"] == 0 < weights["scic"]


def test_an_advantage_weighs_only_in_the_context_its_source_gives():
    """The scope re-reading of the twenty-third pass: a cell fires exactly for the groups its
    reason holds for. The GCSMS's independence is the guide's advantage of a tool for social and
    medico-social actors; the association as forerunner of a SCIC needs a SCIC in view (one that
    would produce or supply, art. 19 quinquies); the decree's composition weighs for a pole that
    seeks the State's calls; the permission of 19 septies serves a facility only where a public
    associate may still come; L5132-15-2 ties a GES's territorial aim to insertion actions."""
    culture = [{"kind": "association", "sector": "culture"}] * 2
    social = [{"kind": "association", "sector": "social_medical"}, culture[0]]
    free = {"independence": "strong", "members_complete": True}
    assert "gcsms.independence_strong" not in _rules_holding("gcsms", {**free, "members": culture})
    assert "gcsms.independence_strong" in _rules_holding("gcsms", {**free, "members": social})

    early = {"multi_stakeholder": True, "cooperation_stage": "talk", "commercial_activity": "none"}
    talk = {**early, "objectives": ["coordinate", "represent"]}
    place = {**early, "objectives": ["shared_place"]}
    assert "association.multi_stakeholder_early" not in _rules_holding("association", talk)
    assert "association.multi_stakeholder_early" in _rules_holding("association", place)

    kinds = ("association", "association", "company", "local_authority")
    pole = {"members": [{"kind": k} for k in kinds], "members_complete": True}
    assert "ptce.non_ess_enterprise" not in _rules_holding("ptce", pole)
    funded = {**pole, "public_funding": True}
    assert "ptce.non_ess_enterprise" in _rules_holding("ptce", funded)
    to_members = {**funded, "subsidy_recipient": "members"}
    assert "ptce.non_ess_enterprise" not in _rules_holding("ptce", to_members)

    facility = {"objectives": ["run_public_facility"]}
    assert "scic.run_public_facility" in _rules_holding("scic", facility)
    no_public = {**facility, "public_bodies_members": False}
    assert "scic.run_public_facility" not in _rules_holding("scic", no_public)

    territory = {"objectives": ["territorial_development"], "sectors": ["culture"]}
    no_insertion = {**territory, "members": culture, "members_complete": True}
    assert "ges.territorial_development" not in _rules_holding("ges", no_insertion)
    insertion = {**territory, "sectors": ["insertion"]}
    assert "ges.territorial_development" in _rules_holding("ges", insertion)


@settings(max_examples=300)
@given(profiles)
def test_one_idea_is_weighed_once_for_each_form(profile):
    """Where one criterion already weighs an idea for a form, a second cell on the same idea
    stays silent (scope re-reading of the twenty-third pass), for every profile: the SCIC's
    volunteers once the stakeholders' wish is answered; the SCOP's working members once the
    employees' ownership is; a GES's accepted common board once a unified governance is sought;
    the GIE's supply chain and the employers' group's five selling aims once the sales criterion
    says what the joint structure sells; the convention's facility contract once one member
    runs the activity; a SCIC's or SCOP's own business once a core commercial activity does."""
    from gesform.facts import derive_facts

    facts = derive_facts(profile)
    answer = recommend(profile)

    def holds(form_id: str, criterion: str) -> bool:
        return f"{form_id}.{criterion}" in {r.rule_id for r in answer[form_id].reasons}

    if facts["multi_stakeholder"] is True:
        assert not holds("scic", "volunteers")
    if facts["employee_ownership"] is not None:
        assert not holds("scop", "employs_members")
    if (facts["objectives"] or {}).get("unified_governance"):
        assert not holds("ges", "independence_weak")
    if facts["joint_sales"] is not None:
        assert not holds("gie", "local_supply_chain")
        for aim in ("joint_offer", "local_supply_chain", "new_activity", "local_service"):
            assert not holds("groupement_employeurs", aim), aim
        assert not holds("groupement_employeurs", "run_public_facility")
    if facts["run_by_one_member"] is True:
        assert not holds("convention", "run_public_facility")
    if facts["commercial_activity"] == "core":
        assert not holds("scic", "own_business") and not holds("scop", "own_business")


#: The cells that weigh what a form without legal person cannot do by itself (employ, borrow,
#: sell, recruit): a member that runs the activity in its own name does it for the group.
_NO_PERSON_CELLS = {
    "convention": {"convention.needs_legal_person", "convention.recruit_together"},
    "ptce": {"ptce.needs_legal_person", "ptce.recruit_together"},
    "groupement_conjoint": {
        "groupement_conjoint.needs_legal_person",
        "groupement_conjoint.borrowing_needs",
        "groupement_conjoint.recruit_together",
        "groupement_conjoint.own_business",
    },
    "groupement_solidaire": {
        "groupement_solidaire.needs_legal_person",
        "groupement_solidaire.borrowing_needs",
        "groupement_solidaire.recruit_together",
        "groupement_solidaire.own_business",
    },
}


@pytest.mark.parametrize("form", sorted(_NO_PERSON_CELLS))
@pytest.mark.parametrize(
    "needs",
    [
        {"own_staff": True},
        {"borrowing_needs": True},
        {"sell_to_non_members": True},
        {"objectives": ["recruit_together"]},
        {"joint_sales": "own_business"},
    ],
)
def test_a_member_that_runs_the_activity_is_the_person_every_form_without_one_lacks(form, needs):
    """Every form without a legal person of the group's own reads the operating member alike:
    while nobody runs the activity, something weighs the need (employ, borrow, sell, recruit)
    for each form it concerns; once a member runs it in its own name (it employs, borrows and
    signs), none of these cells weighs it any more, on any such form."""
    data = {"objectives": ["public_tender"], **needs}
    if "objectives" in needs:
        data["objectives"] = ["public_tender", *needs["objectives"]]
    cells = _NO_PERSON_CELLS[form]
    operated = _rules_holding(form, {**data, "run_by_one_member": True})
    assert not cells & operated, cells & operated
    assert _rules_holding(form, {**data, "run_by_one_member": False}) >= (
        _rules_holding(form, data) & cells
    )


def test_a_gie_supplying_only_its_members_still_does_not_serve_the_public_by_itself():
    """Selling only to the members spares the GIE the malus of a business of its own and of a
    commercial core (C. com. L251-1); it does not make an authorised establishment, a facility
    entrusted by a local authority or a service for the inhabitants a supply to the members:
    those cells weigh again exactly where the malus of a business of its own no longer does."""
    core = {"commercial_activity": "core"}
    assert "gie.commercial_core" in _rules_holding("gie", core)
    assert "gie.commercial_core" not in _rules_holding(
        "gie", {**core, "sell_to_non_members": False}
    )
    for aim in ("run_essms", "run_public_facility", "local_service"):
        own = {"objectives": [aim], "joint_sales": "own_business"}
        others = _rules_holding("gie", {**own, "sell_to_non_members": True})
        members = _rules_holding("gie", {**own, "sell_to_non_members": False})
        assert "gie.own_business" in others and f"gie.{aim}" not in others, aim
        assert "gie.own_business" not in members and f"gie.{aim}" in members, aim


@pytest.mark.parametrize(
    "objectives, extra",
    [
        (["share_staff"], {}),
        (["recruit_together"], {}),
        (["secure_pathways"], {}),
        (["share_support_functions"], {"shared_functions": ["payroll"]}),
        (["promote_together"], {"shared_functions": ["hr"]}),
    ],
)
def test_an_employers_group_keeps_its_members_independent_whatever_its_legal_purpose(
    objectives, extra
):
    """The GE employs for its members and leaves their statutes and governance intact
    (C. trav. L1253-1) for every purpose the table reads as its own (the ones that spare it the
    malus of a group that shares no staff): the wish for independence counts for each, and so do
    the advantages of the staff it hires and places (the members' joint liability for wages,
    L1253-8; placements at cost between non-taxable associations, CGI 261 B)."""
    associations = [{"name": f"A{i}", "kind": "association"} for i in (1, 2, 3)]
    group = {"independence": "strong", "joint_liability_ok": True, "members": associations}
    cells = {
        "groupement_employeurs.independence_strong",
        "groupement_employeurs.joint_liability_accepted",
        "groupement_employeurs.all_members_associations",
    }
    fired = _rules_holding("groupement_employeurs", {**group, "objectives": objectives, **extra})
    assert cells <= fired, cells - fired
    assert "groupement_employeurs.no_staff_sharing" not in fired
    off = _rules_holding("groupement_employeurs", {**group, "objectives": ["joint_offer"]})
    assert not cells & off, cells & off


def test_naming_payroll_or_hr_among_the_functions_to_pool_asks_for_the_employers_group():
    """« Quelles fonctions support seraient mutualisées ? » : a group that names payroll or HR
    says by that answer alone that it would pool them, with or without the objective « mettre
    en commun des fonctions support », and running its members' payroll or HR is a purpose the
    law gives the employers' group (C. trav. L1253-1). The GE cells that need that purpose
    then read it the same way; naming only other functions, or nothing, changes nothing."""
    associations = [{"name": f"A{i}", "kind": "association"} for i in (1, 2, 3)]
    group = {"independence": "strong", "members": associations}
    cell = "groupement_employeurs.independence_strong"
    for answers in ({"shared_functions": ["hr"]}, {"shared_functions": ["payroll", "it"]}):
        assert cell in _rules_holding("groupement_employeurs", {**group, **answers}), answers
    for answers in ({"shared_functions": ["accounting"]}, {}):
        assert cell not in _rules_holding("groupement_employeurs", {**group, **answers}), answers
    promoting = {**group, "objectives": ["promote_together"]}
    malus = "groupement_employeurs.no_staff_sharing"
    assert malus in _rules_holding("groupement_employeurs", promoting)
    assert malus in _rules_holding(
        "groupement_employeurs", {**promoting, "shared_functions": ["communication"]}
    )
    named = _rules_holding("groupement_employeurs", {**promoting, "shared_functions": ["payroll"]})
    assert malus not in named and cell in named


def test_the_ges_may_carry_the_insertion_actions_whose_pathways_it_secures():
    """C. trav. L5132-15-2: to guarantee the continuity of insertion pathways, a private legal
    person may carry or coordinate conventioned insertion actions. Securing pathways is the
    article's own purpose and the body may carry the actions itself, so the GES's bonus for it
    needs no insertion structure among the members; the territory's development, an aim that
    names no insertion, counts for the GES only with one."""
    two_associations = [{"name": f"A{i}", "kind": "association"} for i in (1, 2)]
    none = {"members": two_associations, "members_complete": True, "sectors": ["training"]}
    some = {"sectors": ["insertion"]}
    assert "ges.secure_pathways" in _rules_holding(
        "ges", {"objectives": ["secure_pathways"], **none}
    )
    territory = {"objectives": ["territorial_development"]}
    assert "ges.territorial_development" not in _rules_holding("ges", {**territory, **none})
    assert "ges.territorial_development" in _rules_holding("ges", {**territory, **some})


def test_the_state_s_calls_for_poles_count_legal_persons_and_a_company():
    """Décret 2015-431, art. 3: the State's calls for PTCE ask for at least three legal persons,
    an ESS enterprise and an enterprise outside the ESS among them. Citizens and sole traders
    are natural persons: they neither make up the three nor stand for the enterprise."""
    funded = {"same_territory": True, "public_funding": True}
    rule = "ptce.non_ess_enterprise"
    three = [
        {"name": "Asso", "kind": "association"},
        {"name": "Société", "kind": "sas"},
        {"name": "Commune", "kind": "local_authority"},
    ]
    assert rule in _rules_holding("ptce", {**funded, "members": three})
    citizens = [
        three[0],
        {"name": "Artisan", "kind": "sole_trader"},
        {"name": "Habitants", "kind": "person", "count": 5},
    ]
    assert rule not in _rules_holding("ptce", {**funded, "members": citizens})
    two_and_people = [*three[:2], {"name": "Habitants", "kind": "person", "count": 5}]
    assert rule not in _rules_holding("ptce", {**funded, "members": two_and_people})


def test_local_authorities_form_an_employers_group_only_beside_private_persons():
    """C. trav. L1253-19: private-law persons create the group with local authorities and their
    public establishments; without any private member the form is impossible, and a member
    that may be private (an association, an establishment, a person) keeps it open."""
    public_only = [
        {"name": "Commune", "kind": "local_authority"},
        {"name": "Établissements de l'État", "kind": "public_body", "count": 2},
    ]
    data = {"objectives": ["share_staff"], "members_complete": True}
    rec = recommend({**data, "members": public_only})
    assert rec["groupement_employeurs"].verdict is Verdict.excluded
    assert "groupement_employeurs.no_private_member" in {
        r.rule_id for r in rec["groupement_employeurs"].blocking
    }
    with_private = [*public_only, {"name": "Association", "kind": "association"}]
    rec = recommend({**data, "members": with_private})
    assert rec["groupement_employeurs"].verdict is not Verdict.excluded
    # A university may be public: the exclusion stays open, the form « à confirmer ».
    university = [public_only[0], {"name": "Université", "kind": "research_or_training"}]
    rec = recommend({**data, "members": university})
    assert rec["groupement_employeurs"].verdict is Verdict.conditional


def test_a_pole_is_carried_by_a_scic_on_the_same_fact_as_its_set_up():
    """The SCIC's object is to produce or supply (loi 47-1775, art. 19 quinquies): the PTCE's
    SCIC vehicle and the set-up « a PTCE carried by a SCIC » read the same fact, so the support
    the pole's card proposes and the set-up never disagree."""
    data = {
        "objectives": ["territorial_development", "local_service"],
        "multi_stakeholder": True,
        "same_territory": True,
    }
    rec = recommend(data)
    vehicles = [v.vehicle_id for v in rec["ptce"].vehicles]
    setups = {s.setup_id for s in rec.setups}
    assert "ptce_carried_by_scic" in setups and vehicles[:1] == ["scic"], (vehicles, setups)
    rec = recommend({**data, "multi_stakeholder": False})
    assert "ptce_carried_by_scic" not in {s.setup_id for s in rec.setups}
    assert [v.vehicle_id for v in rec["ptce"].vehicles][:1] != ["scic"]


def test_sales_to_the_members_only_read_alike_on_every_gie_cell_about_its_own_activity():
    """A GIE that sells only to its members supplies their activity (C. com. L251-1): the
    maluses for a business of its own, a commercial core and a new activity all read that
    answer the same way, so not knowing what the joint structure sells never costs more than
    either answer."""
    cells = {"gie.own_business", "gie.commercial_core", "gie.new_activity"}
    base = {"objectives": ["new_activity"], "commercial_activity": "core"}
    unknown = _rules_holding("gie", {**base, "sell_to_non_members": False})
    assert not cells & unknown, cells & unknown
    for sales in ("own_business", "members_production"):
        answered = _rules_holding(
            "gie", {**base, "sell_to_non_members": False, "joint_sales": sales}
        )
        assert not cells & answered, (sales, cells & answered)
    assert cells & _rules_holding("gie", {**base, "sell_to_non_members": True})


def test_a_pole_that_runs_an_establishment_misses_a_legal_person_exactly_once():
    """The pole is no legal person (loi 2014-856, art. 9) and an authorisation goes to a
    manager (CASF L313-1): whatever the joint structure sells, the missing person is weighed by
    exactly one of needs_legal_person and run_essms, unless a member runs the activity."""
    cells = {"ptce.needs_legal_person", "ptce.run_essms"}
    known = {
        "objectives": ["run_essms"],
        "own_staff": False,
        "sell_to_non_members": False,
        "borrowing_needs": False,
        "commercial_activity": "none",
        "joint_sales": "members_production",
    }
    for extra in (
        {},
        {"sell_to_non_members": True},
        {"sell_to_non_members": True, "joint_sales": "own_business"},
        {"own_staff": True},
        {"objectives": ["run_essms", "new_activity"]},
    ):
        data = {**known, **extra}
        held = _rules_holding("ptce", data) & cells
        assert len(held) == 1, (extra, held)
        assert not _rules_holding("ptce", {**data, "run_by_one_member": True}) & cells


def test_the_convention_proposes_the_support_that_fits_what_is_pooled():
    """The pooling agreement covers premises, equipment, purchases and support functions (the
    catalogue's support), and a staff-lending agreement needs an employee to lend (C. trav.
    L8241-2)."""
    for aim in ("share_support_functions", "group_purchasing", "share_equipment"):
        rec = recommend({"objectives": [aim]})
        assert rec["convention"].vehicles[0].vehicle_id == "shared_services_agreement", aim
    staff = {"objectives": ["share_staff"]}
    assert recommend(staff)["convention"].vehicles[0].vehicle_id == "staff_lending_agreement"
    nobody = [{"name": f"A{i}", "kind": "association", "employees": 0} for i in (1, 2)]
    rec = recommend({**staff, "members": nobody, "members_complete": True})
    assert rec["convention"].vehicles[0].vehicle_id != "staff_lending_agreement"
