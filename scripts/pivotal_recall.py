"""What the pivotal questions are worth on the real cases: two measures, set by set.

1. **Reach** (the missed cases). For each case whose chosen form is not first, whether one
   answer to one of the answer's pivotal questions (at most three,
   :func:`gesform.guidance.next_questions.pivotal_questions`) puts the chosen form first, and
   whether the first question alone does; by lead band. Also how many of the cases gesform got
   right have pivotal questions too (an answer to them could unseat a right first form). The
   validation counts by band are those of ``data/track_record.yaml`` (``missed_reachable``).
2. **Recall with true answers** (the cases gesform got right). Each answer the source gives
   (a profile field; the member lines are left aside) is hidden in turn; when hiding it costs
   the chosen form its first place, the missing answer is known, and the measure is whether the
   pivotal questions of the masked profile ask for it (in the first three, first), question by
   question.

Neither measure changes a case or a rule: they say how well the questions an unsure answer
lists point at the information it lacks. ``docs/validation.md`` (twentieth pass) reports them.

Usage::

    PYTHONPATH=src python scripts/pivotal_recall.py [--set dev|validation] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from gesform.guidance.next_questions import pivotal_questions  # noqa: E402
from gesform.models.results import Verdict  # noqa: E402
from gesform.models.track_record import LeadBand  # noqa: E402
from gesform.questions import QUESTIONS, is_answered  # noqa: E402
from gesform.recommend import Recommender  # noqa: E402
from gesform.track_record import LEAD_BANDS, lead_of  # noqa: E402
from gesform.validation import load_cases, run_case  # noqa: E402

if TYPE_CHECKING:
    from gesform.validation import Case


def _label(low: int, high: int | None) -> str:
    """The French label of a band: « égalité », « 1–5 », « 16+ »."""
    if high is None:
        return f"{low}+"
    return "égalité" if high == 0 else f"{low}–{high}"


#: The lead bands of the track record (``gesform.track_record.LEAD_BANDS``), by their label.
BANDS = {
    _label(low, high): LeadBand(
        min_lead=low, max_lead=high, cases=0, first=0, top3=0, missed_reachable=0
    )
    for low, high in LEAD_BANDS
}


def band_of(lead: int) -> str:
    """The label of the lead band *lead* falls in (:meth:`LeadBand.holds`)."""
    return next(label for label, band in BANDS.items() if band.holds(lead))


@dataclass
class Reach:
    """Missed cases of one band, and how many the pivotal questions reach."""

    cases: int = 0
    missed: int = 0
    reachable: int = 0
    first_question: int = 0
    right_with_questions: int = 0


@dataclass
class Recall:
    """Hidden answers that cost the chosen form its first place, and how often they are asked."""

    hidden: int = 0
    in_three: int = 0
    first: int = 0
    by_question: dict[str, list[int]] = field(default_factory=dict)

    def add(self, question: str, asked: list[str]) -> None:
        """Count one hidden answer to *question*, with the pivotal questions *asked* after."""
        self.hidden += 1
        self.in_three += question in asked
        self.first += asked[:1] == [question]
        counts = self.by_question.setdefault(question, [0, 0])
        counts[0] += 1
        counts[1] += question in asked


def reach(cases: Iterable[Case], recommender: Recommender) -> dict[str, Reach]:
    """The reach of the pivotal questions, band by band."""
    out = {label: Reach() for label in BANDS}
    for case in cases:
        outcome = run_case(case, recommender=recommender)
        scores = (
            a.score for a in outcome.recommendation.results if a.verdict is not Verdict.excluded
        )
        lead = lead_of(scores)
        if lead is None:
            continue
        row = out[band_of(lead)]
        row.cases += 1
        asked = pivotal_questions(case.profile, recommender=recommender)
        if outcome.first:
            row.right_with_questions += bool(asked)
            continue
        row.missed += 1
        chosen = case.expect.chosen
        row.reachable += any(chosen in q.new_leaders for q in asked)
        row.first_question += bool(asked) and chosen in asked[0].new_leaders
    return out


def recall(cases: Iterable[Case], recommender: Recommender) -> Recall:
    """Hide each answer of the right cases in turn; count how often the lost one is asked."""
    out = Recall()
    for case in cases:
        profile, chosen = case.profile, case.expect.chosen
        if recommender.recommend(profile).top.structure_id != chosen:
            continue
        for question in QUESTIONS:
            if question == "members" or question.startswith("members."):
                continue  # member lines: left aside
            if not is_answered(profile, question):
                continue
            try:
                masked = profile.with_changes(**{question: None})
            except ValueError:  # pydantic.ValidationError: a field the profile needs with another
                continue
            if recommender.recommend(masked).top.structure_id == chosen:
                continue
            asked = [q.id for q in pivotal_questions(masked, recommender=recommender)]
            out.add(question, asked)
    return out


def report(name: str, bands: dict[str, Reach], found: Recall) -> str:
    """The two measures of one set, in French."""
    total = Reach(**{k: sum(getattr(b, k) for b in bands.values()) for k in asdict(Reach())})
    lines = [f"## {name}", "", "| Avance | Cas | Manqués | Atteignables | Par la 1re question |"]
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for label, row in [*bands.items(), ("total", total)]:
        lines.append(
            f"| {label} | {row.cases} | {row.missed} | {row.reachable} | {row.first_question} |"
        )
    right = total.cases - total.missed
    lines += [
        "",
        f"Cas réussis qui ont aussi des questions pivots : {total.right_with_questions}/{right}.",
        f"Réponses masquées qui font perdre la tête à la forme choisie : {found.hidden} ; "
        f"demandées parmi les trois questions pivots : {found.in_three} ; en premier : "
        f"{found.first}.",
    ]
    for question, (hidden, asked) in sorted(found.by_question.items(), key=lambda kv: -kv[1][0]):
        lines.append(f"- `{question}` : {asked}/{hidden}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dev", "validation"), default="validation")
    parser.add_argument("--json", type=Path, help="écrit aussi les chiffres en JSON")
    args = parser.parse_args(argv)
    cases = load_cases(ROOT / "tests" / "evidence" / args.set)
    recommender = Recommender(track_record=False)
    try:
        bands, found = reach(cases, recommender), recall(cases, recommender)
    finally:
        recommender.close()
    print(report(f"Jeu {args.set} ({len(cases)} cas)", bands, found))
    if args.json:
        body = {"bands": {k: asdict(v) for k, v in bands.items()}, "recall": asdict(found)}
        args.json.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
