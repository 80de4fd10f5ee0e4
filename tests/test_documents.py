"""Sources as data: ``data/documents.yaml``, one renderer, no seed file name in public output."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gesform import load_catalog, load_rules
from gesform.cli import cli
from gesform.documents import load_documents, resolve_document, source_label
from gesform.errors import DataFileError, RuleFileError
from gesform.models.rules import RuleSource
from gesform.models.sources import SourceRef
from gesform.recommend import Recommender, get_recommender
from gesform.resources import data_dir, rules_dir
from gesform.validation import load_cases

ROOT = Path(__file__).resolve().parents[1]
CASES = load_cases(ROOT / "tests" / "cases")
#: An internal seed file name (``003_f605252dc8d400e4.txt``): never shown to a reader.
SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def test_every_document_cited_exists_with_a_title():
    docs = load_documents()
    catalog = load_catalog()
    rules = load_rules(catalog=catalog)
    cited = {r.source.document for r in rules if r.source.document}
    assert cited and cited <= {doc.id for doc in docs}
    assert not [r.id for r in rules if r.source.seed]  # converted: sources cite documents
    for doc in docs:
        assert doc.title and doc.publisher and not SEED_FILE.search(doc.label)


def test_a_document_cited_by_id_or_by_seed_file_renders_the_same():
    docs = load_documents()
    doc = docs["guide_cress_cvl"]
    by_id = RuleSource(document="guide_cress_cvl", section="Partie 3, fiche GIE")
    by_seed = RuleSource(seed=doc.seed, section="Partie 3, fiche GIE")
    assert resolve_document(by_id) == resolve_document(by_seed) == doc
    label = source_label(by_id)
    assert label == source_label(by_seed) == f"{doc.label} — Partie 3, fiche GIE"
    assert "CRESS Centre-Val de Loire" in label and not SEED_FILE.search(label)


def test_one_renderer_for_every_kind_of_source():
    catalog = load_catalog()
    basis = next(iter(catalog.legal_bases.values()))
    assert source_label(SourceRef(legal_basis=basis.id), catalog) == basis.label
    web = SourceRef(url="https://example.org/fiche", title="Une fiche pratique")
    assert source_label(web) == "Une fiche pratique"
    assert source_label(SourceRef(url="https://example.org/fiche")) == "https://example.org/fiche"


def _write_profile(tmp_path: Path, case) -> str:
    path = tmp_path / f"{case.id}.yaml"
    data = case.profile.model_dump(mode="json", exclude_none=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_no_seed_file_name_in_any_output_of_recommend(tmp_path, case):
    """Text, Markdown, HTML, JSON answer and CLI: a source shows its document's title."""
    rec = get_recommender().recommend(case.profile)
    outputs = {
        "json": rec.to_json(),
        "markdown": rec.to_markdown(),
        "html": rec.to_html(),
        "html (notebook)": rec._repr_html_(),
        "explain": "\n".join(a.explain() for a in rec),
    }
    profile = _write_profile(tmp_path, case)
    runner = CliRunner()
    for args in (
        ["recommend", profile, "--format", "table"],
        ["recommend", profile, "--format", "md"],
        ["recommend", profile, "--format", "json"],
        ["explain", profile, rec.top.structure_id],
        ["explain", profile, rec.top.structure_id, "--format", "json"],
        ["report", profile, "--format", "md"],
        ["report", profile, "--format", "html"],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (args, result.output)
        outputs[" ".join(args[:1] + args[2:])] = result.output
    for name, text in outputs.items():
        found = SEED_FILE.search(text)
        assert found is None, f"{name}: {found and found.group()}"


def test_no_seed_file_name_in_the_form_sheets():
    """The sheets people read (``show --format json`` dumps the catalog data as it is)."""
    runner = CliRunner()
    outputs = [runner.invoke(cli, ["structures", "--format", "md"]).output]
    for form_id in load_catalog().ids:
        for fmt in ("text", "md"):
            outputs.append(runner.invoke(cli, ["show", form_id, "--format", fmt]).output)
    for text in outputs:
        assert text and SEED_FILE.search(text) is None


def _copy_rules(tmp_path: Path) -> Path:
    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    return d


def test_an_unknown_document_in_a_rule_names_the_file_and_the_rule(tmp_path):
    d = _copy_rules(tmp_path)
    path = d / "criteria" / "objectives.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    criterion, form = next(
        (c, f)
        for c in raw["criteria"]
        for f, cell in c["effects"].items()
        if isinstance(cell, dict) and "document" in cell.get("source", {})
    )
    criterion["effects"][form]["source"] = {"document": "guide_disparu", "section": "Partie 3"}
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rules(d, load_catalog())
    text = str(err.value)
    assert "objectives.yaml" in text and f"'{form}.{criterion['id']}'" in text
    assert err.value.field == "source.document" and "guide_disparu" in text


