"""The command line: tables, JSON, explanations, and exit code 2 with a clear message."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from gesform.cli import cli

ROOT = Path(__file__).resolve().parents[1]
BELFORT = str(ROOT / "examples" / "belfort.yaml")


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_structures_lists_every_form(run):
    result = run("structures")
    assert result.exit_code == 0
    for form_id in ("association", "scic", "gie", "groupement_solidaire", "convention"):
        assert form_id in result.output
    assert "Solidaire et illimitée" in result.output


def test_show_prints_a_sheet(run):
    result = run("show", "gie")
    assert result.exit_code == 0
    assert "L251-6" in result.output and "Avantages" in result.output


def test_show_unknown_id_exits_2_with_the_valid_ids(run):
    result = run("show", "nope")
    assert result.exit_code == 2
    assert "nope" in result.output and "groupement_employeurs" in result.output


def test_recommend_table_and_json(run):
    table = run("recommend", BELFORT)
    assert table.exit_code == 0 and "Recommandée" in table.output
    data = json.loads(run("recommend", BELFORT, "--format", "json").output)
    assert data["results"][0]["structure_id"] == "ges"
    assert len(data["results"]) == 11


def test_explain_prints_reasons_with_sources(run):
    result = run("explain", BELFORT, "gcsms")
    assert result.exit_code == 0
    assert "Exclue" in result.output and "[" in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("horizon: forever\n", "horizon"),
        (
            "members:\n  - kind: association\n  - kind: sas\n    employees: -2\n",
            "members.1.employees",
        ),
        ("nope: 1\n", "nope"),
        ("members: []\n", "members"),
    ],
)
def test_bad_profile_exits_2_naming_the_field(run, tmp_path, content, expected):
    path = tmp_path / "p.yaml"
    path.write_text(content, encoding="utf-8")
    result = run("recommend", str(path))
    assert result.exit_code == 2
    assert f"'{expected}" in result.output


def test_missing_file_exits_2_with_its_path(run, tmp_path):
    path = tmp_path / "absent.yaml"
    result = run("recommend", str(path))
    assert result.exit_code == 2
    assert str(path) in result.output


# --- the shipped examples (issue #15, point 16) ----------------------------------------------
def test_example_lists_and_prints_the_shipped_profiles(run, tmp_path, monkeypatch):
    listing = run("example")
    assert listing.exit_code == 0
    for path in (ROOT / "examples").glob("*.yaml"):
        assert path.stem in listing.output
    assert "Quatre SIAE du Territoire de Belfort" in listing.output
    printed = run("example", "belfort")
    assert printed.exit_code == 0
    assert printed.output == Path(BELFORT).read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a folder with no examples/: the printed copy is the file
    (tmp_path / "belfort.yaml").write_text(printed.output, encoding="utf-8")
    assert run("recommend", "belfort.yaml").exit_code == 0


def test_example_unknown_name_exits_2_with_the_valid_names(run):
    result = run("example", "nope")
    assert result.exit_code == 2
    assert "nope" in result.output and "belfort" in result.output and "gessa" in result.output


def test_examples_api_loads_every_example_as_a_profile():
    import gesform
    from gesform import Profile

    assert gesform.examples.names() == tuple(
        sorted(p.stem for p in (ROOT / "examples").glob("*.yaml"))
    )
    for name in gesform.examples.names():
        profile = gesform.examples.load(name)
        assert profile == Profile.from_file(ROOT / "examples" / f"{name}.yaml")
    with pytest.raises(KeyError, match="belfort"):
        gesform.examples.load("../examples/belfort")


def test_example_files_name_no_internal_file_id(run):
    """What ``gesform example`` prints cites documents by title, not by seed file name."""
    import re

    for path in (ROOT / "examples").glob("*.yaml"):
        assert not re.search(r"\d{3}_[0-9a-f]{6,}", run("example", path.stem).output), path


# --- compact ranking (issue #15, point 17) ----------------------------------------------------
def test_recommend_default_is_compact_and_fits_80_columns_when_piped():
    result = CliRunner().invoke(cli, ["recommend", BELFORT], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert len(lines) <= 40  # was 151 piped (width 200), 457 in an 80-column terminal
    assert "Groupe économique solidaire (ges)" in lines[2] and "Recommandée" in lines[2]
    assert "--full" in result.output


def test_recommend_respects_columns_when_piped():
    wide = CliRunner().invoke(cli, ["recommend", BELFORT], env={"COLUMNS": "120"})
    assert wide.exit_code == 0
    assert 80 < max(len(line) for line in wide.output.splitlines()) <= 120
    full = CliRunner().invoke(cli, ["recommend", BELFORT, "--full"], env={"COLUMNS": "100"})
    assert full.exit_code == 0
    assert max(len(line) for line in full.output.splitlines()) <= 100


def test_recommend_full_keeps_sources_and_open_questions():
    result = CliRunner().invoke(cli, ["recommend", BELFORT, "--full"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Questions ouvertes" in result.output and "Code du travail" in result.output
    assert len(result.output.splitlines()) > 40


# --- help in one language (issue #15, point 18) -----------------------------------------------
_ENGLISH = re.compile(
    r"Usage:|Options:|Commands:|Show this message|\[default:|required\]|env var:"
    r"|\b(?:the|and|with|this|exit|FILE|TEXT|INTEGER|FLOAT|PATH|PROFILE|FORM_ID|NAME)\b"
)


def _help_pages() -> dict[str, str]:
    runner = CliRunner()
    pages = {"gesform": runner.invoke(cli, ["--help"]).output}
    for name in cli.commands:
        pages[f"gesform {name}"] = runner.invoke(cli, [name, "--help"]).output
        pages[f"gesform {name} -h"] = runner.invoke(cli, [name, "-h"]).output
    return pages


def test_every_help_page_is_in_french():
    for title, page in _help_pages().items():
        assert page.startswith("Utilisation : "), title
        assert "Affiche cette aide et quitte." in page, title
        assert not _ENGLISH.search(page), (title, _ENGLISH.search(page))


def test_every_option_has_a_french_help():
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"gesform {name} {param.opts}"


def test_help_examples_work_outside_the_checkout():
    """The examples in the help name files a newcomer has: no ``examples/`` path."""
    for title, page in _help_pages().items():
        assert "examples/" not in page, title
    assert "gesform example belfort > belfort.yaml" in _help_pages()["gesform"]


@pytest.mark.parametrize(
    ("args", "french"),
    [
        (["recommend"], "argument manquant « PROFIL »"),
        (["recommend", BELFORT, "--ful"], "option inconnue « --ful » ; vouliez-vous dire"),
        (["nope"], "commande inconnue « nope »"),
        (["recommend", BELFORT, "--format", "pdf"], "valeur invalide pour « --format »"),
        (["recommend", BELFORT, "extra"], "argument(s) en trop : extra"),
        (["report", BELFORT, "-o"], "l'option « -o » attend une valeur"),
    ],
)
def test_usage_errors_are_french_first_with_exit_2(args, french):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert f"Erreur : {french}" in result.output, result.output
    assert "Error:" not in result.output and "Try '" not in result.output
    assert "Usage:" not in result.output
