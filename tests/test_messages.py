"""Validation messages a person reads: French first, English after, the value, near misses.

Issue #15, point 14: pydantic's English ("Extra inputs are not permitted", "List should have
at least 2 items") reached users of the CLI, the REST service, batch answers and notebooks.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from pydantic import ValidationError

from gesform import Member, Profile
from gesform.cli import cli
from gesform.errors import validation_lines
from gesform.models.messages import near_miss
from gesform.models.profile import INCOHERENT_PROFILE
from gesform.schema import schema_for

from .schema_strategies import from_json_schema
from .test_fuzz import profile_like

#: How pydantic's English messages begin: none may come first in what a person reads.
ENGLISH_STARTS = (
    "Input should",
    "Extra inputs",
    "List should",
    "String should",
    "Field required",
    "Value error",
    "Assertion failed",
)


def _errors(data) -> list[dict]:
    with pytest.raises(ValidationError) as info:
        Profile.model_validate(data)
    return info.value.errors(include_url=False)


def _one(data) -> tuple[dict, str]:
    with pytest.raises(ValidationError) as info:
        Profile.model_validate(data)
    errors = info.value.errors(include_url=False)
    assert len(errors) == 1, errors
    return errors[0], validation_lines(info.value)[0]


# Every error type the profile can raise, with the French words that must say it.
CASES = [
    ({"sameTerritory": True}, "extra_forbidden", "champ inconnu", "sameTerritory"),
    ({"horizon": "forever"}, "enum", "valeur non permise", "lasting"),
    ({"schema_version": 2}, "literal_error", "valeurs permises : 1", "2"),
    ({"same_territory": "oui"}, "bool_type", "true ou false", "'oui'"),
    ({"same_territory": 1}, "bool_type", "true ou false", "1"),
    ({"member_count": "5"}, "int_type", "sans guillemets", "'5'"),
    ({"member_count": 5.5}, "int_type", "sans décimales", "5.5"),
    ({"member_count": True}, "int_type", "pas true ou false", "True"),
    ({"member_count": 1}, "greater_than_equal", "au moins 2", "1"),
    ({"member_count": 10**6}, "less_than_equal", "au plus 100000", "1000000"),
    ({"members": [{"employees": "3"}, {}]}, "float_type", "nombre attendu", "'3'"),
    ({"members": [{"employees": float("inf")}, {}]}, "finite_number", "nombre fini", "inf"),
    ({"members": [{"employees": -1}, {}]}, "greater_than_equal", "au moins 0 ", "-1"),
    ({"objectives": "share_staff"}, "list_type", "liste attendue", "'share_staff'"),
    ({"members": []}, "too_short", "liste trop courte", "[]"),
    ({"sectors": ["culture"] * 21}, "too_long", "liste trop longue : au plus 20", "culture"),
    ({"name": "x" * 201}, "string_too_long", "au plus 200 caractères", "xxx"),
    ({"name": 5}, "string_type", "texte attendu", "5"),
    ({"members": ["x", {}]}, "model_type", "dictionnaire attendu", "'x'"),
    ({"shared_functions": [" "]}, "string_pattern_mismatch", "pas un blanc", "' '"),
    (
        {"public_bodies_members": False, "members": [{"kind": "local_authority"}, {}]},
        INCOHERENT_PROFILE,
        "personnes publiques",
        "public_bodies_members",
    ),
]


@pytest.mark.parametrize(("data", "kind", "french", "shown"), CASES, ids=[c[1] for c in CASES])
def test_each_error_type_reads_french_then_english_with_the_value(data, kind, french, shown):
    error, line = _one(data)
    assert error["type"] == kind  # the type programs read is pydantic's, unchanged
    assert french in error["msg"], error["msg"]
    assert " / " in error["msg"] and not error["msg"].startswith(ENGLISH_STARTS)
    assert french in line and shown in line, line


def test_missing_is_french_too():
    """No profile field is required; ``missing`` is still rendered for any model that wraps."""
    from gesform.models.messages import french_error

    fr, en = french_error({"type": "missing", "loc": ("x",), "msg": "Field required", "input": {}})
    assert fr.startswith("champ obligatoire") and en == "Field required"


@pytest.mark.parametrize(
    ("key", "meant"),
    [
        ("sameTerritory", "same_territory"),
        ("SameTerritory", "same_territory"),
        ("same-territory", "same_territory"),
        ("same_teritory", "same_territory"),
        ("memberCount", "member_count"),
        ("objective", "objectives"),
    ],
)
def test_a_near_miss_key_names_the_field_meant(key, meant):
    error, line = _one({key: True})
    assert error["type"] == "extra_forbidden"
    assert f"vouliez-vous dire `{meant}` ?" in error["msg"]
    assert f"did you mean `{meant}`?" in error["msg"]
    assert f"champ '{key}'" in line


def test_a_near_miss_member_key_or_value_names_what_was_meant():
    errors = _errors({"members": [{"knd": "association"}, {"kind": "Local-Authority"}]})
    by_field = {".".join(map(str, e["loc"])): e["msg"] for e in errors}
    assert "vouliez-vous dire `kind` ?" in by_field["members.0.knd"]
    assert "vouliez-vous dire `local_authority` ?" in by_field["members.1.kind"]


def test_no_suggestion_when_nothing_is_close():
    error, _ = _one({"zzz": 1})
    assert "vouliez-vous dire" not in error["msg"]
    assert near_miss("zzz", Profile.model_fields) is None
    assert near_miss("same_territory", Profile.model_fields) is None  # the right name: no hint


def test_a_bad_free_label_is_one_error_not_one_per_union_branch():
    errors = _errors({"shared_functions": ["payroll", " "]})
    assert [e["loc"] for e in errors] == [("shared_functions", 1)]
    assert "ou bien" in errors[0]["msg"]


def test_a_member_built_alone_speaks_french():
    with pytest.raises(ValidationError, match="vouliez-vous dire `kind`"):
        Member(knd="association")


def test_the_english_message_stays_available_to_programs():
    error, _ = _one({"sameTerritory": True})
    assert error["ctx"]["en"].startswith("unknown field")


def test_with_changes_suggests_the_field_meant():
    with pytest.raises(ValueError, match="vouliez-vous dire `same_territory`"):
        Profile().with_changes(sameTerritory=True)


def test_the_cli_shows_french_first_with_the_value(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("sameTerritory: true\nmembers: [{kind: association}]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["recommend", str(path)])
    assert result.exit_code == 2
    assert "vouliez-vous dire `same_territory` ?" in result.output
    assert "au moins deux membres" in result.output and "reçu / got" in result.output
    assert "Extra inputs are not permitted" not in result.output


def _assert_french(exc: ValidationError) -> None:
    for error in exc.errors(include_url=False):
        msg = error["msg"]
        assert not msg.startswith(ENGLISH_STARTS), msg
        assert " / " in msg, msg
        assert "valeur refusée (" not in msg, f"type sans message français : {error['type']}"


@given(from_json_schema(schema_for("profile"), loose=True))
@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_message_on_data_near_the_bounds_is_french_first(data):
    try:
        Profile.model_validate(data)
    except ValidationError as exc:
        _assert_french(exc)


@given(profile_like())
@example({"schema_version": 1.7976931348623157e308})  # int_parsing_size, found by Hypothesis
@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_message_on_raw_trees_is_french_first(data):
    try:
        Profile.model_validate(data)
    except ValidationError as exc:
        _assert_french(exc)


def test_the_rest_service_answers_in_french_with_the_value():
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from gesform.service import create_app

    with TestClient(create_app(engine="python")) as client:
        response = client.post(
            "/recommend",
            content=b'{"sameTerritory": true, "members": [{"kind": "asso"}, {}]}',
            headers={"Content-Type": "application/json"},
        )
    assert response.status_code == 422
    by_field = {e["field"]: e for e in response.json()["detail"]}
    assert "vouliez-vous dire `same_territory` ?" in by_field["sameTerritory"]["msg"]
    assert by_field["members.0.kind"]["msg"].startswith("valeur non permise")
    assert "reçu / got 'asso'" in by_field["members.0.kind"]["message"]


def test_batch_errors_are_french():
    from gesform import recommend_many

    (row,) = recommend_many([{"sameTerritory": True}], on_error="return")
    assert "vouliez-vous dire `same_territory` ?" in row.errors[0].message
