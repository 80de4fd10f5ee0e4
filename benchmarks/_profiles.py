"""Benchmark inputs: the seed cases plus seeded random profiles (partial ones included)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from gesform.models.enums import (
    CapitalLevel,
    CommercialActivity,
    CooperationStage,
    Horizon,
    Independence,
    MemberKind,
    Objective,
    Sector,
    SetupSpeed,
    Siae,
)

ROOT = Path(__file__).resolve().parents[1]


def case_profiles() -> list[dict[str, Any]]:
    """The profiles of tests/cases/*.yaml."""
    out = []
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        out.append(yaml.safe_load(path.read_text(encoding="utf-8"))["profile"])
    return out


def random_profile(rng: random.Random) -> dict[str, Any]:
    """A valid profile where each question is answered with probability 1/2."""

    def maybe(value: Any) -> Any:
        return value if rng.random() < 0.5 else None

    def pick(enum: type) -> str:
        return rng.choice(list(enum)).value

    def some(enum: type) -> list[str]:
        return sorted({pick(enum) for _ in range(rng.randint(0, 3))})

    members = [
        {
            "kind": maybe(pick(MemberKind)),
            "siae": pick(Siae) if rng.random() < 0.3 else None,
            "sector": maybe(pick(Sector)),
            "employees": maybe(rng.randint(0, 200)),
            "has_economic_activity": maybe(rng.random() < 0.7),
        }
        for _ in range(rng.randint(2, 8))
    ]
    data = {
        "members": maybe(members),
        "sectors": maybe(some(Sector)),
        "same_territory": maybe(rng.random() < 0.8),
        "cooperation_stage": maybe(pick(CooperationStage)),
        "cross_boards": maybe(rng.random() < 0.3),
        "horizon": maybe(pick(Horizon)),
        "objectives": maybe(some(Objective)),
        "independence": maybe(pick(Independence)),
        "profit_sharing": maybe(rng.random() < 0.2),
        "capital": maybe(pick(CapitalLevel)),
        "external_investment": maybe(rng.random() < 0.2),
        "joint_liability_ok": maybe(rng.random() < 0.4),
        "employee_ownership": maybe(rng.random() < 0.2),
        "multi_stakeholder": maybe(rng.random() < 0.4),
        "commercial_activity": maybe(pick(CommercialActivity)),
        "sell_to_non_members": maybe(rng.random() < 0.4),
        "public_funding": maybe(rng.random() < 0.6),
        "setup_speed": maybe(pick(SetupSpeed)),
        "borrowing_needs": maybe(rng.random() < 0.3),
    }
    clean = {k: v for k, v in data.items() if v is not None}
    if clean.get("members"):
        clean["members"] = [{k: v for k, v in m.items() if v is not None} for m in members]
    return clean


def random_profiles(n: int, seed: int = 2026) -> list[dict[str, Any]]:
    """*n* random profiles from a fixed seed."""
    rng = random.Random(seed)
    return [random_profile(rng) for _ in range(n)]
