"""Regression snapshots of the decisions, not of the wording.

Each real case keeps one line per form: rank, form, verdict, score and the ids of the rules that
decided it (``+`` for, ``-`` against), as mon-entreprise's regression tests persist only target
values. Rewording a ``because`` sentence changes no snapshot; the wording is checked by the docs
and the report tests. Update them after a deliberate change with ``make snapshots``.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest

from gesform import Recommender, recommend
from gesform.models.results import Recommendation
from gesform.resources import rules_dir
from gesform.validation import load_cases

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots"
CASES = load_cases(HERE / "cases")
UPDATE = os.environ.get("GESFORM_UPDATE_SNAPSHOTS") == "1"


def _decisions(rec: Recommendation) -> list[str]:
    """One line per form, best first: rank, form, verdict, score | deciding rule ids."""
    lines = []
    for a in rec.results:
        rules = " ".join(("+" if r.direction == "for" else "-") + r.rule_id for r in a.reasons)
        lines.append(f"{a.rank}. {a.structure_id} {a.verdict.value} {a.score} | {rules}".rstrip())
    return lines


def _answer(case, recommender: Recommender | None = None) -> list[str]:
    rec = recommender.recommend(case.profile) if recommender else recommend(case.profile)
    return _decisions(rec)


def _text(lines: list[str]) -> str:
    return json.dumps(lines, indent=1, ensure_ascii=False) + "\n"


def _head(line: str) -> str:
    return line.split(" | ")[0]


def _report(case_id: str, want: list[str], got: list[str]) -> str | None:
    """None when the decisions are unchanged; else the forms that move and the line diff."""
    if got == want:
        return None
    old = {_head(w).split()[1]: _head(w) for w in want}
    moved = []
    for line in got:
        head = _head(line)
        form = head.split()[1]
        if old.get(form) != head:
            moved.append(f"  {form}: {old.get(form, 'absent')} → {head}")
    diff = "\n".join(difflib.unified_diff(want, got, "enregistré", "obtenu", lineterm="", n=0))
    return (
        f"Le cas {case_id} a changé.\nFormes qui bougent :\n"
        + "\n".join(moved or ["  (aucune : seules les règles décisives changent)"])
        + f"\n\nDécisions :\n{diff}\n\nSi le changement est voulu : make snapshots"
    )


def _want(case_id: str) -> list[str]:
    return json.loads((SNAPSHOTS / f"{case_id}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_snapshot(case):
    path = SNAPSHOTS / f"{case.id}.json"
    got = _answer(case)
    if UPDATE or not path.exists():
        if not UPDATE and os.environ.get("CI"):
            pytest.fail(f"snapshot manquant pour {case.id} : lancez `make snapshots`")
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(_text(got), encoding="utf-8")
        return
    report = _report(case.id, _want(case.id), got)
    if report:
        pytest.fail(report)


def test_changing_one_rule_weight_names_the_case_and_the_form(tmp_path):
    """A weight changed in a copy of the rules: the report names the case and the moving form."""
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    table = rules / "criteria" / "members.yaml"
    text = table.read_text(encoding="utf-8")
    cell = text.index("scop:", text.index("id: employs_members"))
    weight = text.index("weight: 15", cell)
    table.write_text(text[:weight] + "weight: 5" + text[weight + 10 :], encoding="utf-8")
    changed = Recommender(rules_dir=rules, engine="python")
    reports = {c.id: _report(c.id, _want(c.id), _answer(c, changed)) for c in CASES}
    changed.close()
    # Only L'Engrenage answers employs_members: its SCOP moves. Where it is unknown the rule is
    # pending: the decisions do not change, so no case is reported.
    assert {k for k, v in reports.items() if v} == {"engrenage_scop"}, reports
    report = reports["engrenage_scop"]
    assert "Le cas engrenage_scop a changé." in report
    engrenage = next(c for c in CASES if c.id == "engrenage_scop")
    base = recommend(engrenage.profile)["scop"].score
    assert f"  scop: 1. scop conditional {base} → " in report, report
    assert f"scop conditional {base - 10}" in report, report


def test_rewording_one_because_changes_no_decision(tmp_path):
    """A reworded ``because`` in a copy of the rules: every case decides the same as its snapshot.

    The cases' outcomes (chosen form's rank, exclusions) are read from these same decisions.
    """
    case = next(c for c in CASES if c.id == "familles_rurales_loiret_gie")
    rule_id = recommend(case.profile)["gie"].reasons[0].rule_id
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    form, name = rule_id.split(".", 1)
    if (rules / f"{form}.yaml").read_text(encoding="utf-8").count(f"id: {rule_id}\n"):
        path, anchor = rules / f"{form}.yaml", f"id: {rule_id}\n"
    else:  # a bonus or malus: its cell in the criteria table
        path = next(
            p for p in (rules / "criteria").glob("*.yaml") if f"- id: {name}\n" in p.read_text()
        )
        anchor = f"- id: {name}\n"
    text = path.read_text(encoding="utf-8")
    at = text.index(anchor)
    if path.parent.name == "criteria":
        at = text.index(f"      {form}:\n", at)
    start = text.index("because:", at)
    end = text.index("\n", start)
    path.write_text(text[:start] + 'because: "Phrase reformulée."' + text[end:], encoding="utf-8")
    reworded = Recommender(rules_dir=rules, engine="python")
    try:
        answer = reworded.recommend(case.profile)["gie"]
        assert [r.because for r in answer.reasons if r.rule_id == rule_id] == [
            "Phrase reformulée."
        ]  # the copy is the one read
        reports = {c.id: _report(c.id, _want(c.id), _answer(c, reworded)) for c in CASES}
    finally:
        reworded.close()
    assert {k: v for k, v in reports.items() if v} == {}
