"""Rule files are checked when loaded: each kind of mistake gives one error naming file and rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from gesform import load_catalog, load_rules
from gesform.errors import RuleFileError
from gesform.resources import rules_dir

GOOD_RULE = {
    "id": "gie.test_rule",
    "effect": "exclude",
    "when": {"fact": "joint_liability_ok", "is": False},
    "because": "Les membres d'un GIE répondent de ses dettes sur leurs biens propres.",
    "source": {"legal_basis": "com_l251_6"},
}


class _NoAliases(yaml.SafeDumper):
    """Dump repeated dicts in full: gesform refuses YAML anchors and aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _write(tmp_path: Path, rules: list[dict], form: str = "gie") -> Path:
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / f"{form}.yaml").write_text(
        yaml.dump({"form": form, "rules": rules}, Dumper=_NoAliases, allow_unicode=True),
        encoding="utf-8",
    )
    return d


def _load(d: Path):
    return load_rules(d, load_catalog())


def test_a_good_file_loads(tmp_path):
    base = _load(_write(tmp_path, [GOOD_RULE]))
    assert len(base) == 1 and base["gie.test_rule"].effect == "exclude"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"when": {"fact": "nope", "is": True}}, "when.fact", "fait inconnu"),
        ({"when": {"fact": "horizon", "is": "forever"}}, "when.is", "impossible"),
        ({"when": {"fact": "objectives", "contains": "fly"}}, "when.contains", "impossible"),
        ({"when": {"fact": "horizon", "gte": 3}}, "when.gte", "opérateur"),
        ({"when": {"fact": "horizon", "equals": "lasting"}}, "when", "equals"),
        ({"when": {"fact": "cross_boards", "is": "yes"}}, "when.is", "booléen"),
        ({"when": {"xor": []}}, "when", "condition attendue"),
        ({"effect": "maybe"}, "effect", "Input should be"),
        ({"effect": "bonus"}, "", "weight"),
        ({"weight": 10}, "", "weight"),
        ({"because": ""}, "because", "at least 1"),
        ({"source": {}}, "source", "legal_basis"),
        ({"source": {"legal_basis": "code_imaginaire_art1"}}, "source.legal_basis", "inconnue"),
        ({"source": {"seed": "005_unknown.txt", "section": "x"}}, "source.seed", "pattern"),
        (
            {"source": {"seed": "009_0123456789abcdef.txt", "section": "x"}},
            "source.seed",
            "fichier source inconnu",
        ),
        (
            {"source": {"document": "guide_imaginaire", "section": "x"}},
            "source.document",
            "document inconnu 'guide_imaginaire'",
        ),
        ({"source": {"document": "guide_cress_cvl"}}, "source", "section"),
        ({"id": "scic.wrong_prefix"}, "id", "commencer"),
        (
            {"examples": [{"given": {"joint_liability_ok": False}, "fires": False}]},
            "examples.0",
            "exemple",
        ),
        ({"effect": "vehicle", "vehicle": "nope"}, "vehicle", "support"),
    ],
)
def test_each_mistake_names_file_rule_and_field(tmp_path, change, field, message):
    rule = {k: v for k, v in {**GOOD_RULE, **change}.items() if v is not None}
    if "because" not in change:
        rule["because"] = GOOD_RULE["because"]
    with pytest.raises(RuleFileError) as err:
        _load(_write(tmp_path, [rule]))
    text = str(err.value)
    assert "gie.yaml" in text
    assert f"'{rule['id']}'" in text
    assert field in (err.value.field or "")
    assert message in text


def test_missing_sentence_or_source(tmp_path):
    for missing in ("because", "source"):
        rule = {k: v for k, v in GOOD_RULE.items() if k != missing}
        with pytest.raises(RuleFileError, match=missing):
            _load(_write(tmp_path, [rule]))


def test_duplicate_ids_in_one_file_and_across_files(tmp_path):
    with pytest.raises(RuleFileError, match="déjà utilisé"):
        _load(_write(tmp_path, [GOOD_RULE, GOOD_RULE]))


def test_duplicate_keys_in_a_rule_file(tmp_path):
    d = tmp_path / "rules"
    d.mkdir()
    (d / "gie.yaml").write_text("form: gie\nform: gie\nrules: []\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="double"):
        _load(d)


def test_file_name_must_match_a_catalog_form(tmp_path):
    with pytest.raises(RuleFileError, match="forme inconnue"):
        _load(_write(tmp_path, [{**GOOD_RULE, "id": "sarl.x"}], form="sarl"))


def test_broken_yaml_names_the_file_and_line(tmp_path):
    d = tmp_path / "rules"
    d.mkdir()
    (d / "gie.yaml").write_text("form: gie\nrules: [\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"gie\.yaml.*YAML mal formé"):
        _load(d)


def test_packaged_rules_with_one_corrupt_file_refuse_to_load(tmp_path):
    """No partial rule base: one bad file among good ones stops everything, naming it."""
    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    victim = sorted(d.glob("*.yaml"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n  - id: broken\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        _load(d)
    assert victim.name in str(err.value)


# --- The law stays right (issue #16) -----------------------------------------------------------
def test_every_rule_source_names_a_legal_basis_the_catalog_defines():
    catalog = load_catalog()
    rules = load_rules(catalog=catalog)
    unknown = [
        (r.id, r.source.legal_basis)
        for r in rules
        if r.source.legal_basis is not None and r.source.legal_basis not in catalog.legal_bases
    ]
    assert not unknown


def test_a_rule_citing_an_undefined_article_does_not_load(tmp_path):
    bad = {**GOOD_RULE, "source": {"legal_basis": "com_l251_99"}}
    with pytest.raises(RuleFileError, match="com_l251_99"):
        load_rules(_write(tmp_path, [bad]))


def test_exclusions_and_conditions_cite_an_article_of_law():
    """A guide section alone cannot exclude a form: exclude and require rules cite the law."""
    rules = load_rules()
    without_law = [
        r.id
        for r in rules
        if r.effect.value in ("exclude", "require") and r.source.legal_basis is None
    ]
    assert not without_law, without_law
