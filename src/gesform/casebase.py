"""Real cooperations close to a profile (``data/precedents.yaml``): find them, say what they chose.

A profile is read as *tokens*, one per known fact value (:func:`profile_tokens`): ``same_territory``
or ``not_same_territory`` for a yes/no fact, ``objectives:shared_place`` for each value of a set,
``horizon=lasting`` for a choice, ``member_count#3`` for a number put in a band (2, 3–5, 6–10,
11 and more). Two profiles are close when the facts they share weigh much among the facts known
of either: a weighted Jaccard index, where a fact weighs more the rarer it is in the base
(inverse document frequency, ``log((n + 1) / (1 + cases with it))``). Ties go to the smaller
case id, so the answer is deterministic.

The closest :data:`PRECEDENT_K` cases vote for the form they chose, each with its similarity.
*k* is fixed on the development cases alone, as the best of k from 1 to 15 (each case against
the other development cases): 7 at first (315 of 479; with lot 53, 319 of 490 at 7 and 320 at 8,
one case apart), then 5 once lots 54 and 55 and the fact ``employer_group_purpose`` made it
twelve cases better (332 of 506 at 5, 320 at 7). *k* changes only when another value beats it by
more than 1 % of the development cases: with lot 56, 341 of 520 at 5 and 345 at 15, the edge of
the grid, so it stays 5. ``scripts/precedents.py`` writes the base and
measures, on the validation cases, how often the answer's first form was the group's choice when
the closest cases named it too, and when they named another form.

The precedents stand beside the ranking, never inside it: the scores weigh only the law and the
guide (:mod:`gesform.scoring`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import DataFileError
from .facts import FACTS, derive_facts
from .facts.registry import labels_of
from .loading import (
    MemoCache,
    describe_validation_error,
    file_stamp,
    load_catalog,
    read_yaml_mapping,
)
from .models.precedents import (
    Precedent,
    PrecedentCase,
    Precedents,
    PrecedentsFile,
    PrecedentVote,
)
from .models.profile import Profile
from .models.results import Recommendation, Verdict
from .resources import data_dir
from .track_record import lead_of

__all__ = [
    "BLEND_WEIGHT",
    "MAX_PRECEDENT_K",
    "NUMBER_BANDS",
    "PRECEDENT_K",
    "Neighbour",
    "PrecedentIndex",
    "blend",
    "leading_form",
    "load_precedents",
    "precedents",
    "precedents_file",
    "profile_tokens",
    "shared_labels",
    "token_label",
    "vote_shares",
]

#: How many close cases vote (fixed on the development cases only; see the module's text).
PRECEDENT_K = 5

#: The most close cases one call of the command line or of the service may ask for.
MAX_PRECEDENT_K = 50

#: The bands of a number fact: (smallest value of the band, words); a value falls in the last
#: band whose smallest value it reaches.
NUMBER_BANDS: tuple[tuple[int, str], ...] = (
    (0, "moins de 2"),
    (2, "2"),
    (3, "3 à 5"),
    (6, "6 à 10"),
    (11, "11 ou plus"),
)

#: How many shared facts a precedent names.
_SHARED = 3

_FILES: MemoCache[PrecedentIndex] = MemoCache()


def _band(value: float) -> int:
    return max(i for i, (low, _) in enumerate(NUMBER_BANDS) if value >= low or i == 0)


def profile_tokens(profile: Profile) -> frozenset[str]:
    """The known facts of *profile*, one token per value (see the module's text)."""
    tokens: set[str] = set()
    for name, value in derive_facts(profile).items():
        if value is None:
            continue
        if isinstance(value, bool):
            tokens.add(name if value else f"not_{name}")
        elif isinstance(value, dict):
            tokens.update(f"{name}:{v}" for v, held in value.items() if held)
        elif isinstance(value, int | float):
            tokens.add(f"{name}#{_band(value)}")
        else:
            tokens.add(f"{name}={value}")
    return frozenset(tokens)


def _token_parts(token: str) -> tuple[str, str | None]:
    """(fact label, value words or None for a yes/no fact that holds) of a token, in French."""
    for sep in (":", "=", "#"):
        name, found, value = token.partition(sep)
        if found and name in FACTS:
            spec = FACTS[name]
            if sep == "#":
                words = NUMBER_BANDS[int(value)][1] if value.isdigit() else value
            else:
                words = labels_of(spec).get(value, value)
            return spec.label, words
    if token.startswith("not_") and token[4:] in FACTS:
        return FACTS[token[4:]].label, "non"
    if token in FACTS:
        return FACTS[token].label, None
    return token, None


def token_label(token: str) -> str:
    """A token in French: « Même territoire », « Objectifs : Partager un lieu »…"""
    label, words = _token_parts(token)
    return label if words is None else f"{label} : {words}"


def shared_labels(tokens: Sequence[str]) -> tuple[str, ...]:
    """*tokens* in French, the values of one fact gathered in the order given: « Fonctions
    mises en commun : Comptabilité, Paie », « Même territoire »."""
    grouped: dict[str, list[str]] = {}
    for token in tokens:
        label, words = _token_parts(token)
        grouped.setdefault(label, [])
        if words is not None:
            grouped[label].append(words)
    return tuple(f"{k} : {', '.join(v)}" if v else k for k, v in grouped.items())


@dataclass(frozen=True, slots=True)
class Neighbour:
    """One case of the base close to a set of tokens: its similarity (0 to 1), the case, and
    the tokens they share, rarest first."""

    similarity: float
    case: PrecedentCase
    shared: tuple[str, ...]


class PrecedentIndex:
    """The base of real cases, ready to find the closest ones to a set of tokens."""

    def __init__(self, file: PrecedentsFile) -> None:
        """Index the cases of *file* (token weights from how often each fact occurs)."""
        self.file = file
        vocabulary = file.vocabulary
        self._sets = [frozenset(vocabulary[t] for t in c.tokens) for c in file.cases]
        df: Counter[str] = Counter(t for s in self._sets for t in s)
        self._n = len(file.cases)
        self._idf = {t: math.log((self._n + 1) / (1 + n)) for t, n in df.items()}
        self._unseen = math.log(self._n + 1)  # the weight of a token no case has
        self._weight = [sum(self._idf[t] for t in s) for s in self._sets]

    @property
    def cases(self) -> tuple[PrecedentCase, ...]:
        """The cases of the base, in the file's order."""
        return self.file.cases

    def idf(self, token: str) -> float:
        """The weight of *token*: the rarer in the base, the heavier."""
        return self._idf.get(token, self._unseen)

    def without(self, case_id: str) -> PrecedentIndex:
        """The same base without the case *case_id* (to measure a case against the others)."""
        kept = tuple(c for c in self.file.cases if c.id != case_id)
        return PrecedentIndex(self.file.model_copy(update={"cases": kept}))

    def nearest(self, tokens: Iterable[str], k: int) -> list[Neighbour]:
        """The *k* cases closest to *tokens*, closest first (ties: smaller case id first)."""
        mine = frozenset(tokens)
        own = sum(self.idf(t) for t in mine)
        scored = []
        for case, theirs, weight in zip(self.file.cases, self._sets, self._weight, strict=True):
            common = mine & theirs
            inter = sum(self.idf(t) for t in common)
            union = own + weight - inter
            scored.append((inter / union if union > 0 else 0.0, case.id, case, common))
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [
            Neighbour(sim, case, tuple(sorted(common, key=lambda t: (-self.idf(t), t))))
            for sim, _, case, common in scored[:k]
        ]


def precedents_file() -> Path:
    """The packaged ``precedents.yaml`` (beside the catalog; ``GESFORM_DATA_DIR`` moves it)."""
    return data_dir() / "precedents.yaml"


def _read(path: Path) -> PrecedentIndex:
    raw = read_yaml_mapping(path, DataFileError)
    try:
        return PrecedentIndex(PrecedentsFile.model_validate(raw))
    except ValidationError as exc:
        field, message = describe_validation_error(exc)
        raise DataFileError(path, message, field=field or None) from None


def load_precedents(path: str | Path | None = None) -> PrecedentIndex | None:
    """The base of precedents (the packaged one by default), checked and indexed; None when the
    file is absent (a custom data folder may have none). An invalid file is a
    :class:`~gesform.errors.DataFileError` naming the file and the field."""
    p = Path(path) if path is not None else precedents_file()
    if not p.is_file():
        return None
    return _FILES.get(file_stamp(p), lambda: _read(p))


def _form_names() -> dict[str, str]:
    catalog = load_catalog()
    return {f: catalog[f].name for f in catalog.ids}


def _votes(found: Sequence[Neighbour], names: Mapping[str, str]) -> tuple[PrecedentVote, ...]:
    weight: dict[str, float] = {}
    count: Counter[str] = Counter()
    for n in found:
        weight[n.case.chosen] = weight.get(n.case.chosen, 0.0) + n.similarity
        count[n.case.chosen] += 1
    total = sum(weight.values())
    ranked = sorted(count, key=lambda f: (-weight[f], -count[f], f))
    return tuple(
        PrecedentVote(
            form=f,
            name=names.get(f, f),
            cases=count[f],
            share=round(weight[f] / total, 4) if total > 0 else round(count[f] / len(found), 4),
        )
        for f in ranked
    )


def leading_form(found: Sequence[Neighbour]) -> str | None:
    """The form the neighbours *found* name most (by similarity, then count, then id)."""
    votes = _votes(found, {})
    return votes[0].form if votes else None


def vote_shares(found: Sequence[Neighbour]) -> dict[str, float]:
    """Each form the neighbours *found* chose, with its share of their similarity (as
    :attr:`Precedents.votes <gesform.models.precedents.Precedents.votes>` gives it)."""
    return {v.form: v.share for v in _votes(found, {})}


#: The weight of the precedents in :func:`blend`, the best of the development cases alone
#: (``scripts/precedents.py --mix``: λ from 0 to 3).
BLEND_WEIGHT = 0.2


def blend(
    rec: Recommendation, shares: Mapping[str, float], *, weight: float = BLEND_WEIGHT
) -> tuple[str, ...]:
    """The forms of *rec* in a **blended** order, an option beside the answer: each form not
    excluded gains ``weight × 100 ×`` its share of the close real cases (*shares*, e.g.
    ``{v.form: v.share for v in precedents(rec).votes}``); excluded forms stay last; ties keep
    the answer's order. With ``weight=0`` it is the answer's own order.

    The answer's ranking weighs only the law and the guide and never uses this order; it is
    measured in ``scripts/precedents.py --mix`` and documented in the guidance page.
    """
    if weight < 0:
        raise ValueError(f"weight doit être positif ou nul / weight must be >= 0 (reçu {weight})")
    ranked = sorted(
        enumerate(rec.results),
        key=lambda item: (
            item[1].verdict is Verdict.excluded,
            -(item[1].score + weight * 100 * shares.get(item[1].structure_id, 0.0)),
            item[0],
        ),
    )
    return tuple(a.structure_id for _, a in ranked)


def precedents(
    subject: Profile | Recommendation | Mapping[str, Any],
    *,
    k: int = PRECEDENT_K,
    index: PrecedentIndex | None = None,
) -> Precedents:
    """The *k* real cases closest to a profile, the forms they chose, and how they compare
    with the first form of the answer.

    *subject* is a :class:`~gesform.Profile` (or its dict), or an answer of
    :func:`gesform.recommend`: a profile is first answered by the shared recommender. The
    measure of the agreement on the validation cases is attached only when the answer comes
    from the rules and catalog it was measured with, and *k* is the base's (5). *index*
    replaces the packaged base.

    Raises :class:`~gesform.errors.DataFileError` when the packaged base is absent or invalid,
    and ``ValueError`` when *k* is below 1.
    """
    if k < 1:
        raise ValueError(f"k doit valoir au moins 1 / k must be at least 1 (reçu / got {k})")
    if isinstance(subject, Recommendation):
        rec = subject
    else:
        from .recommend import recommend

        rec = recommend(subject)
    base = index if index is not None else load_precedents()
    if base is None:
        raise DataFileError(precedents_file(), "fichier absent / missing file")
    names = _form_names()
    found = base.nearest(profile_tokens(rec.profile), k)
    measure = base.file.measure
    # The measure holds for the rules, the catalog and the k it was taken with.
    same_rules = (measure.rules_version, measure.catalog_version, base.file.k) == (
        rec.rules_version,
        rec.catalog_version,
        k,
    )
    lead = lead_of(a.score for a in rec.results if a.verdict is not Verdict.excluded)
    band = None
    if same_rules and lead is not None:
        band = next((b for b in measure.bands if b.holds(lead)), None)
    return Precedents(
        k=k,
        base_cases=len(base.cases),
        neighbours=tuple(
            Precedent(
                case_id=n.case.id,
                name=n.case.name,
                chosen=n.case.chosen,
                chosen_name=names.get(n.case.chosen, n.case.chosen),
                similarity=round(n.similarity, 3),
                shared=shared_labels(n.shared[:_SHARED]),
                url=n.case.url,
                publisher=n.case.publisher,
            )
            for n in found
        ),
        votes=_votes(found, names),
        first_form=rec.top.structure_id if rec.results else None,
        measure=measure if same_rules else None,
        lead=lead,
        band=band,
    )
