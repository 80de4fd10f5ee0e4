"""Move the bonus and malus rules of ``rules/<form>.yaml`` into the criteria table.

One-off migration tool, kept to document how the table was first built and to re-run it on a
branch that still has per-form weights. Rules whose conditions are the same (once normalised)
become one criterion; each form gets its weight there, or an explicit 0. The per-form files keep
their exclusions, requirements and vehicles, with their comments.

    python scripts/rules_to_criteria.py [RULES_DIR]      # default: rules/

Behaviour is unchanged by construction: every weight keeps its condition, sentence and source;
only the rule ids change, to ``<form>.<criterion>``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter

from gesform import load_catalog
from gesform.docs_gen import fact_test_words
from gesform.models.rules import All, Any_, Condition, FactTest, Not

ROOT = Path(__file__).resolve().parents[1]

#: Which group each fact belongs to in the table.
KIND_OF_FACT = {
    "objectives": "objective",
    "independence": "wish",
    "multi_stakeholder": "wish",
    "employee_ownership": "wish",
    "profit_sharing": "wish",
    "cross_boards": "wish",
    "capital": "constraint",
    "borrowing_needs": "constraint",
    "external_investment": "constraint",
    "joint_liability_ok": "constraint",
    "setup_speed": "constraint",
    "public_funding": "constraint",
    "commercial_activity": "constraint",
    "sell_to_non_members": "constraint",
    "joint_sales": "constraint",
    "horizon": "stage",
    "cooperation_stage": "stage",
}
FILE_OF_KIND = {
    "objective": "objectives.yaml",
    "wish": "wishes.yaml",
    "constraint": "constraints.yaml",
    "members": "members.yaml",
    "stage": "stage.yaml",
}

#: Readable ids for the criteria whose generated id is long or unclear.
RENAMES = {
    "objectives_any_share_support_functions_group_purchasing_shared_place": "pool_means",
    "objectives_any_share_staff_share_support_functions_group_purchasing_shared_place": (
        "pool_means_or_staff"
    ),
    "objectives_any_share_staff_share_support_functions_shared_place": (
        "pool_means_or_staff_no_purchasing"
    ),
    "objectives_any_joint_offer_local_supply_chain": "joint_market",
    "objectives_any_territorial_development_local_supply_chain": "territorial_strategy",
    "objectives_any_secure_pathways_territorial_development_joint_offer": "territorial_purpose",
    "objectives_any_shared_place_joint_offer_local_supply_chain": "collective_interest_purpose",
    "objectives_any_new_activity_rescue": "production_project",
    "horizon_in_one_off_contract": "short_horizon",
    "cooperation_stage_in_know_each_other_talk": "early_stage",
    "cooperation_stage_in_know_each_other_talk_work_together": "before_pooling",
    "cooperation_stage_in_pool_cooperate": "mature_cooperation",
    "cooperation_stage_in_talk_work_together": "first_steps",
    "cooperation_stage_in_work_together_pool": "step_beyond_informal",
    "independence_in_strong_moderate": "independence_kept",
    "capital_in_none_small": "little_capital",
    "employee_ownership": "employee_ownership_wanted",
    "multi_stakeholder": "multi_stakeholder_wanted",
}


def _words(value: Any) -> str:
    if isinstance(value, bool):
        return "" if value else "not"
    if isinstance(value, list | tuple):
        return "_".join(str(v) for v in value)
    return str(value).replace(".", "_")


def condition_id(cond: dict[str, Any]) -> str:
    """A readable identifier built from a condition."""
    if "all" in cond:
        return "_and_".join(condition_id(c) for c in cond["all"])
    if "any" in cond:
        return "_or_".join(condition_id(c) for c in cond["any"])
    if "not" in cond:
        return "not_" + condition_id(cond["not"])
    fact = cond["fact"]
    (op, value), *_ = ((k, v) for k, v in cond.items() if k != "fact")
    if op == "is" and isinstance(value, bool):
        return fact if value else f"not_{fact}"
    if op == "is":
        return f"{fact}_{_words(value)}"
    if op == "contains":
        return f"{fact}_{value}"
    if op == "contains_any":
        return f"{fact}_any_{_words(value)}"
    return f"{fact}_{op}_{_words(value)}"


_CONDITION = TypeAdapter(Condition)


def _label_of(cond: Condition) -> str:
    if isinstance(cond, FactTest):
        return re.sub(r" \(`[^`]*`\)", "", fact_test_words(cond))
    if isinstance(cond, All):
        return " et ".join(_label_of(c) for c in cond.all)
    if isinstance(cond, Any_):
        return " ou ".join(_label_of(c) for c in cond.any)
    assert isinstance(cond, Not)
    return f"il est faux que {_label_of(cond.not_)}"


def label(cond: dict[str, Any]) -> str:
    """A French label built from a condition (to be reworded by hand)."""
    return _label_of(_CONDITION.validate_python(cond))


def _first_fact(cond: dict[str, Any]) -> str:
    for key in ("all", "any"):
        if key in cond:
            return _first_fact(cond[key][0])
    if "not" in cond:
        return _first_fact(cond["not"])
    return cond["fact"]


def _canonical(cond: Any) -> str:
    return json.dumps(cond, sort_keys=True, ensure_ascii=False)


def _split_blocks(text: str) -> tuple[list[str], list[tuple[str | None, list[str]]]]:
    """The header lines, then (rule id, lines) blocks, each with the comments just above it."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if re.match(r"^  - id: ", line)]
    if not starts:
        return lines, []
    bounds = []
    for s in starts:
        b = s
        while b > 0 and (lines[b - 1].strip().startswith("#") or not lines[b - 1].strip()):
            b -= 1
        bounds.append(b)
    # The header ends where the first block's comments start, after the `rules:` line.
    first = bounds[0]
    rules_line = next(i for i, line in enumerate(lines) if line.startswith("rules:"))
    first = max(first, rules_line + 1)
    bounds[0] = first
    header = lines[:first]
    blocks = []
    for k, b in enumerate(bounds):
        end = bounds[k + 1] if k + 1 < len(bounds) else len(lines)
        rid = re.match(r"^  - id: (\S+)", lines[starts[k]]).group(1)  # type: ignore[union-attr]
        blocks.append((rid, lines[b:end]))
    return header, blocks