def _copy_data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(data_dir(), d)
    return d


def test_an_unknown_document_in_the_catalog_names_the_file_and_the_form(tmp_path):
    d = _copy_data(tmp_path)
    path = d / "structures.yaml"
    text = path.read_text(encoding="utf-8")
    assert "document: guide_cress_cvl" in text
    path.write_text(
        text.replace("document: guide_cress_cvl", "document: guide_disparu", 1), "utf-8"
    )
    with pytest.raises(DataFileError) as err:
        Recommender(catalog_path=path, engine="python")
    assert "structures.yaml" in str(err.value) and "guide_disparu" in str(err.value)
    assert err.value.entry and (err.value.field or "").endswith(".document")


@pytest.mark.parametrize(
    ("entry", "field", "message"),
    [
        ({"title": "", "publisher": "X"}, "title", "at least 1"),
        ({"title": "T"}, "publisher", "Field required"),
        ({"title": "T", "publisher": "X", "date": "hier"}, "date", "pattern"),
        ({"title": "T", "publisher": "X", "seed": "guide.txt"}, "seed", "pattern"),
        ({"title": "T", "publisher": "X", "auteur": "Y"}, "auteur", "Extra inputs"),
        (
            {"title": "T", "publisher": "X", "seed": "003_f605252dc8d400e4.txt"},
            "seed",
            "déjà attribué",
        ),
    ],
)
def test_each_mistake_in_documents_yaml_names_file_entry_and_field(tmp_path, entry, field, message):
    d = _copy_data(tmp_path)
    path = d / "documents.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["documents"]["nouveau_document"] = entry
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_documents(path)
    text = str(err.value)
    assert "documents.yaml" in text and "'nouveau_document'" in text
    assert field in (err.value.field or "") and message in text


def _script():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "seed_to_document", ROOT / "scripts" / "seed_to_document.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_conversion_script_turns_seed_sources_into_documents_on_a_copy(tmp_path):
    """scripts/seed_to_document.py on copies of rules/ and structures.yaml: no ``seed:`` left,
    the same answers (sources included) as with the legacy citations."""
    rules = _copy_rules(tmp_path)
    data = _copy_data(tmp_path)
    catalog_file = data / "structures.yaml"
    assert _script().main([str(rules), str(catalog_file)]) == 0
    for f in [*rules.glob("*.yaml"), catalog_file]:
        for line in f.read_text(encoding="utf-8").splitlines():
            assert not (SEED_FILE.search(line) and not line.lstrip().startswith("#")), line
    converted = Recommender(catalog_path=catalog_file, rules_dir=rules, engine="python")
    assert any(r.source.document for r in converted.rules)
    legacy = Recommender(engine="python")
    for case in CASES[:5]:
        want = legacy.recommend(case.profile)
        got = converted.recommend(case.profile)
        assert got.results == want.results


def test_the_conversion_script_refuses_a_seed_file_without_document(tmp_path):
    path = tmp_path / "x.yaml"
    text = "source: {seed: 009_0123456789abcdef.txt, section: x}\n"
    path.write_text(text, encoding="utf-8")
    assert _script().main([str(path)]) == 1
    assert path.read_text(encoding="utf-8") == text
