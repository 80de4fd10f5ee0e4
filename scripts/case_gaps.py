"""For each real case whose chosen form is not first, the single answers that would put it first.

Run: ``.venv/bin/python scripts/case_gaps.py [--summary] [CASES_DIR]`` (default ``tests/cases``).
It tells what information each case lacks (see docs/validation.md); it never changes a case.
With ``--summary`` it prints, instead of the case-by-case list, how many missed cases one more
answer would put first, and which questions do so most often: a measure of how much the misses
owe to thin profiles rather than to the rules (an answer that *could* put the chosen form first
is not the answer the group would give).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gesform.validation import answers_putting_chosen_first, load_cases, run_case  # noqa: E402


@dataclass
class GapSummary:
    """Missed cases of a directory, and the questions whose single answer would put them first."""

    cases: int = 0
    missed: int = 0
    one_answer_enough: int = 0
    questions: Counter[str] = field(default_factory=Counter)


def summarise(directory: Path) -> GapSummary:
    """Count the missed cases and, question by question, those one answer would put first."""
    summary = GapSummary()
    for case in load_cases(directory):
        summary.cases += 1
        if run_case(case).first:
            continue
        summary.missed += 1
        answers = answers_putting_chosen_first(case)
        if answers:
            summary.one_answer_enough += 1
            summary.questions.update({a.question_id for a in answers})
    return summary


def _print_summary(summary: GapSummary) -> None:
    print(
        f"{summary.cases} cas, {summary.missed} sans la forme choisie en tête ; "
        f"une seule réponse de plus la mettrait en tête dans {summary.one_answer_enough} "
        f"d'entre eux, aucune dans {summary.missed - summary.one_answer_enough}."
    )
    for question, count in summary.questions.most_common():
        print(f"  {count:4d}  {question}")


def main(argv: list[str]) -> int:
    """Print, case by case (or summed up with ``--summary``), the answers that would put the
    chosen form first."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=ROOT / "tests" / "cases")
    parser.add_argument("--summary", action="store_true", help="compter au lieu de lister")
    args = parser.parse_args(argv)
    directory = args.directory
    if args.summary:
        _print_summary(summarise(directory))
        return 0
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
