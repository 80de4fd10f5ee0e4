"""Real cases from public sources (tests/evidence): format, quotes and the dev/validation split.

These tests check that every evidence case is a valid, fully quoted description of its source
and that the split recorded in SPLIT.md is the one on disk. They do NOT require any case to
rank its chosen form first: accuracy is measured (``scripts/evidence_report.py``), not asserted
case by case.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gesform.errors import DataFileError
from gesform.models.profile import Profile
from gesform.validation import (
    PublicSource,
    load_case,
    load_cases,
    run_case,
    unquoted_fields,
    validation_markdown,
)

from ._scripts import load_script

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE = ROOT / "tests" / "evidence"
SETS = ("dev", "validation")
FILES = sorted(p for s in SETS for p in (EVIDENCE / s).glob("*.yaml"))

#: Answers the source gives that the profile vocabulary cannot hold yet (issue 18, point 3).
PENDING_VALUES = {
    "sectors": {
        "sport",
        "tourism",
        "training",
        "finance",
        "research",
        "real_estate",
        # lot 43: trades the vocabulary has no value for yet (artisans d'art, pompes funèbres)
        "crafts",
        "funeral_services",
    },
    "joint_sales": {"members_production", "own_business"},
}


def test_there_are_at_least_forty_evidence_cases_over_every_kind_of_form():
    cases = [load_case(p) for p in FILES]
    assert len(cases) >= 40
    assert len({c.id for c in cases}) == len(cases), (
        "identifiants en double entre dev et validation"
    )
    chosen = {c.expect.chosen for c in cases}
    assert {"scic", "scop", "ges", "gcsms", "gie", "groupement_employeurs", "ptce"} <= chosen
    assert {"association", "convention", "groupement_solidaire"} <= chosen


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_evidence_case_is_valid_and_every_set_field_is_quoted(path):
    case = load_case(path)
    assert isinstance(case.source, PublicSource)
    assert case.source.read_on is not None
    assert unquoted_fields(case) == []
    fields = set(Profile.model_fields)
    for key in case.quotes:
        head = re.split(r"[.\[]", key, maxsplit=1)[0]
        if head == "pending":
            assert key.removeprefix("pending.") in case.pending, f"citation sans réponse : {key}"
            continue
        assert head in fields, f"citation d'un champ inconnu : {key}"
        assert getattr(case.profile, head) is not None, f"citation d'un champ absent : {key}"
        if head in ("objectives", "sectors") and "." in key:
            value = key.split(".", 1)[1]
            assert value in {str(v) for v in getattr(case.profile, head)}, key


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_pending_answers_use_the_announced_vocabulary(path):
    case = load_case(path)
    for key, value in case.pending.items():
        assert key in PENDING_VALUES, f"réponse en attente inconnue : {key}"
        values = value if isinstance(value, list) else [value]
        assert set(values) <= PENDING_VALUES[key], (key, value)


def _split_table() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in (EVIDENCE / "SPLIT.md").read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"\| `([a-z_]+)` \| `([a-z0-9_]+)` \| (dev|validation) \|", line)
        if m:
            rows[m.group(2)] = (m.group(1), m.group(3))
    return rows


def test_split_on_disk_is_the_recorded_split():
    table = _split_table()
    on_disk = {p.stem: (load_case(p).expect.chosen, p.parent.name) for p in FILES}
    assert on_disk == table


def test_split_rule_alternates_within_each_form():
    split = load_script("evidence_split")
    sets = split.assign({"b": "scic", "a": "scic", "c": "scic", "z": "gie"})
    assert sets == {"a": "validation", "b": "dev", "c": "validation", "z": "validation"}


@given(st.dictionaries(st.text("abcdef", min_size=1, max_size=4), st.sampled_from("xyz")))
def test_split_rule_is_balanced_per_form(chosen):
    split = load_script("evidence_split")
    sets = split.assign(chosen)
    assert set(sets) == set(chosen)
    for form in set(chosen.values()):
        ids = [i for i, f in chosen.items() if f == form]
        n_val = sum(sets[i] == "validation" for i in ids)
        assert n_val - (len(ids) - n_val) in (0, 1)


def _write_case(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "cas.yaml"
    path.write_text(body, encoding="utf-8")
    return path


PUBLIC_HEAD = """\
name: Cas de test
source:
  url: https://example.org/page
  title: Une page
  publisher: Un éditeur
  published: null
  read_on: 2026-12-05
summary: Deux associations partagent un salarié.
expect:
  chosen: groupement_employeurs