HEADER = (
    "# yaml-language-server: $schema=../../docs/schemas/criteria.schema.json\n"
    "# Tableau des critères (voir rules/README.md) : chaque critère donne son effet sur CHAQUE\n"
    "# forme, un poids signé avec sa raison et sa source, ou 0 quand il est sans effet.\n"
)


def _flow(value: Any) -> str:
    return yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6
    ).strip()


def _scalar(value: Any) -> str:
    return (
        _flow(value)
        if not isinstance(value, str)
        else yaml.safe_dump(value, allow_unicode=True, width=10**6)
        .strip()
        .removesuffix("\n...")
        .removesuffix("...")
        .strip()
    )


def _criterion_text(c: dict[str, Any]) -> str:
    lines = [
        f"  - id: {c['id']}",
        f"    kind: {c['kind']}",
        f"    label: {_scalar(c['label'])}",
        f"    when: {_flow(c['when'])}",
        "    examples:",
        *(f"      - {_flow(e)}" for e in c["examples"]),
        "    effects:",
    ]
    for form, cell in c["effects"].items():
        if cell == 0:
            lines.append(f"      {form}: 0")
            continue
        lines += [
            f"      {form}:",
            f"        weight: {cell['weight']}",
            f"        because: {_scalar(cell['because'])}",
            f"        source: {_flow(cell['source'])}",
        ]
    return "\n".join(lines) + "\n"


def main(rules_dir: Path) -> None:
    """Build ``criteria/*.yaml`` and strip the weights from the per-form files."""
    forms: list[str] = []
    groups: dict[str, dict[str, Any]] = {}
    files = sorted(rules_dir.glob("*.yaml"))
    import_order = list(load_catalog().ids)
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        forms.append(data["form"])
        weighted = {r["id"]: r for r in data["rules"] if r["effect"] in ("bonus", "malus")}
        for rule in data["rules"]:
            if rule["id"] not in weighted:
                continue
            key = _canonical(rule["when"])
            group = groups.setdefault(key, {"when": rule["when"], "cells": {}, "examples": []})
            if data["form"] in group["cells"]:
                raise SystemExit(f"{rule['id']}: two weights for one form on one condition")
            sign = 1 if rule["effect"] == "bonus" else -1
            group["cells"][data["form"]] = {
                "weight": sign * rule["weight"],
                "because": rule["because"],
                "source": rule["source"],
            }
            for example in rule.get("examples", []):
                if example not in group["examples"]:
                    group["examples"].append(example)
        header, blocks = _split_blocks(path.read_text(encoding="utf-8"))
        kept = [line for rid, block in blocks if rid not in weighted for line in block]
        body = "".join(header + kept)
        if not kept:
            body = body.rstrip("\n").replace("rules:", "rules: []") + "\n"
        path.write_text(body, encoding="utf-8")
    order = [f for f in import_order if f in forms] + [f for f in forms if f not in import_order]
    by_file: dict[str, list[dict[str, Any]]] = {}
    used: set[str] = set()
    for group in groups.values():
        cid = condition_id(group["when"])
        cid = RENAMES.get(cid, cid)[:80]
        if cid in used:
            raise SystemExit(f"criterion id {cid} used twice")
        used.add(cid)
        kind = KIND_OF_FACT.get(_first_fact(group["when"]), "members")
        effects = {f: group["cells"].get(f, 0) for f in order}
        by_file.setdefault(FILE_OF_KIND[kind], []).append(
            {
                "id": cid,
                "kind": kind,
                "label": label(group["when"]),
                "when": group["when"],
                "examples": group["examples"],
                "effects": effects,
            }
        )
    out = rules_dir / "criteria"
    out.mkdir(exist_ok=True)
    for name, criteria in sorted(by_file.items()):
        criteria.sort(key=lambda c: c["id"])
        text = HEADER + "criteria:\n" + "\n".join(_criterion_text(c) for c in criteria)
        yaml.safe_load(text)  # what was written reads back
        (out / name).write_text(text, encoding="utf-8")
        print(f"{out / name}: {len(criteria)} critères")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "rules")
