"""Combined set-ups (``data/setups.yaml``): checked at load time, proposed only when they hold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from gesform import load_catalog
from gesform.errors import DataFileError
from gesform.facts import FACTS, FactKind
from gesform.setups import MAX_PROPOSED, load_setups, propose_setups, setups_file

CATALOG = load_catalog()
SETUPS = load_setups()


def _facts(**given) -> dict:
    facts: dict = {}
    for name, value in given.items():
        spec = FACTS[name]
        facts[name] = {v: v in value for v in spec.values} if spec.kind is FactKind.set else value
    return facts


def _fits(**overrides) -> dict:
    fits = {f.id: (f.name, "possible", 50) for f in CATALOG}
    fits.update(overrides)
    return fits


def _label(source) -> str:
    return source.legal_basis or source.section


def test_the_packaged_setups_load_and_name_catalog_forms():
    assert len(SETUPS.setups) >= 5
    for setup in SETUPS.setups:
        assert all(part.form in CATALOG for part in setup.parts)
        assert len({part.form for part in setup.parts}) == len(setup.parts)


def test_a_setup_is_proposed_when_its_condition_holds():
    facts = _facts(
        objectives=["territorial_development"],
        multi_stakeholder=True,
        joint_structure_produces=True,
    )
    proposed = propose_setups(SETUPS, facts, _fits(), _label)
    assert "ptce_carried_by_scic" in {s.setup_id for s in proposed}
    setup = next(s for s in proposed if s.setup_id == "ptce_carried_by_scic")
    assert [p.structure_id for p in setup.parts] == ["ptce", "scic"]
    assert setup.sources and setup.because


def test_an_unknown_condition_proposes_nothing():
    # multi_stakeholder unknown
    facts = _facts(objectives=["territorial_development"], joint_structure_produces=True)
    proposed = propose_setups(SETUPS, facts, _fits(), _label)
    assert "ptce_carried_by_scic" not in {s.setup_id for s in proposed}


def test_a_setup_with_an_excluded_part_is_not_proposed():
    facts = _facts(
        objectives=["territorial_development"],
        multi_stakeholder=True,
        joint_structure_produces=True,
    )
    fits = _fits(scic=("SCIC", "excluded", 80))
    proposed = propose_setups(SETUPS, facts, fits, _label)
    assert "ptce_carried_by_scic" not in {s.setup_id for s in proposed}


def test_setups_are_ranked_by_the_mean_score_of_their_parts_and_capped():
    facts = _facts(
        objectives=["territorial_development", "share_staff", "unified_governance"],
        multi_stakeholder=True,
        commercial_activity="none",
    )
    fits = _fits(scic=("SCIC", "recommended", 90), ges=("GES", "possible", 20))
    proposed = propose_setups(SETUPS, facts, fits, _label)
    assert len(proposed) <= MAX_PROPOSED
    scores = [s.score for s in proposed]
    assert scores == sorted(scores, reverse=True)
    assert proposed[0].score == round(sum(p.score for p in proposed[0].parts) / 2)


def test_a_setup_is_proposed_only_to_the_groups_its_reason_speaks_of():
    """A set-up's condition holds exactly where its reason does (exactness review of the
    twenty-fifth pass): a SCIC that produces or sells for a pole, or beside an employers' group,
    only when the joint structure would produce or supply; an association and a GIE for the
    management services the guide's example names, not for buying together."""

    def proposed(**given) -> set[str]:
        return {s.setup_id for s in propose_setups(SETUPS, _facts(**given), _fits(), _label)}

    pole = {"objectives": ["territorial_development"], "multi_stakeholder": True}
    assert "ptce_carried_by_scic" in proposed(**pole, joint_structure_produces=True)
    assert "ptce_carried_by_scic" not in proposed(**pole, joint_structure_produces=False)
    staff = {"objectives": ["share_staff"], "multi_stakeholder": True}
    assert "employer_group_beside_scic" in proposed(**staff, joint_structure_produces=True)
    assert "employer_group_beside_scic" not in proposed(**staff, joint_structure_produces=False)
    services = proposed(objectives=["share_support_functions"], association_count=4)
    assert "association_and_gie" in services
    buying = proposed(objectives=["group_purchasing"], association_count=4)
    assert "association_and_gie" not in buying


