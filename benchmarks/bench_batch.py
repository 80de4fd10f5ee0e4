"""Benchmark batches: profiles per second, full and compact answers, 1 and 2 workers.

What is timed is what ``gesform recommend-many`` does: ``score_blocks`` on the profiles, every
block written to a file (``os.devnull``). Each configuration runs ``--repeats`` times, in
interleaved rounds; the median is printed, with min and max. The wall time of a 2-worker run
includes starting its worker processes (measured apart as ``pool_start_s``).

A breakdown, in CPU time of this process, shows where the time of one answer goes: scoring
to JSON, pickling a block between processes (dumps in the worker, loads in the caller), the
write, the output size, and what ``recommend_many`` would pay to rebuild the model from a
worker's JSON (against building it in-process).

python benchmarks/bench_batch.py [--json] [--profiles 4000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _profiles import random_profiles

from gesform import Recommendation
from gesform.batch import _score_block, score_blocks
from gesform.compact import CompactAnswer
from gesform.recommend import get_recommender


def _run(rows: list[dict[str, Any]], workers: int, compact: bool) -> float:
    """Seconds to score and write *rows*, like ``recommend-many``."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as out:
        n = 0
        for block, _ in score_blocks(enumerate(rows), workers, compact=compact):
            out.write(block)
            n += block.count(b"\n")
    assert n == len(rows)
    return time.perf_counter() - start


def _warm(_: int) -> None:
    get_recommender()


def _pool_start() -> float:
    start = time.perf_counter()
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        list(pool.map(_warm, [0, 1]))
    return time.perf_counter() - start


def _cpu_ms(fn: Any, n: int) -> float:
    start = time.process_time()
    fn()
    return (time.process_time() - start) * 1000 / n


def breakdown(rows: list[dict[str, Any]]) -> dict[str, float]:
    """CPU milliseconds per answer of each step, and the size of an answer, in this process."""
    sample = rows[:400]
    n = len(sample)
    pairs = list(enumerate(sample))
    rec = get_recommender()
    for p in sample[:50]:
        rec.recommend_json(p)
    out: dict[str, float] = {}
    for compact in (False, True):
        mode = "compact" if compact else "full"
        block: list[bytes] = []
        out[f"{mode}_score_ms"] = _cpu_ms(
            lambda c=compact, b=block: b.append(_score_block(pairs, None, c)[0]), n
        )
        data = block[0]
        text = data.decode("utf-8")
        out[f"{mode}_kb_per_answer"] = len(data) / n / 1024
        for kind, value in (("bytes", data), ("str", text)):
            payload = pickle.dumps((value, 0), protocol=pickle.HIGHEST_PROTOCOL)
            out[f"{mode}_pickle_{kind}_dumps_ms"] = _cpu_ms(
                lambda v=value: pickle.dumps((v, 0), protocol=pickle.HIGHEST_PROTOCOL), n
            )
            out[f"{mode}_pickle_{kind}_loads_ms"] = _cpu_ms(lambda b=payload: pickle.loads(b), n)
        with open(os.devnull, "wb") as sink:
            out[f"{mode}_write_ms"] = _cpu_ms(lambda d=data: sink.write(d), n)
        model = CompactAnswer if compact else Recommendation
        lines = text.splitlines()
        out[f"{mode}_rebuild_model_from_json_ms"] = _cpu_ms(
            lambda m=model, ls=lines: [m.model_validate_json(x) for x in ls], n
        )
    out["full_model_in_process_ms"] = _cpu_ms(lambda: [rec.recommend(p) for p in sample], n)
    return {k: round(v, 3) for k, v in out.items()}


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profiles", type=int, default=4000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rows = random_profiles(args.profiles)
    configs = [(mode, workers) for mode in ("full", "compact") for workers in (1, 2)]
    times: dict[tuple[str, int], list[float]] = {c: [] for c in configs}
    starts = []
    _run(rows[:100], 1, False)  # this process's engine, built once
    for _ in range(args.repeats):
        starts.append(_pool_start())
        for mode, workers in configs:
            times[(mode, workers)].append(_run(rows, workers, mode == "compact"))
    result: dict[str, Any] = {"profiles": len(rows), "repeats": args.repeats}
    for (mode, workers), secs in times.items():
        key = f"{mode}_{workers}w"
        result[f"{key}_profiles_per_s"] = round(len(rows) / statistics.median(secs))
        result[f"{key}_profiles_per_s_min_max"] = [
            round(len(rows) / max(secs)),
            round(len(rows) / min(secs)),
        ]
    for mode in ("full", "compact"):
        ratio = result[f"{mode}_2w_profiles_per_s"] / result[f"{mode}_1w_profiles_per_s"]
        result[f"{mode}_2w_over_1w"] = round(ratio, 2)
    result["pool_start_s"] = round(statistics.median(starts), 2)
    result.update(breakdown(rows))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
