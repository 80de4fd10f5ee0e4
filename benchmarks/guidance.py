"""Timings of the guidance functions (median of repeated calls, warm recommender).

Run: ``.venv/bin/python benchmarks/guidance.py [durable|python]``. Targets: next_questions on
an empty profile ≤ 100 ms, counterfactual ≤ 500 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from gesform.guidance import counterfactual, next_questions, what_if
from gesform.models.profile import Profile
from gesform.recommend import get_recommender

ROOT = Path(__file__).resolve().parent.parent


def median_ms(fn: Callable[[], object], repeat: int = 21) -> float:
    """Median wall time of *fn* in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the timings."""
    rec = get_recommender(sys.argv[1] if len(sys.argv) > 1 else None)  # type: ignore[arg-type]
    belfort = Profile.from_file(ROOT / "examples" / "belfort.yaml")
    print(f"moteur : {rec.engine_name}")
    empty = median_ms(lambda: next_questions(Profile(), recommender=rec))
    print(f"next_questions(profil vide)           : {empty:6.1f} ms")
    print(
        f"next_questions(Belfort)               : "
        f"{median_ms(lambda: next_questions(belfort, recommender=rec)):6.1f} ms"
    )
    print(
        f"what_if(Belfort, independence=strong) : "
        f"{median_ms(lambda: what_if(belfort, recommender=rec, independence='strong')):6.1f} ms"
    )
    worst = (0.0, "")
    for form_id in rec.catalog.ids:
        for name, p in (("vide", Profile()), ("Belfort", belfort)):
            ms = median_ms(lambda p=p, f=form_id: counterfactual(p, f, recommender=rec), 5)
            worst = max(worst, (ms, f"{form_id} / {name}"))
    print(f"counterfactual, pire forme            : {worst[0]:6.1f} ms ({worst[1]})")


if __name__ == "__main__":
    main()