def _copy(tmp_path: Path, change) -> Path:
    path = tmp_path / "setups.yaml"
    shutil.copy(setups_file(), path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["setups"][0])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda s: s["parts"][0].update(form="sarl"), "parts.0.form"),
        (lambda s: s["sources"].append({"legal_basis": "nowhere_l1"}), "sources.5.legal_basis"),
        (lambda s: s["examples"][0].update(fires=False), "examples.0"),
        (lambda s: s.update(when={"fact": "nowhere", "is": True}), "when.fact"),
        (lambda s: s.update(parts=s["parts"][:1]), "parts"),
        (lambda s: s.update(colour="blue"), "colour"),
        (
            lambda s: s["parts"][0].update(not_bound_by=["scic.multi_stakeholder"]),
            "parts.0.not_bound_by.0",
        ),
        (lambda s: s["parts"][0].update(not_bound_by=["no dot"]), "parts.0.not_bound_by.0"),
    ],
)
def test_each_mistake_names_the_file_the_setup_and_the_field(tmp_path, change, field):
    path = _copy(tmp_path, change)
    with pytest.raises(DataFileError) as err:
        load_setups(path, CATALOG)
    text = str(err.value)
    assert "setups.yaml" in text and "ptce_carried_by_scic" in text and field in text


@pytest.mark.parametrize("split", [True, False])
def test_the_market_then_gie_setup_follows_the_grouping_the_work_allows(split):
    """A grouping for the market, then a GIE: when the members cannot split the work, the
    grouping takes the joint and several form (CCP R2142-20), and the set-up is still
    proposed with that grouping instead of vanishing with the joint one."""
    from gesform import recommend

    rec = recommend(
        {
            "members": [{"name": "S", "kind": "sas", "count": 2}, {"name": "C", "kind": "scop"}],
            "objectives": ["public_tender", "joint_offer"],
            "horizon": "lasting",
            "joint_liability_ok": True,
            "work_split_by_member": split,
        }
    )
    ids = {s.setup_id for s in rec.setups}
    if split:
        assert "groupement_then_gie" in ids and "solidaire_groupement_then_gie" not in ids
    else:
        assert "solidaire_groupement_then_gie" in ids and "groupement_then_gie" not in ids


def test_every_rule_a_part_is_not_bound_by_is_a_legal_rule_of_its_form():
    """A part is spared only the legal rules (exclude, require) of its own form, named as they
    are in the rule files."""
    from gesform import load_rules

    hard = {r.id: r for r in load_rules().rules if r.effect.hard}
    spared = [(s.id, p.form, r) for s in SETUPS.setups for p in s.parts for r in p.not_bound_by]
    assert spared, "no set-up uses not_bound_by"
    for setup_id, form, rule_id in spared:
        assert rule_id in hard, (setup_id, rule_id)
        assert rule_id.startswith(f"{form}."), (setup_id, rule_id)


@pytest.mark.parametrize("fact", ["sell_to_non_members", "profit_sharing"])
def test_a_part_beside_the_carrier_is_not_excluded_by_what_describes_the_carrier(fact):
    """In « a GE beside a SCIC » the SCIC carries the activity, sells and shares its results:
    the GE's exclusions for sales to non-members and shared profits (C. trav. L1253-1) describe
    the joint structure, not the GE beside it. The set-up stays, its GE part « à confirmer »,
    while the GE alone stays excluded; any other exclusion of the GE still drops the set-up."""
    from gesform import recommend
    from gesform.models.results import Verdict

    group = {
        "members": [{"name": "A", "kind": "association", "count": 3}, {"name": "S", "kind": "sas"}],
        "objectives": ["share_staff", "new_activity"],
        "multi_stakeholder": True,
        "commercial_activity": "core",
        fact: True,
    }
    rec = recommend(group)
    assert rec["groupement_employeurs"].verdict is Verdict.excluded
    setup = next(s for s in rec.setups if s.setup_id == "employer_group_beside_scic")
    assert {p.structure_id: p.verdict for p in setup.parts}[
        "groupement_employeurs"
    ] == "conditional"
    state = {**group, "members": [*group["members"], {"name": "État", "kind": "state"}]}
    ids = {s.setup_id for s in recommend(state).setups}
    assert "employer_group_beside_scic" not in ids
