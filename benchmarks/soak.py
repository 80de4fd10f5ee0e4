"""Soak: many consecutive ``recommend`` calls leave threads, durable-rules state and RSS flat.

    python benchmarks/soak.py [--calls 100000] [--json]

Prints the thread count and RSS before and after (after a warm-up), and checks that no
durable-rules session is left behind: the last session id is unknown to every C ruleset
(error 309), and the 1024-live-sessions limit of durable-rules was never hit.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from pathlib import Path

from gesform import Profile
from gesform.recommend import Recommender

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    """Current resident set size in MiB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    """Run the soak and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rec = Recommender()
    profiles = [Profile.from_file(path) for path in sorted((ROOT / "examples").glob("*.yaml"))] + [
        Profile(),
        Profile(objectives=["public_tender"], joint_liability_ok=False),
    ]
    for p in profiles * 200:  # warm-up: caches, allocator pools
        rec.recommend(p)
    threads_before, rss_before = threading.active_count(), rss_mb()
    start = time.perf_counter()
    for i in range(args.calls):
        rec.recommend(profiles[i % len(profiles)])
    elapsed = time.perf_counter() - start
    threads_after, rss_after = threading.active_count(), rss_mb()
    state_left = None
    if rec.engine_name == "durable":
        import durable_rules_engine as dre

        state_left = 0
        for handle in rec.engine.handles:  # type: ignore[attr-defined]
            try:
                dre.get_state(handle, rec.engine.last_sid)  # type: ignore[attr-defined]
                state_left += 1
            except Exception as exc:  # durable_rules_engine.error 309: no such session
                if "309" not in str(exc):
                    raise
    figures = {
        "engine": rec.engine_name,
        "calls": args.calls,
        "seconds": round(elapsed, 1),
        "threads_before": threads_before,
        "threads_after": threads_after,
        "rss_before_mb": round(rss_before, 1),
        "rss_after_mb": round(rss_after, 1),
        "rss_growth_mb": round(rss_after - rss_before, 2),
        "durable_sessions_left": state_left,
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:22} {value}")


if __name__ == "__main__":
    main()
