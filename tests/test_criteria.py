"""The criteria table (``rules/criteria/*.yaml``): one place where each criterion weighs on
every form, checked at load time, expanded into ordinary bonus and malus rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from gesform import load_catalog, load_rules
from gesform.criteria import CRITERIA_FOLDER
from gesform.docs_matrix import matrix_markdown
from gesform.errors import RuleFileError
from gesform.models.rules import Effect
from gesform.resources import rules_dir

CATALOG = load_catalog()
RULES = load_rules()


def _cell(weight: int) -> dict:
    return {
        "weight": weight,
        "because": "Une raison écrite pour le test.",
        "source": {"legal_basis": "com_l251_1"},
    }


def _criterion(**changes) -> dict:
    effects: dict = dict.fromkeys(CATALOG.ids, 0)
    effects["gie"] = _cell(10)
    effects["convention"] = _cell(-5)
    body = {
        "id": "test_criterion",
        "kind": "constraint",
        "label": "Un critère de test",
        "when": {"fact": "setup_speed", "is": "fast"},
        "examples": [{"given": {"setup_speed": "fast"}, "fires": True}],
        "effects": effects,
    }
    body.update(changes)
    return body


def _rules_copy(tmp_path: Path, criterion: dict | None = None) -> Path:
    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    if criterion is not None:
        (d / CRITERIA_FOLDER / "zz_test.yaml").write_text(
            yaml.safe_dump({"criteria": [criterion]}, allow_unicode=True), encoding="utf-8"
        )
    return d


def test_every_criterion_states_its_effect_on_every_form():
    assert RULES.criteria, "the packaged rules have a criteria table"
    for criterion in RULES.criteria:
        assert set(criterion.effects) == set(CATALOG.ids), criterion.id


def test_every_bonus_and_malus_comes_from_the_criteria_table():
    criteria = {c.id: c for c in RULES.criteria}
    weighted = [r for r in RULES if r.effect in (Effect.bonus, Effect.malus)]
    assert weighted
    for rule in weighted:
        form_id, criterion_id = rule.id.split(".", 1)
        cell = criteria[criterion_id].cell(form_id)
        assert cell is not None and cell.weight == rule.signed_weight, rule.id
        assert cell.because == rule.because and cell.source == rule.source


#: The scale of rules/README.md: 20 and more is the raison d'être of a form.
RAISON_D_ETRE = 20


def test_a_raison_d_etre_weight_rests_on_the_law_or_on_the_guide_s_description_of_the_form():
    """A bonus of 20 or more says what the form is for: an article of law, or (for a form no
    statute defines) the guide's description of it — never a guide's list of advantages."""
    strong = [
        (criterion.id, form_id, cell)
        for criterion in RULES.criteria
        for form_id in criterion.effects
        if (cell := criterion.cell(form_id)) is not None and cell.weight >= RAISON_D_ETRE
    ]
    assert strong, "the table has raison d'être cells"
    for criterion_id, form_id, cell in strong:
        source = cell.source
        described = source.section is not None and "description" in source.section
        assert source.legal_basis is not None or described, f"{criterion_id} x {form_id}"


def test_a_criterion_expands_into_one_rule_per_non_zero_cell(tmp_path):
    rules = load_rules(_rules_copy(tmp_path, _criterion()), CATALOG)
    gie, convention = rules["gie.test_criterion"], rules["convention.test_criterion"]
    assert (gie.effect, gie.weight) == (Effect.bonus, 10)
    assert (convention.effect, convention.weight) == (Effect.malus, 5)
    assert "scic.test_criterion" not in rules.by_id  # 0: no rule


def test_a_missing_form_is_an_error_naming_file_criterion_and_form(tmp_path):
    bad = _criterion()
    del bad["effects"]["scop"]
    with pytest.raises(RuleFileError) as err:
        load_rules(_rules_copy(tmp_path, bad), CATALOG)
    text = str(err.value)
    assert "zz_test.yaml" in text and "test_criterion" in text and "effects.scop" in text
    assert "0" in text  # says how to state "no effect"


def test_a_cell_with_a_wrong_source_names_the_field_without_pydantic_internals(tmp_path):
    bad = _criterion()
    bad["effects"]["gie"] = {**_cell(10), "source": {"url": "https://exemple.fr", "title": "x"}}
    with pytest.raises(RuleFileError) as err:
        load_rules(_rules_copy(tmp_path, bad), CATALOG)
    text = str(err.value)
    assert "effects.gie.source.url" in text and "test_criterion" in text
    assert "function-after" not in text and "valid integer" not in text, text


def test_an_unknown_form_is_an_error(tmp_path):
    bad = _criterion()
    bad["effects"]["sarl"] = 0
    with pytest.raises(RuleFileError, match=r"effects\.sarl"):
        load_rules(_rules_copy(tmp_path, bad), CATALOG)


@pytest.mark.parametrize(
    "cell, message",
    [
        (5, "because"),  # a bare non-zero weight
        ({"weight": 5, "because": "Sans source."}, "source"),
        ({"weight": 0, "source": {"legal_basis": "com_l251_1"}}, "cellule à 0"),
        ({"weight": 60, "because": "x", "source": {"legal_basis": "com_l251_1"}}, "weight"),
    ],
)
def test_a_bad_cell_is_an_error_naming_the_form(tmp_path, cell, message):
    bad = _criterion()
    bad["effects"]["gie"] = cell
    with pytest.raises(RuleFileError) as err:
        load_rules(_rules_copy(tmp_path, bad), CATALOG)
    assert "test_criterion" in str(err.value) and message in str(err.value)


def test_a_cell_condition_joins_the_criterion_condition(tmp_path):
    crit = _criterion()
    crit["effects"]["gie"] = {
        **_cell(10),
        "also": {"fact": "joint_liability_ok", "is": True},
        "examples": [{"given": {"setup_speed": "fast", "joint_liability_ok": True}, "fires": True}],
    }
    rules = load_rules(_rules_copy(tmp_path, crit), CATALOG)
    rule = rules["gie.test_criterion"]
    assert {"setup_speed", "joint_liability_ok"} <= set(rules.tested_facts[rule.id])


def test_a_cell_example_that_does_not_hold_is_an_error(tmp_path):
    crit = _criterion()
    crit["effects"]["gie"] = {
        **_cell(10),
        "also": {"fact": "joint_liability_ok", "is": True},
        "examples": [{"given": {"setup_speed": "fast"}, "fires": True}],  # really unknown
    }
    with pytest.raises(RuleFileError, match="examples"):
        load_rules(_rules_copy(tmp_path, crit), CATALOG)


def test_weights_in_a_form_file_are_refused(tmp_path):
    d = _rules_copy(tmp_path)
    path = d / "gie.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["rules"].append(
        {
            "id": "gie.stray_bonus",
            "effect": "bonus",
            "weight": 5,
            "when": {"fact": "setup_speed", "is": "fast"},
            "because": "Un atout écrit hors du tableau.",
            "source": {"legal_basis": "com_l251_1"},
        }
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rules(d, CATALOG)
    assert "gie.yaml" in str(err.value) and "gie.stray_bonus" in str(err.value)
    assert "rules/criteria" in str(err.value)


def test_a_duplicate_criterion_is_an_error(tmp_path):
    d = _rules_copy(tmp_path, _criterion())
    shutil.copy(d / CRITERIA_FOLDER / "zz_test.yaml", d / CRITERIA_FOLDER / "zz_again.yaml")
    with pytest.raises(RuleFileError, match="test_criterion"):
        load_rules(d, CATALOG)


def test_the_matrix_page_shows_every_criterion_and_every_form():
    page = matrix_markdown(RULES, CATALOG)
    for criterion in RULES.criteria:
        assert f"(#{criterion.id})" in page and f"{{ #{criterion.id} }}" in page
    for form in CATALOG:
        assert f"]({form.id}.md)" in page
    header = next(line for line in page.splitlines() if line.startswith("| Critère |"))
    assert header.count("|") == len(CATALOG) + 2
