"""Regression snapshots: the full answer for each real case, diffed readably.

Update them after a deliberate change with ``make snapshots``.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest

from gesform import Recommender, recommend
from gesform.resources import rules_dir
from gesform.validation import load_cases

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots"
CASES = load_cases(HERE / "cases")
UPDATE = os.environ.get("GESFORM_UPDATE_SNAPSHOTS") == "1"
VOLATILE = {"gesform_version", "catalog_version", "rules_version", "engine"}


def _answer(case, recommender: Recommender | None = None) -> dict:
    rec = recommender.recommend(case.profile) if recommender else recommend(case.profile)
    data = json.loads(rec.to_json())
    return {k: v for k, v in data.items() if k not in VOLATILE}


def _text(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _ranking(data: dict) -> list[str]:
    return [
        f"{a['rank']:>2}. {a['structure_id']} {a['verdict']} {a['score']}" for a in data["results"]
    ]


def _report(case_id: str, name: str, want: dict, got: dict) -> str | None:
    """None when the answer is unchanged; else the forms that move, the ranking and JSON diffs."""
    if got == want:
        return None
    moved = []
    old = {a["structure_id"]: a for a in want["results"]}
    for a in got["results"]:
        b = old.get(a["structure_id"])
        if b is None or (a["rank"], a["verdict"], a["score"]) != (
            b["rank"],
            b["verdict"],
            b["score"],
        ):
            before = f"{b['rank']}/{b['verdict']}/{b['score']}" if b else "absent"
            moved.append(
                f"  {a['structure_id']}: {before} → {a['rank']}/{a['verdict']}/{a['score']}"
            )
    ranking = "\n".join(
        difflib.unified_diff(_ranking(want), _ranking(got), "avant", "après", lineterm="")
    )
    detail = "\n".join(
        list(
            difflib.unified_diff(
                _text(want).splitlines(),
                _text(got).splitlines(),
                f"{name} (enregistré)",
                f"{name} (obtenu)",
                lineterm="",
                n=2,
            )
        )[:80]
    )
    return (
        f"Le cas {case_id} a changé.\nFormes qui bougent :\n"
        + "\n".join(moved or ["  (aucune)"])
        + f"\n\nClassement :\n{ranking}\n\nDétail (80 lignes au plus) :\n{detail}\n\n"
        "Si le changement est voulu : make snapshots"
    )


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
    report = _report(case.id, path.name, json.loads(path.read_text(encoding="utf-8")), got)
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
    reports = {}
    for case in CASES:
        want = json.loads((SNAPSHOTS / f"{case.id}.json").read_text(encoding="utf-8"))
        reports[case.id] = _report(case.id, f"{case.id}.json", want, _answer(case, changed))
    changed.close()
    # Only L'Engrenage answers employs_members: its SCOP moves. Where it is unknown the rule is
    # pending and only the weight of the open question changes: reported, no form moving.
    moving = {k for k, v in reports.items() if v and "  (aucune)" not in v}
    assert moving == {"engrenage_scop"}, reports
    assert reports["belfort_siae_ges"] is None  # members all structures: employs_members is false
    quiet = reports["cagette_et_fourchette"]
    assert quiet and "Formes qui bougent :\n  (aucune)" in quiet and '"weight"' in quiet
    report = reports["engrenage_scop"]
    assert "Le cas engrenage_scop a changé." in report
    assert "  scop: 1/conditional/75 → 2/conditional/65" in report, report
    assert "- 1. scop conditional 75" in report and "+ 2. scop conditional 65" in report
