"""Write ``data/track_record.yaml``: how often the first form was the group's choice, by lead.

The lead of an answer is how many points its first form scores above the next form still in
play. This script runs gesform on the real cases of the validation set (``tests/evidence/
validation``: cases the rules were not written from) and counts, for each band of lead, the
cases, those whose chosen form came first and those where it was in the top 3. Every answer
then carries the figures of its own band (:class:`gesform.models.track_record.TrackRecord`), so
that it says how sure it is with a measure.

The bands follow the grain of the criteria table: every weight is a multiple of 5 points, so a
band is one step of 5 (a tie, 1–5, 6–10, 11–15) and the last one is open (16 and more). They were
fixed with the table's grain, not fitted to the figures.

For the cases of a band whose first form was not the group's choice, it also counts those
where one answer to one of the answer's pivotal questions (at most three: the open questions
of highest impact with an answer that changes the first form,
:func:`gesform.guidance.next_questions.pivotal_questions`) puts the chosen form first: how
often the questions an uncertain answer names hold what it lacked.

The file records the ``rules_version`` and ``catalog_version`` it measured: an answer given by
other rules carries no track record. ``--check`` exits with 1 when the file is not what this
script would write now (a test runs the same check): after any change of the rules, the
catalog or the cases, run the script again.

Usage::

    PYTHONPATH=src python scripts/track_record.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT / "src", ROOT / "scripts"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from _data_file import write_or_check  # noqa: E402

from gesform.models.results import Verdict  # noqa: E402
from gesform.models.track_record import FirstFormRecord, LeadBand, TrackRecordFile  # noqa: E402
from gesform.track_record import LEAD_BANDS, lead_of, track_record_file  # noqa: E402

if TYPE_CHECKING:
    from gesform.validation import CaseOutcome

MEASURED_ON = "tests/evidence/validation"
COMMAND = "PYTHONPATH=src python scripts/track_record.py"
#: The bands measured: one step of the weights' 5-point grain (``gesform.track_record``).
BANDS = LEAD_BANDS

HEADER = f"""\
# Fiabilité mesurée des réponses, par avance de la première forme (issue #18).
# Fichier écrit par « {COMMAND} » : ne pas le modifier à la main.
# Pour chaque tranche d'avance (points entre la première forme et la suivante encore en lice),
# les cas réels du jeu de validation de la tranche (cases), ceux où la forme choisie par le
# groupe était première (first), ceux où elle était parmi les trois premières (top3) et,
# parmi les cas où elle n'était pas première, ceux où une réponse à l'une des questions
# pivots (au plus trois) l'aurait mise en tête (missed_reachable) ; puis, pour chaque
# forme que gesform a mise en tête (by_first_form), ces cas (cases) et ceux où le groupe avait
# choisi cette forme (chosen).
# Il ne vaut que pour les règles et le catalogue dont il porte la version : une réponse donnée
# par d'autres règles n'affiche pas de fiabilité mesurée.
"""


def outcomes() -> list[tuple[CaseOutcome, bool]]:
    """The outcome of every validation case, with the packaged rules, and whether a missed
    case was reachable: one answer to one of its pivotal questions puts the chosen form first
    (False for a case whose first form was the choice).

    The recommender does not read ``data/track_record.yaml``: the measure must not depend on
    the file it rewrites (a stale or broken file is rewritten all the same).
    """
    from gesform.guidance.next_questions import pivotal_questions
    from gesform.recommend import Recommender
    from gesform.validation import load_cases, run_case

    def reachable(outcome: CaseOutcome) -> bool:
        if outcome.first:
            return False
        asked = pivotal_questions(outcome.case.profile, recommender=recommender)
        return any(outcome.case.expect.chosen in q.new_leaders for q in asked)

    recommender = Recommender(track_record=False)
    try:
        measured = [run_case(c, recommender=recommender) for c in load_cases(ROOT / MEASURED_ON)]
        return [(o, reachable(o)) for o in measured]
    finally:
        recommender.close()


def case_lead(outcome: CaseOutcome) -> int | None:
    """The lead of the first form in the case's answer (None: fewer than two forms in play)."""
    return lead_of(
        a.score for a in outcome.recommendation.results if a.verdict is not Verdict.excluded
    )


def record(measured: Sequence[tuple[CaseOutcome, bool]]) -> TrackRecordFile:
    """The track record of *measured* (at least one outcome, with whether a miss was
    reachable by its pivotal questions), band by band."""
    if not measured:
        raise ValueError("aucun cas mesuré / no case measured")
    leads = [(case_lead(o), o, reach) for o, reach in measured]
    bands = []
    for low, high in BANDS:
        limits = LeadBand(min_lead=low, max_lead=high, cases=0, first=0, top3=0, missed_reachable=0)
        inside = [(o, r) for lead, o, r in leads if lead is not None and limits.holds(lead)]
        bands.append(
            LeadBand(
                min_lead=low,
                max_lead=high,
                cases=len(inside),
                first=sum(o.first for o, _ in inside),
                top3=sum(o.in_top3 for o, _ in inside),
                missed_reachable=sum(r for _, r in inside),
            )
        )
    outcomes_only = [o for o, _ in measured]
    tops = sorted({o.top for o in outcomes_only})
    by_first_form = {
        form: FirstFormRecord(
            cases=sum(o.top == form for o in outcomes_only),
            chosen=sum(o.top == form and o.first for o in outcomes_only),
        )
        for form in tops
    }
    rec = outcomes_only[0].recommendation
    return TrackRecordFile(
        rules_version=rec.rules_version,
        catalog_version=rec.catalog_version,
        measured_on=MEASURED_ON,
        command=COMMAND,
        bands=tuple(bands),
        by_first_form=by_first_form,
    )


def file_text(track: TrackRecordFile) -> str:
    """The YAML text of *track*, with its French header."""
    body = yaml.safe_dump(
        track.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=100
    )
    return HEADER + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="vérifier que le fichier est à jour, sans l'écrire"
    )
    args = parser.parse_args(argv)
    measured = outcomes()
    track = record(measured)
    text = file_text(track)
    count = f"{len(measured)} cas"
    status = write_or_check(
        track_record_file(), text, check=args.check, command=COMMAND, count=count
    )
    if args.check or status:
        return status
    for band in track.bands:
        top = "+" if band.max_lead is None else f"–{band.max_lead}"
        print(
            f"  avance {band.min_lead}{top} : {band.first}/{band.cases} premières, "
            f"{band.top3}/{band.cases} dans les trois ; manqués atteignables par les "
            f"questions pivots : {band.missed_reachable}/{band.missed}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
