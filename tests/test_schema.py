"""JSON Schemas: generated from the models, French titles, committed copies up to date, valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError

from gesform import Profile, load_catalog, precedents, recommend
from gesform.commands.schema import schema as schema_command
from gesform.models.profile import INCOHERENT_PROFILE
from gesform.schema import SCHEMA_NAMES, schema_for, schema_json

from .schema_strategies import from_json_schema

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "docs" / "schemas"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

jsonschema = pytest.importorskip("jsonschema")


def _validator(name: str):
    schema = schema_for(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_committed_schema_is_up_to_date(name):
    path = SCHEMAS / f"{name}.schema.json"
    assert path.is_file(), f"{path} manque : lancez .venv/bin/python scripts/gen_docs.py"
    assert path.read_text(encoding="utf-8") == schema_json(name), (
        f"{path.name} est périmé / stale: lancez .venv/bin/python scripts/gen_docs.py"
    )


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_json_schema_with_a_french_title(name):
    schema = schema_for(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] and schema["description"]
    assert schema["additionalProperties"] is False
    assert json.loads(schema_json(name)) == schema


def test_profile_schema_carries_the_models_french_titles_and_labels():
    schema = schema_for("profile")
    props = schema["properties"]
    assert props["independence"]["title"] == "Indépendance"
    assert props["members"]["question"].startswith("Quelles structures")
    assert schema["$defs"]["Member"]["properties"]["kind"]["title"] == "Nature juridique"
    labels = schema["$defs"]["MemberKind"]["x-labels-fr"]
    assert labels["local_authority"].startswith("Collectivité")
    assert schema["$defs"]["Objective"]["enum"][0] == "share_staff"


def test_no_english_titles_invented_from_field_names():
    rule = schema_for("rules")["$defs"]["Rule"]["properties"]
    assert "title" not in rule["id"] and "title" not in rule["weight"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_and_their_answers_validate(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    _validator("profile").validate(raw)
    rec = recommend(path)
    _validator("recommendation").validate(json.loads(rec.to_json()))
    _validator("precedents").validate(json.loads(precedents(rec).model_dump_json()))


def test_invalid_profile_is_rejected_by_the_schema_too():
    errors = list(_validator("profile").iter_errors({"members": [{"kind": "asso"}]}))
    assert errors
    assert list(_validator("profile").iter_errors({"unknown_field": 1}))


def test_catalog_and_rule_files_validate():
    _validator("catalog").validate(json.loads(load_catalog().model_dump_json()))
    rules = _validator("rules")
    files = sorted((ROOT / "rules").glob("*.yaml"))
    assert files
    for path in files:
        rules.validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_unknown_schema_name():
    with pytest.raises(ValueError, match="unknown schema"):
        schema_for("nope")


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_command_prints_the_schema(name):
    result = CliRunner().invoke(schema_command, [name])
    assert result.exit_code == 0
    assert result.output == schema_json(name)


def test_schema_command_rejects_an_unknown_name_with_exit_2():
    result = CliRunner().invoke(schema_command, ["nope"])
    assert result.exit_code == 2
    assert "profile" in result.output


def test_schema_command_help_is_french_with_examples():
    result = CliRunner().invoke(schema_command, ["--help"])
    assert result.exit_code == 0
    assert "Affiche le schéma JSON" in result.output and "Exemples" in result.output


# --- the schema and the model accept exactly the same profiles (issue #15, point 13) ---------
_PROFILE_VALIDATOR = _validator("profile")


def _accepted(data) -> bool:
    """The model accepts *data*, or refuses it only for contradictory answers."""
    try:
        Profile.model_validate(data)
    except ValidationError as exc:
        return all(e["type"] == INCOHERENT_PROFILE for e in exc.errors())
    return True


@given(from_json_schema(schema_for("profile")))
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_schema_valid_profile_is_accepted_or_incoherent(data):
    _PROFILE_VALIDATOR.validate(data)  # the generator draws valid data
    assert _accepted(data), data


@given(from_json_schema(schema_for("profile"), loose=True))
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_schema_and_model_agree_on_data_near_every_bound(data):
    assert _PROFILE_VALIDATOR.is_valid(data) == _accepted(data), data


@pytest.mark.parametrize(
    "data",
    [
        {"shared_functions": [" "]},
        {"shared_functions": ["\u3000\t"]},
        {"name": " " * 250 + "Réseau"},
        {"members": [{"name": "A" + " " * 220}, {}]},
        {"territory": " Belfort "},
        {"shared_functions": [" paie "]},
        {"schema_version": True},
        {"schema_version": 1.0},
        {"members": [{"count": 2.0}]},
    ],
    ids=[
        "blank-label",
        "unicode-blank-label",
        "padded-name",
        "padded-member",
        "spaces",
        "label",
        "version-true",
        "version-float",
        "count-float",
    ],
)
def test_edge_values_are_judged_the_same_by_schema_and_model(data):
    """Found by generating profiles from the schema: the model stripped blanks before its
    length checks, the schema did not; the model read ``schema_version: true`` as 1."""
    assert _validator("profile").is_valid(data) == _accepted(data)
