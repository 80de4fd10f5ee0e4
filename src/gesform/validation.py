"""Real cases as data (``tests/cases/*.yaml``): load them, run them, tabulate expected vs obtained.

The case format is documented in ``docs/cases.md``. ``gesform validate tests/cases`` prints the
table that ``docs/validation.md`` records.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError

from .errors import DataFileError
from .loading import describe_validation_error, read_yaml_mapping
from .models.base import Frozen
from .models.profile import Profile
from .models.results import Recommendation, Verdict
from .models.sources import SeedFile, Text
from .recommend import recommend

__all__ = ["Case", "CaseOutcome", "load_cases", "run_case", "validation_markdown"]


class CaseSource(Frozen):
    """The seed section that describes the case."""

    seed: SeedFile
    section: Text


class ExpectedExclusion(Frozen):
    """A form the law rules out for this group, and (optionally) the rule expected to say so."""

    form: str
    why: Text
    rule: str | None = None


class Expectation(Frozen):
    """What the group actually chose and what must be excluded."""

    chosen: str
    acceptable: tuple[str, ...] = ()
    vehicle: str | None = None
    excluded: tuple[ExpectedExclusion, ...] = ()


class Case(Frozen):
    """One real cooperation: the profile as the source describes it and what it chose."""

    id: str
    name: Text
    source: CaseSource
    summary: Text
    profile: Profile
    expect: Expectation
    notes: Text | None = None


class CaseOutcome(Frozen):
    """A case run through the recommender."""

    case: Case
    rank_of_chosen: int
    top: str
    top3: tuple[str, ...]
    verdict_of_chosen: Verdict
    vehicle: str | None
    exclusion_problems: tuple[str, ...]
    recommendation: Annotated[Recommendation, Field(repr=False)]

    @property
    def first(self) -> bool:
        """The chosen form is ranked first."""
        return self.rank_of_chosen == 1

    @property
    def in_top3(self) -> bool:
        """The chosen form is in the top three."""
        return self.rank_of_chosen <= 3


def load_cases(directory: str | Path) -> list[Case]:
    """Every ``*.yaml`` case of *directory*, validated (errors name the file and field)."""
    cases = []
    for path in sorted(Path(directory).glob("*.yaml")):
        raw = read_yaml_mapping(path)
        try:
            cases.append(Case.model_validate({**raw, "id": path.stem}))
        except ValidationError as exc:
            field, message = describe_validation_error(exc)
            raise DataFileError(path, message, entry=path.stem, field=field) from None
    return cases


def run_case(case: Case, *, engine: str | None = None) -> CaseOutcome:
    """Recommend for the case's profile and compare with what the group chose."""
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
        vehicle=chosen.vehicles[0].vehicle_id if chosen.vehicles else None,
        exclusion_problems=tuple(problems),
        recommendation=rec,
    )


def validation_markdown(outcomes: Iterable[CaseOutcome], command: str) -> str:
    """The validation table (expected vs obtained) as Markdown, with the reproducing command."""
    rows = list(outcomes)
    first = sum(o.first for o in rows)
    top3 = sum(o.in_top3 for o in rows)
    lines = [
        "| Cas | Source | Choisi | Obtenu (top 3) | Rang | Verdict | Exclusions |",
        "| --- | --- | --- | --- | ---: | --- | --- |",
    ]
    for o in rows:
        c = o.case
        excl = "ok" if not o.exclusion_problems else "; ".join(o.exclusion_problems)
        lines.append(
            f"| {c.name} | `{c.source.seed[:3]}` {c.source.section[:50]} | `{c.expect.chosen}` | "
            f"{', '.join(f'`{t}`' for t in o.top3)} | {o.rank_of_chosen} | "
            f"{o.verdict_of_chosen.label} | {excl} |"
        )
    summary = (
        f"**{first}/{len(rows)}** cas avec la forme choisie en tête, "
        f"**{top3}/{len(rows)}** dans les trois premières."
    )
    return "\n".join([summary, "", *lines, "", f"Reproduire : `{command}`", ""])
