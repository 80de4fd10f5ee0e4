"""Real cases as data (``tests/cases/*.yaml``): load them, run them, tabulate expected vs obtained.

The case format is documented in ``docs/cases.md``. ``gesform validate tests/cases`` prints the
table that ``docs/validation.md`` records.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, HttpUrl, ValidationError, model_validator

from .errors import DataFileError
from .loading import describe_validation_error, load_catalog, read_yaml_mapping
from .models.base import Frozen
from .models.profile import Profile
from .models.results import Recommendation, Verdict
from .models.sources import SeedFile, Text
from .recommend import Recommender, recommend

__all__ = [
    "UNQUOTED_FIELDS",
    "Case",
    "CaseOutcome",
    "DecisiveAnswer",
    "PublicSource",
    "answers_putting_chosen_first",
    "case_mismatches",
    "load_case",
    "load_cases",
    "run_case",
    "unquoted_fields",
    "validation_markdown",
]


class CaseSource(Frozen):
    """The seed section that describes the case."""

    seed: SeedFile
    section: Text

    @property
    def label(self) -> str:
        """Short reference for tables: seed number and section."""
        return f"`{self.seed[:3]}` {self.section[:50]}"


class PublicSource(Frozen):
    """A public page (federation, CRESS, Avise, press…) that describes a real cooperation."""

    url: HttpUrl = Field(description="Adresse de la page.")
    title: Text = Field(description="Titre de la page, tel qu'elle le donne.")
    publisher: Text = Field(description="Qui publie la page (fédération, CRESS, journal…).")
    published: date | None = Field(
        description="Date de publication si la page la donne, sinon null (champ obligatoire)."
    )
    read_on: date = Field(description="Date à laquelle la page a été lue.")

    @property
    def label(self) -> str:
        """Short reference for tables: publisher and date."""
        when = self.published.isoformat() if self.published else "s. d."
        return f"{self.publisher} ({when})"


class ExpectedExclusion(Frozen):
    """A form the law rules out for this group, and (optionally) the rule expected to say so."""

    form: str
    why: Text
    rule: str | None = None


class Expectation(Frozen):
    """What the group actually chose and what must be excluded (form ids of the catalogue)."""

    chosen: str
    acceptable: tuple[str, ...] = ()
    vehicle: str | None = None
    excluded: tuple[ExpectedExclusion, ...] = ()

    @model_validator(mode="after")
    def _known_forms(self) -> Expectation:
        known = load_catalog().ids
        named = [self.chosen, *self.acceptable, *(ex.form for ex in self.excluded)]
        unknown = sorted({form for form in named if form not in known})
        if unknown:
            raise ValueError(
                f"forme inconnue du catalogue / unknown form: {', '.join(unknown)} "
                f"(attendu / expected: {', '.join(known)})"
            )
        return self


#: Profile fields that are free text and need no quote (they do not feed any rule).
UNQUOTED_FIELDS = frozenset({"schema_version", "name", "description", "territory"})


class Case(Frozen):
    """One real cooperation: the profile as the source describes it and what it chose.

    A seed case cites a seed section (``source.seed``); an evidence case cites a public page
    (``source.url``…) and gives, in ``quotes``, the source's own words for every profile field
    it sets (key: the field path, e.g. ``objectives.share_staff`` or ``members``).
    ``pending`` holds answers the source gives that the profile vocabulary cannot hold yet
    (path → value), each quoted under ``pending.<path>``.
    """

    id: str
    name: Text
    source: CaseSource | PublicSource
    summary: Text
    profile: Profile
    expect: Expectation
    quotes: dict[Annotated[str, Field(min_length=1)], Text] = Field(default_factory=dict)
    pending: dict[Annotated[str, Field(min_length=1)], Any] = Field(default_factory=dict)
    notes: Text | None = None

    @model_validator(mode="after")
    def _quoted(self) -> Case:
        if isinstance(self.source, PublicSource):
            missing = unquoted_fields(self)
            if missing:
                raise ValueError(
                    "champs du profil sans citation de la source / profile fields without a "
                    f"quote: {', '.join(missing)}"
                )
        elif self.quotes or self.pending:
            raise ValueError(
                "quotes et pending ne s'emploient qu'avec une source publique (url) / "
                "quotes and pending need a public source"
            )
        return self


def unquoted_fields(case: Case) -> list[str]:
    """Set profile fields (and pending paths) of *case* that no quote key covers, sorted.

    A quote key covers a field when it is the field name or starts with ``field.`` or
    ``field[``; a pending path ``p`` must be quoted under ``pending.p``.
    """
    keys = list(case.quotes)

    def covered(name: str) -> bool:
        return any(k == name or k.startswith((f"{name}.", f"{name}[")) for k in keys)

    fields = [f for f in case.profile.answered() if f not in UNQUOTED_FIELDS]
    missing = [f for f in fields if not covered(f)]
    missing += [f"pending.{p}" for p in case.pending if f"pending.{p}" not in case.quotes]
    return sorted(missing)


class CaseOutcome(Frozen):
    """A case run through the recommender."""

    case: Case
    rank_of_chosen: int
    top: str
    top3: tuple[str, ...]
    verdict_of_chosen: Verdict
    tied_with: tuple[str, ...] = Field(
        default=(),
        description="Formes de même verdict et de même score que la forme choisie : l'ordre "
        "entre elles tient aux conditions légales encore inconnues, puis au catalogue.",
    )
    vehicle: str | None
    exclusion_problems: tuple[str, ...]
    recommendation: Annotated[Recommendation, Field(repr=False)]

    @property
    def first(self) -> bool:
        """The chosen form is ranked first."""
        return self.rank_of_chosen == 1

    @property
    def first_or_equivalent(self) -> bool:
        """The chosen form, or a form the source names as equivalent (``acceptable``), is first."""
        return self.first or self.top in self.case.expect.acceptable

    @property
    def in_top3(self) -> bool:
        """The chosen form is in the top three."""
        return self.rank_of_chosen <= 3


def load_case(path: str | Path) -> Case:
    """One case file, validated; its id is the file name (errors name the file and field)."""
    path = Path(path)
    raw = read_yaml_mapping(path)
    try:
        return Case.model_validate({**raw, "id": path.stem})
    except ValidationError as exc:
        field, message = describe_validation_error(exc)
        raise DataFileError(path, message, entry=path.stem, field=field) from None


def load_cases(directory: str | Path) -> list[Case]:
    """Every ``*.yaml`` case of *directory*, validated (errors name the file and field)."""
    return [load_case(path) for path in sorted(Path(directory).glob("*.yaml"))]


def case_mismatches(outcome: CaseOutcome) -> list[str]:
    """What the tests require of a case and the answer does not give, in French (empty: none).

    The chosen form must be in the top three, every expected exclusion obtained (by the named
    rule if any), and the expected vehicle proposed first.
    """
    case = outcome.case
    problems = []
    if not outcome.in_top3:
        problems.append(
            f"forme choisie `{case.expect.chosen}` au rang {outcome.rank_of_chosen}, hors des "
            f"trois premières ({', '.join(outcome.top3)})"
        )
    problems.extend(f"exclusion attendue : {p}" for p in outcome.exclusion_problems)
    if case.expect.vehicle and outcome.vehicle != case.expect.vehicle:
        problems.append(
            f"support attendu `{case.expect.vehicle}`, obtenu `{outcome.vehicle or 'aucun'}`"
        )
    return problems


def run_case(
    case: Case, *, engine: str | None = None, recommender: Recommender | None = None
) -> CaseOutcome:
    """Recommend for the case's profile and compare with what the group chose.

    *recommender* answers instead of the shared one of *engine* when given.
    """
    if recommender is not None:
        rec = recommender.recommend(case.profile)
    else:
        rec = recommend(case.profile, engine=engine)  # type: ignore[arg-type]
    chosen = rec[case.expect.chosen]
    problems = []
    for ex in case.expect.excluded:
        a = rec[ex.form]
        if a.verdict is not Verdict.excluded:
            problems.append(f"{ex.form}: {a.verdict.value} au lieu de excluded")
        elif ex.rule and ex.rule not in {r.rule_id for r in a.blocking}:
            problems.append(f"{ex.form}: exclue sans la règle {ex.rule}")
    return CaseOutcome(
        case=case,
        rank_of_chosen=chosen.rank,
        top=rec.top.structure_id,
        top3=tuple(a.structure_id for a in rec.results[:3]),
        verdict_of_chosen=chosen.verdict,
        tied_with=tuple(
            a.structure_id
            for a in rec.results
            if a.structure_id != chosen.structure_id
            and (a.verdict, a.score) == (chosen.verdict, chosen.score)
        ),
        vehicle=chosen.vehicles[0].vehicle_id if chosen.vehicles else None,
        exclusion_problems=tuple(problems),
        recommendation=rec,
    )


def validation_markdown(outcomes: Iterable[CaseOutcome], command: str) -> str:
    """The validation table (expected vs obtained) as Markdown, with the reproducing command."""
    rows = list(outcomes)
    first = sum(o.first for o in rows)
    equivalent = sum(o.first_or_equivalent for o in rows)
    top3 = sum(o.in_top3 for o in rows)
    lines = [
        "| Cas | Source | Choisi | Obtenu (top 3) | Rang | Verdict | Exclusions |",
        "| --- | --- | --- | --- | ---: | --- | --- |",
    ]
    for o in rows:
        c = o.case
        excl = "ok" if not o.exclusion_problems else "; ".join(o.exclusion_problems)
        lines.append(
            f"| {c.name} | {c.source.label} | `{c.expect.chosen}` | "
            f"{', '.join(f'`{t}`' for t in o.top3)} | {_rank(o)} | "
            f"{o.verdict_of_chosen.label} | {excl} |"
        )
    summary = (
        f"**{first}/{len(rows)}** cas avec la forme choisie en tête, "
        f"**{equivalent}/{len(rows)}** avec en tête la forme choisie ou une forme que la source "
        f"tient pour équivalente, **{top3}/{len(rows)}** dans les trois premières. "
        "« = » signale une égalité de verdict et de score avec les formes citées."
    )
    return "\n".join([summary, "", *lines, "", f"Reproduire : `{command}`", ""])


def _rank(o: CaseOutcome) -> str:
    if not o.tied_with:
        return str(o.rank_of_chosen)
    return f"{o.rank_of_chosen} (= {', '.join(f'`{t}`' for t in o.tied_with)})"


class DecisiveAnswer(Frozen):
    """One answer to a question the case leaves open that puts the chosen form first."""

    question_id: str
    answer: str = Field(description="La réponse, en français.")
    verdict: Verdict
    score: int


def answers_putting_chosen_first(case: Case, *, engine: str | None = None) -> list[DecisiveAnswer]:
    """Each single answer to an open question of *case* that would put the chosen form first.

    The answers tried are those the guided questionnaire explores
    (:func:`~gesform.guidance.answers.candidate_answers`); answers that contradict the profile
    are skipped. An empty list means no single answer is enough. This tells what information a
    case lacks; it is never a reason to write that answer into the case.
    """
    from .guidance.answers import apply_answer, candidate_answers
    from .questions import QUESTIONS, is_answered

    out = []
    for qid in QUESTIONS:
        if is_answered(case.profile, qid):
            continue
        for value, label in candidate_answers(case.profile, qid):
            try:
                variant = apply_answer(case.profile, qid, value)
            except (ValidationError, ValueError):
                continue
            top = recommend(variant, engine=engine).results[0]  # type: ignore[arg-type]
            if top.structure_id == case.expect.chosen:
                out.append(
                    DecisiveAnswer(
                        question_id=qid, answer=label, verdict=top.verdict, score=top.score
                    )
                )
    return out
