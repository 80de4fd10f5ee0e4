"""Benchmark ``recommend`` through durable-rules and through the plain-Python engine.

Both engines answer the same profiles (the seed cases and generated ones) in interleaved
rounds within ONE process run, so the ratio is measured on the same noisy machine. Also the
cold start (fresh subprocess: import, read and check the catalog and rules, build the engine,
first answer: gesform keeps no disk cache, so every start is a first start) and the peak RSS.
``--json`` prints one JSON object.

    python benchmarks/bench_recommend.py [--json] [--rounds 5] [--profiles 300]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _profiles import ROOT, case_profiles, random_profiles

from gesform import Profile
from gesform.recommend import Recommender


def _per_call_ms(rec: Recommender, profiles: list[Profile]) -> list[float]:
    out = []
    for p in profiles:
        start = time.perf_counter()
        rec.recommend(p)
        out.append((time.perf_counter() - start) * 1e3)
    return out


def cold_start_ms(runs: int = 5) -> list[float]:
    """Wall time of a fresh process that imports gesform and answers one profile."""
    code = "import gesform; gesform.recommend(r'" + str(ROOT / "examples" / "belfort.yaml") + "')"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append((time.perf_counter() - start) * 1e3)
    return times


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profiles", type=int, default=300)
    args = parser.parse_args()

    profiles = [Profile.model_validate(d) for d in case_profiles()]
    profiles += [Profile.model_validate(d) for d in random_profiles(args.profiles)]
    engines = {name: Recommender(engine=name) for name in ("durable", "python")}
    for rec in engines.values():  # warm-up
        _per_call_ms(rec, profiles[:50])
    samples: dict[str, list[float]] = {name: [] for name in engines}
    round_medians: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(args.rounds):
        for name, rec in engines.items():
            times = _per_call_ms(rec, profiles)
            samples[name] += times
            round_medians[name].append(statistics.median(times))
    cold = cold_start_ms()
    result = {
        "recommend_median_ms": round(statistics.median(samples["durable"]), 3),
        "oracle_median_ms": round(statistics.median(samples["python"]), 3),
        "ratio": round(
            statistics.median(samples["durable"]) / statistics.median(samples["python"]), 2
        ),
        "recommend_round_medians_ms": [round(x, 3) for x in round_medians["durable"]],
        "oracle_round_medians_ms": [round(x, 3) for x in round_medians["python"]],
        "recommend_min_max_ms": [
            round(min(samples["durable"]), 3),
            round(max(samples["durable"]), 3),
        ],
        "oracle_min_max_ms": [round(min(samples["python"]), 3), round(max(samples["python"]), 3)],
        "cold_start_ms": round(statistics.median(cold), 1),
        "cold_start_min_max_ms": [round(min(cold), 1), round(max(cold), 1)],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "profiles": len(profiles),
        "rounds": args.rounds,
        "durable_rulesets": engines["durable"].engine.ruleset_count,  # type: ignore[attr-defined]
        "rules": len(engines["durable"].rules),
        "python": platform.python_version(),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"recommend, durable-rules : médiane {result['recommend_median_ms']} ms "
        f"(min {result['recommend_min_max_ms'][0]}, max {result['recommend_min_max_ms'][1]})"
    )
    print(
        f"recommend, Python        : médiane {result['oracle_median_ms']} ms "
        f"(min {result['oracle_min_max_ms'][0]}, max {result['oracle_min_max_ms'][1]})"
    )
    print(f"ratio durable / Python   : {result['ratio']}")
    print(
        f"démarrage à froid        : médiane {result['cold_start_ms']} ms "
        f"(min {result['cold_start_min_max_ms'][0]}, max {result['cold_start_min_max_ms'][1]})"
    )
    print(f"RSS maximale             : {result['peak_rss_mb']} Mo")


if __name__ == "__main__":
    main()
