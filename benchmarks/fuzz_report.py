"""Run the fuzz tests (tests/test_fuzz.py) and print the examples and outcomes per entry point.

``make fuzz`` runs it with 20,000 examples per entry point (5 entry points: 100,000 in all):

    GESFORM_FUZZ_EXAMPLES=20000 python benchmarks/fuzz_report.py [--json]

Outcomes: ``valid`` (an answer), ``ValidationError`` (pydantic, naming the field),
``ProfileFileError`` (naming the file), ``exit 0`` / ``exit 2`` for the command line,
``HTTP <status>`` for the REST service. Anything else is an unexpected exception, and the
run fails (exit code 1).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(examples: int, extra: list[str]) -> tuple[int, dict, float]:
    """Run pytest on the fuzz tests; (its exit code, the report written by the tests, seconds)."""
    with tempfile.TemporaryDirectory(prefix="gesform-fuzz-report-") as d:
        report = Path(d) / "outcomes.json"
        env = dict(os.environ, GESFORM_FUZZ_EXAMPLES=str(examples), GESFORM_FUZZ_REPORT=str(report))
        env.setdefault("HYPOTHESIS_PROFILE", "dev")  # a new random seed each run
        start = time.perf_counter()
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        code = subprocess.call(
            [*command, "tests/test_fuzz.py", *extra],
            cwd=ROOT,
            env=env,
        )
        seconds = time.perf_counter() - start
        data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    return code, data, seconds


def summary(code: int, data: dict, seconds: float) -> dict:
    """Totals per entry point and overall."""
    outcomes: dict[str, dict[str, int]] = data.get("outcomes", {})
    per_entry = {entry: sum(c.values()) for entry, c in outcomes.items()}
    unexpected = sum(
        n for c in outcomes.values() for outcome, n in c.items() if outcome.startswith("unexpected")
    )
    return {
        "examples_per_entry": data.get("examples_per_entry"),
        "total": sum(per_entry.values()),
        "unexpected": unexpected,
        "pytest_exit_code": code,
        "seconds": round(seconds, 1),
        "per_entry": per_entry,
        "outcomes": outcomes,
    }


def print_summary(s: dict) -> None:
    """The outcomes as a small table, then the total."""
    print(f"\nFuzz : {s['examples_per_entry']} exemples demandés par point d'entrée")
    for entry, counts in sorted(s["outcomes"].items()):
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
        print(f"  {entry:<28} {s['per_entry'][entry]:>7}  ({detail})")
    print(
        f"Total : {s['total']} exemples en {s['seconds']:.0f} s, "
        f"{s['unexpected']} unexpected exceptions (pytest exit {s['pytest_exit_code']})"
    )


def main() -> None:
    """Parse the options, run, print; exit 1 on any unexpected outcome."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--examples",
        type=int,
        default=int(os.environ.get("GESFORM_FUZZ_EXAMPLES", "20000")),
        help="exemples par point d'entrée (défaut : $GESFORM_FUZZ_EXAMPLES ou 20000)",
    )
    parser.add_argument("--json", action="store_true", help="une ligne JSON à la fin")
    parser.add_argument("pytest_args", nargs="*", help="options passées à pytest (-k …)")
    args = parser.parse_args()
    code, data, seconds = run(args.examples, args.pytest_args)
    s = summary(code, data, seconds)
    print_summary(s)
    if args.json:
        print(json.dumps(s, sort_keys=True))
    sys.exit(0 if code == 0 and s["unexpected"] == 0 and s["total"] else 1)


if __name__ == "__main__":
    main()
