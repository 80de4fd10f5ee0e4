"""For each real case whose chosen form is not first, the single answers that would put it first.

Run: ``.venv/bin/python scripts/case_gaps.py [CASES_DIR]`` (default ``tests/cases``). It tells
what information each case lacks (see docs/validation.md); it never changes a case.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gesform.validation import answers_putting_chosen_first, load_cases, run_case  # noqa: E402


def main(argv: list[str]) -> int:
    """Print, case by case, the answers that would put the chosen form first."""
    directory = Path(argv[0]) if argv else ROOT / "tests" / "cases"
    for case in load_cases(directory):
        outcome = run_case(case)
        if outcome.first:
            continue
        print(f"{case.id} : choisi {case.expect.chosen}, en tête {outcome.top}")
        answers = answers_putting_chosen_first(case)
        if not answers:
            print("  aucune réponse seule ne suffit / no single answer is enough")
        for a in answers:
            print(f"  {a.question_id} = {a.answer} → {a.verdict.label}, {a.score}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
