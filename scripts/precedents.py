"""Write ``data/precedents.yaml``: the real cases as precedents, and what their agreement is worth.

Every real case of ``tests/evidence`` (development and validation sets) goes into the base with
its name, its source, the form the group chose and the tokens of its profile's facts
(:func:`gesform.casebase.profile_tokens`). :func:`gesform.precedents` then finds, for any
profile, the closest cases and the forms they chose.

The script also measures, on the validation cases (cases the rules were not written from), each
case against all the *other* cases of the base:

* how often the form the closest cases name was the group's choice;
* how often it was the answer's first form (*agree*), and then how often that form was the
  group's choice; and when they named another form, how often the first form was the choice,
  and how often the precedents' form was.

The answer says this beside the precedents, so that an advisor knows what their agreement with
the ranking is worth. ``--dev-base`` prints, without writing, the same measure with only the
development cases as neighbours (the validation cases then never answer each other);
``--on-dev`` prints the measure on the development cases (each against all the others).
``--choose-k`` prints the figures on the development cases alone for k from 1 to 15 (how
:data:`gesform.casebase.PRECEDENT_K` was fixed). ``--mix`` prints, on the development cases
alone (each against the other development cases), what adding the precedents' share of
similarity to the scores (``score + λ × 100 × share``) would do to the ranking, for a few λ,
then measures once on the validation cases the λ best on the development cases: the question
of mixing them into the ranking, which gesform does not do. ``--check`` exits
with 1 when the file is not what this script would write now (a test runs the same check).

Usage::

    PYTHONPATH=src python scripts/precedents.py [--check | --dev-base | --on-dev | --choose-k
                                                 | --mix]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT / "src", ROOT / "scripts"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from _data_file import write_or_check  # noqa: E402

from gesform.casebase import (  # noqa: E402
    PRECEDENT_K,
    PrecedentIndex,
    blend,
    leading_form,
    precedents_file,
    profile_tokens,
    vote_shares,
)
from gesform.models.precedents import (  # noqa: E402
    PrecedentCase,
    PrecedentsBand,
    PrecedentsFile,
    PrecedentsMeasure,
)
from gesform.models.results import Recommendation  # noqa: E402
from gesform.models.track_record import LeadRange  # noqa: E402
from gesform.track_record import LEAD_BANDS, lead_of, mcnemar_exact  # noqa: E402
from gesform.validation import Case, PublicSource, load_cases  # noqa: E402

EVIDENCE = ROOT / "tests" / "evidence"
SETS = ("dev", "validation")
COMMAND = "PYTHONPATH=src python scripts/precedents.py"

HEADER = f"""\
# Cas réels proches (issue #18) : les cas de tests/evidence comme précédents.
# Fichier écrit par « {COMMAND} » : ne pas le modifier à la main.
# Pour chaque cas : son nom, sa source, la forme choisie par le groupe, son jeu (dev ou
# validation) et les faits connus de son profil (indices du vocabulaire). La mesure (measure)
# compte, sur les cas de validation, chacun comparé à tous les autres cas de la base : les cas
# où la forme désignée par les cas proches était celle choisie (precedents_first), ceux où elle
# était la forme en tête de gesform (agree) et, parmi eux, ceux où celle-ci était choisie
# (agree_first) ; puis, quand les cas proches désignaient une autre forme, les cas où la forme en
# tête était choisie (disagree_first) et ceux où la forme des cas proches l'était
# (disagree_precedents_first) ; puis les mêmes comptes par tranche d'avance de la forme en tête
# (bands, les tranches de la fiabilité mesurée). La mesure ne vaut que pour les règles et le
# catalogue dont elle porte la version.
"""


def cases_by_set() -> dict[str, list[Case]]:
    """The real cases of each set, in the order of their files."""
    return {s: load_cases(EVIDENCE / s) for s in SETS}


def base_cases(by_set: dict[str, list[Case]]) -> tuple[list[str], list[PrecedentCase]]:
    """The vocabulary (sorted tokens) and the cases of the base, sorted by id."""
    tokens = {c.id: profile_tokens(c.profile) for cases in by_set.values() for c in cases}
    vocabulary = sorted(set().union(*tokens.values()))
    position = {t: i for i, t in enumerate(vocabulary)}
    out = []
    for name, cases in by_set.items():
        for c in cases:
            if not isinstance(c.source, PublicSource):
                raise ValueError(f"{c.id} : source publique attendue / public source expected")
            out.append(
                PrecedentCase(
                    id=c.id,
                    name=c.name,
                    chosen=c.expect.chosen,
                    url=c.source.url,
                    publisher=c.source.publisher,
                    set=name,  # type: ignore[arg-type]
                    tokens=tuple(sorted(position[t] for t in tokens[c.id])),
                )
            )
    return vocabulary, sorted(out, key=lambda c: c.id)


def measure(
    index: PrecedentIndex, targets: Sequence[Case], *, k: int, leave_one_out: bool
) -> PrecedentsMeasure:
    """The agreement of the closest cases (among the others when *leave_one_out*) with the
    first form, on *targets*, with the packaged rules (the answer carries no track record),
    in total and by band of the first form's lead (the bands of the track record)."""
    from gesform.models.results import Verdict
    from gesform.recommend import Recommender

    recommender = Recommender(track_record=False)
    rows: list[tuple[int | None, bool, bool, bool]] = []  # lead, agree, first ok, theirs ok
    rec = None
    try:
        for case in targets:
            rec = recommender.recommend(case.profile)
            base = index.without(case.id) if leave_one_out else index
            leading = leading_form(base.nearest(profile_tokens(case.profile), k))
            first, chosen = rec.top.structure_id, case.expect.chosen
            lead = lead_of(a.score for a in rec.results if a.verdict is not Verdict.excluded)
            rows.append((lead, leading == first, first == chosen, leading == chosen))
    finally:
        recommender.close()
    if rec is None:
        raise ValueError("aucun cas mesuré / no case measured")

    def counts(selected: Sequence[tuple[int | None, bool, bool, bool]]) -> dict[str, int]:
        return {
            "agree": sum(a for _, a, _, _ in selected),
            "agree_first": sum(a and f for _, a, f, _ in selected),
            "disagree_first": sum(not a and f for _, a, f, _ in selected),
            "disagree_precedents_first": sum(not a and t for _, a, _, t in selected),
        }

    bands = []
    for low, high in LEAD_BANDS:
        limits = LeadRange(min_lead=low, max_lead=high)
        inside = [r for r in rows if r[0] is not None and limits.holds(r[0])]
        c = counts(inside)
        bands.append(
            PrecedentsBand(min_lead=low, max_lead=high, disagree=len(inside) - c["agree"], **c)
        )
    return PrecedentsMeasure(
        rules_version=rec.rules_version,
        catalog_version=rec.catalog_version,
        cases=len(rows),
        precedents_first=sum(t for _, _, _, t in rows),
        bands=tuple(bands),
        **counts(rows),
    )