"""


def test_a_public_case_with_an_unquoted_field_is_refused_with_the_field_named(tmp_path):
    body = PUBLIC_HEAD + (
        "profile:\n  objectives: [share_staff]\n  independence: strong\n"
        'quotes:\n  objectives.share_staff: "partager un salarié"\n'
    )
    with pytest.raises(DataFileError, match="independence"):
        load_case(_write_case(tmp_path, body))


def test_a_pending_answer_needs_its_own_quote(tmp_path):
    body = PUBLIC_HEAD + (
        'profile:\n  objectives: [share_staff]\nquotes:\n  objectives: "un salarié"\n'
        "pending:\n  sectors: [sport]\n"
    )
    with pytest.raises(DataFileError, match=r"pending\.sectors"):
        load_case(_write_case(tmp_path, body))


def test_a_public_source_needs_its_date_field_even_when_unknown(tmp_path):
    body = PUBLIC_HEAD.replace("  published: null\n", "") + "profile: {}\n"
    with pytest.raises(DataFileError, match="published"):
        load_case(_write_case(tmp_path, body))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("chosen: groupement_employeurs", "chosen: ge"),
        ("chosen: groupement_employeurs", "chosen: scic\n  acceptable: [cooperative]"),
    ],
)
def test_a_case_naming_a_form_outside_the_catalogue_is_refused(tmp_path, old, new):
    """A short name (« ge ») or a misspelt form would be split and scored as a form of its own:
    the loader refuses it, names the value and lists the catalogue's ids."""
    body = PUBLIC_HEAD.replace(old, new) + "profile: {}\n"
    with pytest.raises(DataFileError, match=r"expect.*forme inconnue.*groupement_employeurs"):
        load_case(_write_case(tmp_path, body))


def test_seed_cases_keep_their_format_and_take_no_quotes(tmp_path):
    assert len(load_cases(ROOT / "tests" / "cases")) == 14
    seed = (ROOT / "tests" / "cases" / "musique_sologne_ge.yaml").read_text(encoding="utf-8")
    with pytest.raises(DataFileError, match="quotes"):
        load_case(_write_case(tmp_path, seed + 'quotes:\n  objectives: "x"\n'))


def test_validation_table_names_a_public_source_by_publisher_and_date():
    case = load_case(EVIDENCE / "validation" / "scop_fabrique_du_sud.yaml")
    text = validation_markdown([run_case(case)], "cmd")
    assert "ViaOccitanie (2019-07-28)" in text


def test_evidence_report_counts_each_set_separately():
    report = load_script("evidence_report")
    n = len(list((EVIDENCE / "dev").glob("*.yaml")))
    text = report.set_report("dev")
    assert text.startswith(f"### Jeu dev ({n} cas)")
    top1 = re.search(r"\*\*top-1\*\* : (\d+)/(\d+)", text)
    top3 = re.search(r"\*\*top-3\*\* : (\d+)/(\d+)", text)
    assert top1 and top3 and int(top1.group(2)) == int(top3.group(2)) == n
    assert int(top1.group(1)) <= int(top3.group(1)) <= n
    clear = re.search(r"\*\*classement net\*\* .*? : (\d+)/(\d+) réponses", text)
    close = re.search(r"\*\*classement serré\*\* .*? : (\d+)/(\d+) réponses", text)
    assert clear and close and int(clear.group(1)) + int(close.group(1)) == n
    tied = re.search(r"\*\*en tête ou à égalité avec la première\*\* : (\d+)/(\d+)", text)
    assert tied and int(top1.group(1)) <= int(tied.group(1)) <= n
    halves = re.findall(r"\*\*profils .*?\*\* : (\d+) cas, top-1 (\d+)/(\d+)", text)
    assert len(halves) == 2 and sum(int(h[0]) for h in halves) == n
    assert sum(int(h[1]) for h in halves) == int(top1.group(1))
    by_form = re.findall(r"\n\| `([a-z_]+)` \| (\d+) \| (\d+) \(", text)
    assert sum(int(c) for _, c, _ in by_form) == n
    assert sum(int(f) for _, _, f in by_form) == int(top1.group(1))
    by_lot = re.findall(r"\n\| (lot \d+|hors lot) \| (\d+) \| (\d+) \(", text)
    assert "hors lot" not in {label for label, _, _ in by_lot}
    assert sum(int(c) for _, c, _ in by_lot) == n
    assert sum(int(f) for _, _, f in by_lot) == int(top1.group(1))
    assert text.count("\n| `") == n + len(by_form)


def test_case_gaps_summary_counts_the_misses_and_the_answers_that_would_mend_them(capsys):
    gaps = load_script("case_gaps")
    seeds = ROOT / "tests" / "cases"
    cases = load_cases(seeds)
    missed = [c for c in cases if not run_case(c).first]
    summary = gaps.summarise(seeds)
    assert (summary.cases, summary.missed) == (len(cases), len(missed))
    asked = [{a.question_id for a in gaps.answers_putting_chosen_first(c)} for c in missed]
    assert summary.one_answer_enough == sum(1 for questions in asked if questions)
    # Each question counts a case once, and only a case one of its answers would put first.
    assert all(0 < n <= summary.one_answer_enough for n in summary.questions.values())
    assert sum(summary.questions.values()) == sum(len(questions) for questions in asked)
    assert gaps.main(["--summary", str(seeds)]) == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line.startswith(f"{len(cases)} cas, {len(missed)} sans la forme choisie en tête")


def test_every_evidence_case_has_its_lot_in_the_split_record():
    report = load_script("evidence_report")
    lots = report.lots_of_cases()
    assert set(lots) == {p.stem for p in FILES}
    assert min(lots.values()) == 1
