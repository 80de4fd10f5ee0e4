"""The documentation: generated pages up to date, rules in words, and ``mkdocs build --strict``."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gesform import load_rules
from gesform.docs_gen import (
    GENERATED_DIRS,
    GENERATED_FILES,
    condition_markdown,
    fact_test_words,
    generate,
    write_docs,
)
from gesform.docs_gen.cli import _commands
from gesform.facts import FACTS
from gesform.models.rules import FactTest, Rule
from gesform.questions import QUESTIONS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REGENERATE = "lancez / run: .venv/bin/python scripts/gen_docs.py"
HAND_WRITTEN = (
    "index.md",
    "concepts.md",
    "engine.md",
    "api.md",
    "service.md",
    "cases.md",
    "changelog.md",
    "validation.md",
    "performance.md",
)


def _files(root: Path) -> dict[str, str]:
    out = {}
    for d in GENERATED_DIRS:
        for p in sorted((root / d).rglob("*")):
            if p.is_file():
                out[p.relative_to(root).as_posix()] = p.read_text(encoding="utf-8")
    for name in GENERATED_FILES:
        p = root / name
        if p.is_file():
            out[name] = p.read_text(encoding="utf-8")
    return out


def test_generated_pages_are_up_to_date(tmp_path):
    write_docs(tmp_path)
    fresh, committed = _files(tmp_path), _files(DOCS)
    missing = sorted(set(fresh) - set(committed))
    extra = sorted(set(committed) - set(fresh))
    stale = sorted(k for k in fresh.keys() & committed.keys() if fresh[k] != committed[k])
    assert not (missing or extra or stale), (
        f"pages générées périmées / stale generated docs — manquantes {missing}, "
        f"en trop {extra}, différentes {stale} : {REGENERATE}"
    )


def test_generation_is_deterministic():
    assert generate() == generate()


@pytest.mark.parametrize("name", HAND_WRITTEN)
def test_hand_written_pages_exist(name):
    assert (DOCS / name).is_file()


def test_every_rule_is_documented_with_its_anchor_sentence_and_source():
    pages = generate()
    for rule in load_rules():
        page = pages[f"rules/{rule.form_id}.md"]
        assert f"{{ #{rule.id} }}" in page, rule.id
        assert rule.because in page
    assert "**Source** :" in pages["rules/gie.md"]
    assert "legifrance" in pages["rules/gie.md"]


def test_every_fact_and_question_is_documented():
    pages = generate()
    for name, spec in FACTS.items():
        assert f"{{ #{name} }}" in pages["facts.md"]
        assert spec.derivation in pages["facts.md"]
    for qid in QUESTIONS:
        assert f"{{ #{qid} }}" in pages["profile.md"], qid


def test_every_command_has_a_french_help_with_examples_in_cli_md():
    page = generate()["cli.md"]
    for name, command in _commands().items():
        assert f"## gesform {name}" in page
        assert "Exemple" in (command.help or ""), f"gesform {name} --help sans exemple"
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in page


def _test(**kwargs) -> FactTest:
    return FactTest.model_validate(kwargs)


@pytest.mark.parametrize(
    ("test", "words"),
    [
        ({"fact": "joint_liability_ok", "is": False}, "(`joint_liability_ok`) : non"),
        ({"fact": "joint_liability_ok", "is_not": False}, "(`joint_liability_ok`) : oui"),
        ({"fact": "horizon", "is": "lasting"}, "vaut « Un projet commun durable » (`lasting`)"),
        ({"fact": "horizon", "is_not": "one_off"}, "ne vaut pas « Une opération ponctuelle »"),
        ({"fact": "capital", "in": ["none", "small"]}, "vaut « Aucun » (`none`) ou « Faible »"),
        ({"fact": "capital", "not_in": ["none", "small"]}, "ne vaut ni « Aucun » (`none`) ni"),
        ({"fact": "member_count", "gt": 2}, "« Nombre de membres » (`member_count`) est supé"),
        ({"fact": "member_count", "gte": 3}, "est supérieur ou égal à 3"),
        ({"fact": "total_employees", "lt": 10.5}, "est inférieur à 10,5"),
        ({"fact": "siae_count", "lte": 1}, "est inférieur ou égal à 1"),
        ({"fact": "objectives", "contains": "share_staff"}, "contient « Partager des salariés"),
        (
            {"fact": "objectives", "contains_any": ["share_staff", "rescue"]},
            "contient au moins une de ces valeurs : « Partager",
        ),
        ({"fact": "sectors", "contains_all": ["health"]}, "contient toutes ces valeurs : « Santé"),
        ({"fact": "independence", "known": True}, "(`independence`) est connu"),
        ({"fact": "independence", "known": False}, "est inconnu (sans réponse)"),
    ],
)
def test_fact_tests_in_words(test, words):
    assert words in fact_test_words(_test(**test))


def test_conditions_in_words_nest_all_any_not():
    rule = Rule.model_validate(
        {
            "id": "gie.example",
            "effect": "exclude",
            "because": "Exemple.",
            "source": {"legal_basis": "com_l251_1"},
            "when": {
                "all": [
                    {"fact": "joint_liability_ok", "is": False},
                    {
                        "any": [
                            {"not": {"fact": "objectives", "contains": "share_staff"}},
                            {"not": {"all": [{"fact": "same_territory", "is": True}]}},
                        ]
                    },
                ]
            },
        }
    )
    lines = condition_markdown(rule.when).splitlines()
    assert lines[0] == "- toutes ces conditions sont vraies :"
    assert lines[1].startswith("    - « Responsabilité solidaire acceptée »")
    assert lines[2] == "    - au moins une de ces conditions est vraie :"
    assert lines[3].startswith("        - il est faux que « Objectifs » (`objectives`) contient")
    assert lines[4] == "        - la condition suivante est fausse :"
    assert lines[5] == "            - toutes ces conditions sont vraies :"
    assert lines[6].startswith("                - « Même territoire »")


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="mkdocs absent")
def test_mkdocs_build_strict(tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    site = tmp_path / "site"
    assert (site / "rules" / "gie" / "index.html").is_file()
    assert (site / "schemas" / "profile.schema.json").is_file()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html


def test_seed_validation_table_is_up_to_date():
    """docs/validation-table.md is what `make validation` writes today (the seed cases' ranks)."""
    from gesform.validation import load_cases, run_case, validation_markdown

    cases = ROOT / "tests" / "cases"
    outcomes = [run_case(c) for c in load_cases(cases)]
    expected = validation_markdown(outcomes, "gesform validate tests/cases --format md") + "\n"
    on_disk = (ROOT / "docs" / "validation-table.md").read_text(encoding="utf-8")
    assert on_disk == expected, "docs/validation-table.md est périmé : make validation"