def _empty_measure() -> PrecedentsMeasure:
    return PrecedentsMeasure(
        rules_version="-",
        catalog_version="-",
        cases=0,
        precedents_first=0,
        agree=0,
        agree_first=0,
        disagree_first=0,
        disagree_precedents_first=0,
        bands=(),
    )


def unmeasured_index(by_set: dict[str, list[Case]], *, k: int = PRECEDENT_K) -> PrecedentIndex:
    """The index of the cases *by_set*, before any measure (an empty one)."""
    vocabulary, cases = base_cases(by_set)
    return PrecedentIndex(
        PrecedentsFile(
            command=COMMAND,
            k=k,
            vocabulary=tuple(vocabulary),
            cases=tuple(cases),
            measure=_empty_measure(),
        )
    )


def build(by_set: dict[str, list[Case]], *, k: int = PRECEDENT_K) -> PrecedentsFile:
    """The file for the cases *by_set*: the base of every case, measured on the validation
    cases, each against the others."""
    index = unmeasured_index(by_set, k=k)
    measured = measure(index, by_set["validation"], k=k, leave_one_out=True)
    return index.file.model_copy(update={"measure": measured})


def file_text(file: PrecedentsFile) -> str:
    """The YAML text of *file*, with its French header; tokens on one line per case."""
    body = file.model_dump(mode="json")
    text = yaml.safe_dump(
        body, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None
    )
    return HEADER + text


def describe(m: PrecedentsMeasure) -> str:
    """The measure in a few French lines, then band by band."""

    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({round(100 * a / b) if b else 0} %)"

    lines = []
    for b in m.bands:
        top = "+" if b.max_lead is None else f"–{b.max_lead}"
        lines.append(
            f"  avance {b.min_lead}{top} : accord {b.agree}, tête choisie "
            f"{pct(b.agree_first, b.agree)} ; désaccord {b.disagree}, tête choisie "
            f"{pct(b.disagree_first, b.disagree)}, cas proches "
            f"{pct(b.disagree_precedents_first, b.disagree)}"
        )
    return (
        "\n".join(lines)
        + "\n"
        + (
            f"  forme des cas proches = forme choisie : {pct(m.precedents_first, m.cases)}\n"
            f"  accord avec la forme en tête : {pct(m.agree, m.cases)} ; forme en tête choisie "
            f"alors : {pct(m.agree_first, m.agree)}\n"
            f"  désaccord : {m.disagree} ; forme en tête choisie : "
            f"{pct(m.disagree_first, m.disagree)}"
            f" ; forme des cas proches choisie : {pct(m.disagree_precedents_first, m.disagree)}"
        )
    )


def choose_k(dev: Sequence[Case]) -> None:
    """Print, for k from 1 to 15, how often the closest development cases (each case against
    the other development cases) name the group's choice."""
    index = unmeasured_index({"dev": list(dev)}, k=1)
    others = {c.id: index.without(c.id) for c in dev}
    tokens = {c.id: profile_tokens(c.profile) for c in dev}
    for k in range(1, 16):
        hits = sum(
            leading_form(others[c.id].nearest(tokens[c.id], k)) == c.expect.chosen for c in dev
        )
        print(f"  k = {k:2d} : {hits}/{len(dev)}")


