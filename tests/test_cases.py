"""Real cases from the seeds: the chosen form ranks high, the law's exclusions hold."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from gesform.validation import (
    Case,
    answers_putting_chosen_first,
    case_mismatches,
    load_cases,
    run_case,
    validation_markdown,
)

CASES_DIR = Path(__file__).parent / "cases"
CASES = load_cases(CASES_DIR)


def test_at_least_the_fourteen_cases_are_there():
    assert len(CASES) >= 14


#: Measured floor, not the goal. The issue's target is 12/14 first; docs/validation.md records
#: why it is not met (thin sources leave legal conditions unanswered) — never tune a rule to it.
FLOOR_FIRST = 10
FLOOR_FIRST_OR_ACCEPTABLE = 12


def test_accuracy_does_not_regress():
    outcomes = [run_case(c) for c in CASES]
    first = [o for o in outcomes if o.first]
    acceptable = [o for o in outcomes if o.first_or_equivalent]
    misses = [f"{o.case.id}: {o.top3}" for o in outcomes if not o.first]
    assert all(o.in_top3 for o in outcomes), misses
    assert len(first) >= FLOOR_FIRST, misses
    assert len(acceptable) >= FLOOR_FIRST_OR_ACCEPTABLE, misses


def test_example_profiles_match_their_cases():
    from gesform import Profile

    root = Path(__file__).resolve().parents[1] / "examples"
    by_id = {c.id: c for c in CASES}
    pairs = {
        "belfort": "belfort_siae_ges",
        "gessa": "gessa_sambre_avesnois",
        "musique_sologne": "musique_sologne_ge",
    }
    for example, case_id in pairs.items():
        data = yaml.safe_load((root / f"{example}.yaml").read_text(encoding="utf-8"))
        assert Profile.model_validate(data) == by_id[case_id].profile


def _made_up_case(name: str, profile: dict, *, chosen: str) -> Case:
    """A case written for a test (not from a source), with the first seed as a placeholder."""
    return Case.model_validate(
        {
            "id": "test",
            "name": name,
            "source": {"seed": CASES[0].source.seed, "section": "test"},
            "summary": name,
            "profile": profile,
            "expect": {"chosen": chosen},
        }
    )


def test_a_tie_with_the_chosen_form_is_shown():
    """With nothing known every form scores the same: the table says the first place is a tie."""
    case = _made_up_case("Profil vide", {}, chosen="association")
    outcome = run_case(case)
    assert "scop" in outcome.tied_with and "association" not in outcome.tied_with
    row = next(
        line for line in validation_markdown([outcome], "cmd").splitlines() if "Profil vide" in line
    )
    assert f"{outcome.rank_of_chosen} (= `" in row


def test_pytest_on_the_cases_folder_runs_each_case_and_reports_mismatches(tmp_path):
    """``pytest tests/cases`` collects one test per file; a wrong case fails with its report."""
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(CASES_DIR / "conftest.py", folder / "conftest.py")
    good = CASES_DIR / "belfort_siae_ges.yaml"
    shutil.copy(good, folder / good.name)
    bad = yaml.safe_load(good.read_text(encoding="utf-8"))
    bad["expect"] = {
        "chosen": "gcsms",
        "excluded": [{"form": "ges", "why": "exprès faux"}],
    }
    (folder / "faux.yaml").write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 failed, 1 passed" in run.stdout, run.stdout
    assert "2 écart(s)" in run.stdout and "hors des trois premières" in run.stdout, run.stdout
    assert "exclusion attendue : ges" in run.stdout, run.stdout


def test_every_case_file_is_collected_by_pytest():
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            *[str(CASES_DIR)],
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    collected = {line.split("::")[-1] for line in run.stdout.splitlines() if "::" in line}
    assert collected == {c.id for c in CASES}, run.stdout + run.stderr


def test_mismatches_are_listed_in_french():
    belfort = next(c for c in CASES if c.id == "belfort_siae_ges")
    wrong = belfort.expect.model_copy(update={"chosen": "gcsms", "vehicle": "association_sas"})
    problems = case_mismatches(run_case(belfort.model_copy(update={"expect": wrong})))
    assert len(problems) == 2, problems
    assert "`gcsms` au rang" in problems[0] and "hors des trois premières" in problems[0]
    assert problems[1].startswith("support attendu `association_sas`")
    assert case_mismatches(run_case(belfort)) == []


def test_the_answers_that_would_put_the_chosen_form_first_are_found():
    profile = {"members": [{"kind": "association"}] * 3, "objectives": ["public_tender"]}
    case = _made_up_case("Marché public", profile, chosen="groupement_solidaire")
    assert not run_case(case).first
    answers = answers_putting_chosen_first(case)
    assert ("joint_liability_ok", "Oui") in {(a.question_id, a.answer) for a in answers}
    assert all(a.question_id not in {"members", "objectives"} for a in answers)
