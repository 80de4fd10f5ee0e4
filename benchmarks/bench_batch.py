"""Benchmark ``recommend_many``: profiles per second with 1 and 2 workers on 10,000 profiles.

python benchmarks/bench_batch.py [--json] [--profiles 10000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _profiles import random_profiles

from gesform.batch import recommend_rows_json


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profiles", type=int, default=10_000)
    args = parser.parse_args()
    rows = random_profiles(args.profiles)
    result: dict[str, float | int] = {"profiles": len(rows)}
    for workers in (1, 2):
        start = time.perf_counter()
        n = sum(1 for _ in recommend_rows_json(rows, workers))
        elapsed = time.perf_counter() - start
        assert n == len(rows)
        result[f"profiles_per_s_{workers}_worker{'s' if workers > 1 else ''}"] = round(n / elapsed)
        result[f"seconds_{workers}"] = round(elapsed, 2)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