#: The weights of the precedents' share tried by ``--mix`` (0: the ranking as it is).
MIX_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.5, 1.0, 3.0)


MixRow = tuple[str, Recommendation, dict[str, float]]


def mix_rows(targets: Sequence[Case], index: PrecedentIndex) -> list[MixRow]:
    """For each case of *targets*: its chosen form, its answer, and each form's share of the
    similarity of the case's closest cases in *index* (the case itself left out)."""
    from gesform.recommend import Recommender

    recommender = Recommender(track_record=False)
    try:
        return [
            (
                c.expect.chosen,
                recommender.recommend(c.profile),
                vote_shares(index.without(c.id).nearest(profile_tokens(c.profile), PRECEDENT_K)),
            )
            for c in targets
        ]
    finally:
        recommender.close()


def mixed_counts(rows: Sequence[MixRow], weight: float) -> tuple[int, int]:
    """(first, top three) over *rows* in the blended order of :func:`gesform.casebase.blend`."""
    first = top3 = 0
    for chosen, rec, shares in rows:
        names = blend(rec, shares, weight=weight)
        first += names[0] == chosen
        top3 += chosen in names[:3]
    return first, top3


def mix(dev: Sequence[Case], validation: Sequence[Case] = ()) -> None:
    """Print, for each λ of :data:`MIX_WEIGHTS`, how many development cases would have their
    chosen form first and in the top three if each form not excluded gained λ × 100 × its
    share of the closest development cases' similarity (excluded forms stay last); then, once,
    the same on *validation* with the λ best on the development cases (neighbours among the
    development cases only): a measure, not an adoption."""
    index = unmeasured_index({"dev": list(dev)})
    rows = mix_rows(dev, index)
    best = (-1, -1, 0.0)
    for weight in MIX_WEIGHTS:
        first, top3 = mixed_counts(rows, weight)
        best = max(best, (first, top3, -weight))
        print(f"  λ = {weight:<4} : {first}/{len(rows)} en tête, {top3}/{len(rows)} dans les trois")
    if validation:
        weight = -best[2]
        checked = mix_rows(validation, index)
        first, top3 = mixed_counts(checked, weight)
        plain = mixed_counts(checked, 0.0)
        print(
            f"Validation, λ = {weight} (le meilleur du dev), voisins parmi les cas dev : "
            f"{first}/{len(checked)} en tête, {top3}/{len(checked)} dans les trois "
            f"(sans mélange : {plain[0]} et {plain[1]})"
        )
        gained = lost = 0
        for chosen, rec, shares in checked:
            mixed_first = blend(rec, shares, weight=weight)[0] == chosen
            plain_first = rec.top.structure_id == chosen
            gained += mixed_first and not plain_first
            lost += plain_first and not mixed_first
        print(
            f"  en tête : {gained} cas gagnés, {lost} perdus ; McNemar exact p = "
            f"{mcnemar_exact(gained, lost):.2g}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check", action="store_true", help="vérifier que le fichier est à jour, sans l'écrire"
    )
    mode.add_argument(
        "--dev-base",
        action="store_true",
        help="mesurer la validation avec les seuls cas dev comme voisins (n'écrit rien)",
    )
    mode.add_argument(
        "--choose-k",
        action="store_true",
        help="comparer k = 1 à 15 sur les seuls cas dev (n'écrit rien)",
    )
    mode.add_argument(
        "--on-dev",
        action="store_true",
        help="mesurer sur les cas dev, chacun contre tous les autres cas (n'écrit rien)",
    )
    mode.add_argument(
        "--mix",
        action="store_true",
        help="mesurer sur les seuls cas dev l'effet d'un mélange au classement (n'écrit rien)",
    )
    args = parser.parse_args(argv)
    by_set = cases_by_set()
    if args.mix:
        print("Cas dev, chacun contre les autres cas dev : score + λ × 100 × part des cas proches")
        mix(by_set["dev"], by_set["validation"])
        return 0
    if args.choose_k:
        print("Cas dev, chacun contre les autres cas dev : forme des cas proches = forme choisie")
        choose_k(by_set["dev"])
        return 0
    if args.on_dev:
        m = measure(unmeasured_index(by_set), by_set["dev"], k=PRECEDENT_K, leave_one_out=True)
        print("Dev, chaque cas contre tous les autres cas de la base :")
        print(describe(m))
        return 0
    if args.dev_base:
        dev_index = unmeasured_index({"dev": by_set["dev"]})
        m = measure(dev_index, by_set["validation"], k=PRECEDENT_K, leave_one_out=False)
        print(f"Validation, voisins pris parmi les {len(dev_index.cases)} cas dev seulement :")
        print(describe(m))
        return 0
    file = build(by_set)
    text = file_text(file)
    count = f"{len(file.cases)} cas, k = {file.k}"
    status = write_or_check(precedents_file(), text, check=args.check, command=COMMAND, count=count)
    if args.check or status:
        return status
    print("Validation, chaque cas contre tous les autres cas de la base :")
    print(describe(file.measure))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
