"""The catalog: the 11 forms, sourced, corrected where the guide is wrong; bad data is refused."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from gesform import load_catalog
from gesform.errors import DataFileError, UnknownFormError
from gesform.loading import _iter_sources
from gesform.models.catalog import LiabilityKind
from gesform.resources import structures_file

IDS = (
    "association",
    "scic",
    "scop",
    "ges",
    "gcsms",
    "gie",
    "groupement_employeurs",
    "groupement_conjoint",
    "groupement_solidaire",
    "ptce",
    "convention",
)
NOT_STATUSES = {"ges", "ptce", "groupement_conjoint", "groupement_solidaire", "convention"}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(structures_file().read_text(encoding="utf-8"))


def test_the_eleven_forms_in_order(catalog):
    assert catalog.ids == IDS
    assert len(catalog) == 11
    assert [f.id for f in catalog] == list(IDS)
    assert "gie" in catalog and catalog["gie"].id == "gie"


def test_each_form_is_complete_and_sourced(catalog):
    for form in catalog:
        assert form.legal_bases, form.id
        for basis in form.legal_bases:
            assert basis.article and basis.url.host, (form.id, basis.id)
        assert len(form.advantages) >= 3, form.id
        assert len(form.drawbacks) >= 2, form.id
        assert form.examples or form.no_examples_reason, form.id
        assert (form.id in NOT_STATUSES) == (not form.legal_status), form.id
        if not form.legal_status:
            assert form.vehicles and form.default_vehicle is not None, form.id
        refs = list(_iter_sources(form))
        assert refs, form.id


def test_ges_vehicles_include_association_mere_and_sas(catalog):
    ids = {v.id for v in catalog["ges"].vehicles}
    assert {"association_mere", "association_sas", "cooperative_governance"} <= ids
    assert catalog["ges"].default_vehicle.id == "association_mere"


def test_corrections_of_the_guide(catalog):
    gie = catalog["gie"]
    assert not any("travail" in b.text.lower() for b in gie.legal_bases)
    commerce = {b.article for b in gie.legal_bases if b.text.startswith("Code de commerce")}
    assert {"L251-1", "L251-6"} <= commerce
    assert gie.liability.kind is LiabilityKind.joint_unlimited
    conjoint = catalog["groupement_conjoint"]
    assert conjoint.liability.kind is LiabilityKind.own_share_of_contract
    assert catalog["groupement_solidaire"].liability.kind is LiabilityKind.joint_whole_contract
    ptce_text = " ".join(
        [catalog["ptce"].summary, *(b.summary for b in catalog["ptce"].legal_bases)]
    ).lower()
    assert (
        "hors ess" in ptce_text or "non ess" in ptce_text or "entreprises classiques" in ptce_text
    )
    assert catalog["gcsms"].liability.kind is LiabilityKind.proportional


def test_unknown_id_lists_the_valid_ones(catalog):
    with pytest.raises(UnknownFormError) as err:
        catalog["nope"]
    assert "association" in str(err.value) and "convention" in str(err.value)


def _write(tmp_path: Path, data) -> Path:
    path = tmp_path / "structures.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path, data) -> DataFileError:
    with pytest.raises(DataFileError) as err:
        load_catalog(_write(tmp_path, data))
    return err.value


def test_yaml_syntax_error(tmp_path):
    err = _error(tmp_path, "forms:\n  gie: [\n")
    assert "structures.yaml" in str(err) and "YAML" in str(err)


def test_missing_field(tmp_path, raw):
    data = copy.deepcopy(raw)
    del data["forms"]["gie"]["liability"]
    err = _error(tmp_path, data)
    assert (err.entry, err.field) == ("gie", "liability")


def test_unknown_key(tmp_path, raw):
    data = copy.deepcopy(raw)
    data["forms"]["scop"]["colour"] = "rouge"
    err = _error(tmp_path, data)
    assert (err.entry, err.field) == ("scop", "colour")


def test_duplicate_id(tmp_path):
    text = structures_file().read_text(encoding="utf-8")
    start = text.index("\n  gie:\n")
    end = text.index("\n  groupement_employeurs:\n")
    err = _error(tmp_path, text + text[start:end] + "\n")
    assert "gie" in str(err) and "double" in str(err)


def test_empty_advantages(tmp_path, raw):
    data = copy.deepcopy(raw)
    data["forms"]["scic"]["advantages"] = []
    err = _error(tmp_path, data)
    assert (err.entry, err.field) == ("scic", "advantages")


def test_malformed_url(tmp_path, raw):
    data = copy.deepcopy(raw)
    data["forms"]["ptce"]["legal_bases"][0]["url"] = "legifrance sans lien"
    err = _error(tmp_path, data)
    assert err.entry == "ptce" and err.field == "legal_bases.0.url"


def test_unknown_legal_basis_reference(tmp_path, raw):
    data = copy.deepcopy(raw)
    data["forms"]["gie"]["capital"]["sources"] = [{"legal_basis": "nowhere_art1"}]
    err = _error(tmp_path, data)
    assert err.entry == "gie" and err.field.endswith("legal_basis")


def test_a_catalog_file_is_read_once_then_again_when_edited(tmp_path, raw):
    path = tmp_path / "structures.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    first = load_catalog(path)
    assert load_catalog(path) is first
    edited = copy.deepcopy(raw)
    edited["catalog_version"] = f"{raw['catalog_version']}-edited"
    path.write_text(yaml.safe_dump(edited, allow_unicode=True), encoding="utf-8")
    again = load_catalog(path)
    assert again is not first
    assert again.catalog_version.endswith("-edited")


def test_a_missing_catalog_file_is_named_and_said_missing(tmp_path):
    with pytest.raises(DataFileError) as err:
        load_catalog(tmp_path / "absent.yaml")
    assert "absent.yaml" in str(err.value) and "introuvable / file not found" in str(err.value)
