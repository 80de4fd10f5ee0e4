"""Timings of the guidance functions: next_questions, pivotal_questions, what_if, counterfactual,
and the close real cases (precedents).

Medians (and min/max) of repeated calls on a warm recommender, in one process run:
``next_questions`` on an empty and on a half-filled profile (Belfort with every other answer
removed), ``pivotal_questions`` on the half-filled one (what the terminal summary, the report
and ``POST /questions`` add to an answer), ``what_if`` and the slowest ``counterfactual`` over
every form; ``precedents`` for Belfort's answer once the base is loaded, and the loading of
the base itself (read, checked, indexed: what the first call pays). Targets: next_questions on
an empty profile ≤ 100 ms, counterfactual ≤ 500 ms.

    python benchmarks/bench_questions.py [--json] [--engine durable|python]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from gesform.casebase import PrecedentIndex, load_precedents, precedents, precedents_file
from gesform.guidance import counterfactual, next_questions, pivotal_questions, what_if
from gesform.loading import read_yaml_mapping
from gesform.models.precedents import PrecedentsFile
from gesform.models.profile import Profile
from gesform.recommend import get_recommender

ROOT = Path(__file__).resolve().parent.parent


def timings_ms(fn: Callable[[], object], repeat: int = 21) -> list[float]:
    """Wall times of *fn* in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def half_filled(profile: Profile) -> Profile:
    """The profile with every other answered question removed."""
    answered = sorted(profile.answered())
    return profile.with_changes(**{name: None for name in answered[::2]})


def _load_fresh(path: Path) -> PrecedentIndex:
    """Read, check and index the base of precedents, without the in-memory cache."""
    return PrecedentIndex(PrecedentsFile.model_validate(read_yaml_mapping(path)))


def _figure(times: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(times), 2),
        "min": round(min(times), 2),
        "max": round(max(times), 2),
    }


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--engine", choices=["durable", "python"], default=None)
    args = parser.parse_args()
    rec = get_recommender(args.engine)
    belfort = Profile.from_file(ROOT / "examples" / "belfort.yaml")
    half = half_filled(belfort)
    figures = {
        "engine": rec.engine_name,
        "next_questions_empty_ms": _figure(
            timings_ms(lambda: next_questions(Profile(), recommender=rec))
        ),
        "next_questions_half_ms": _figure(
            timings_ms(lambda: next_questions(half, recommender=rec))
        ),
        "pivotal_questions_half_ms": _figure(
            timings_ms(lambda: pivotal_questions(half, recommender=rec))
        ),
        "what_if_ms": _figure(
            timings_ms(lambda: what_if(belfort, recommender=rec, independence="strong"))
        ),
    }
    answer = rec.recommend(belfort)
    base = load_precedents()
    if base is not None:
        figures["precedents_ms"] = _figure(timings_ms(lambda: precedents(answer, index=base)))
        path = precedents_file()
        figures["precedents_load_ms"] = _figure(timings_ms(lambda: _load_fresh(path), 5))
    worst: tuple[float, str, list[float]] = (0.0, "", [])
    for form_id in rec.catalog.ids:
        for name, p in (("vide", Profile()), ("Belfort", belfort), ("demi", half)):
            times = timings_ms(lambda p=p, f=form_id: counterfactual(p, f, recommender=rec), 5)
            med = statistics.median(times)
            if med > worst[0]:
                worst = (med, f"{form_id} / {name}", times)
    figures["counterfactual_worst_ms"] = _figure(worst[2])
    figures["counterfactual_worst_case"] = worst[1]
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
        return
    for key, value in figures.items():
        print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
