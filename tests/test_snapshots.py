"""Regression snapshots: the full answer for each real case, diffed readably.

Update them after a deliberate change with ``make snapshots``.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from gesform import recommend
from gesform.validation import load_cases

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots"
CASES = load_cases(HERE / "cases")
UPDATE = os.environ.get("GESFORM_UPDATE_SNAPSHOTS") == "1"
VOLATILE = {"gesform_version", "catalog_version", "rules_version", "engine"}


def _answer(case) -> dict:
    data = json.loads(recommend(case.profile).to_json())
    return {k: v for k, v in data.items() if k not in VOLATILE}


def _ranking(data: dict) -> list[str]:
    return [
        f"{a['rank']:>2}. {a['structure_id']} {a['verdict']} {a['score']}" for a in data["results"]
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_snapshot(case):
    path = SNAPSHOTS / f"{case.id}.json"
    got = _answer(case)
    text = json.dumps(got, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if UPDATE or not path.exists():
        if not UPDATE and os.environ.get("CI"):
            pytest.fail(f"snapshot manquant pour {case.id} : lancez `make snapshots`")
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    want = json.loads(path.read_text(encoding="utf-8"))
    if got == want:
        return
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
                path.read_text(encoding="utf-8").splitlines(),
                text.splitlines(),
                f"{path.name} (enregistré)",
                f"{path.name} (obtenu)",
                lineterm="",
                n=2,
            )
        )[:80]
    )
    pytest.fail(
        f"Le cas {case.id} a changé.\nFormes qui bougent :\n"
        + "\n".join(moved or ["  (aucune)"])
        + f"\n\nClassement :\n{ranking}\n\nDétail (80 lignes au plus) :\n{detail}\n\n"
        "Si le changement est voulu : make snapshots"
    )
