"""Rich tables for the terminal (plain when piped: no colour, no width-broken tables)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from ..loading import load_catalog
from ..models.catalog import Catalog
from ..models.precedents import Precedents
from ..models.results import Assessment, Reason, Recommendation, Verdict
from .setups import SETUPS_TITLE, setup_line
from .shorten import shorten
from .words import (
    PIVOTAL_TITLE,
    PivotalQuestion,
    close_call_sentence,
    pivotal_question_items,
    pivotal_reach_sentence,
    precedents_line,
    track_record_line,
)

__all__ = [
    "VERDICT_STYLES",
    "RecommendationSummary",
    "catalog_table",
    "key_reason",
    "recommendation_table",
]

VERDICT_STYLES = {
    Verdict.recommended: "bold green",
    Verdict.possible: "cyan",
    Verdict.conditional: "yellow",
    Verdict.excluded: "dim red",
}


def catalog_table(catalog: Catalog) -> Table:
    """id, nom, statut juridique, membres minimum, responsabilité des membres."""
    table = Table(title=f"Formes de coopération (catalogue {catalog.catalog_version})")
    table.add_column("id", no_wrap=True)
    table.add_column("Nom")
    table.add_column("Statut juridique")
    table.add_column("Membres min.", justify="right")
    table.add_column("Responsabilité des membres")
    for form in catalog:
        status = (
            "oui"
            if form.legal_status
            else "non (support : "
            + (form.default_vehicle.name if form.default_vehicle else "?")
            + ")"
        )
        table.add_row(
            form.id,
            form.name,
            status,
            str(form.membership.min_members),
            form.liability.kind.label,
        )
    return table


_TITLE = "Orientation (à confirmer avec un conseil juridique)"


def _sign(r: Reason) -> str:
    if r.effect.hard:
        return "✔" if r.direction == "for" else "✘"
    return f"{r.weight:+d}"


def key_reason(a: Assessment) -> Reason | None:
    """The one reason that best sums a form up: its exclusion, else its strongest reason for.

    A form with no reason for shows its strongest reason against.
    """
    if a.verdict is Verdict.excluded:
        blocking = a.blocking or a.reasons_against
        return blocking[0] if blocking else None
    if a.reasons_for:
        return a.reasons_for[0]
    return a.reasons_against[0] if a.reasons_against else None


def _label(a: Assessment, width: int) -> str:
    """« Groupe économique solidaire (ges) »; if too wide, the short name, else the name cut
    after a whole word, so that the id stays."""
    suffix = f" ({a.structure_id})"
    if len(a.name) + len(suffix) <= width:
        return a.name + suffix
    form = load_catalog().get(a.structure_id)
    if form is not None and len(form.short_name) + len(suffix) <= width:
        return form.short_name + suffix  # « SCIC (scic) » rather than « Société… (scic) »
    if len(suffix) + 4 > width:
        return shorten(a.name, width)
    return shorten(a.name, width - len(suffix)) + suffix


class RecommendationSummary:
    """The compact ranking: two lines per form, never wider than the console.

    Line one: rank, form, verdict, score. Line two: the form's key reason (:func:`key_reason`),
    cut at a word boundary to fit. Sources and open questions are in the full table.
    """

    _VERDICT_WIDTH = max(len(v.label) for v in Verdict)

    def __init__(
        self,
        rec: Recommendation,
        *,
        hint: str | None = None,
        questions: Sequence[PivotalQuestion] | None = None,
        precedents: Precedents | None = None,
    ) -> None:
        """*questions*: the answer's pivotal questions (``gesform.guidance.pivotal_questions``),
        listed after the measured track record; None leaves the close-call sentence to name the
        separating open questions instead. *precedents*: the real cases close to the profile
        (``gesform.precedents``), said in one short paragraph after the questions."""
        self.rec = rec
        self.hint = hint
        self.questions = questions
        self.precedents = precedents

    def lines(self, width: int) -> Iterator[Text]:
        """The summary as lines of at most *width* cells."""
        width = max(width, 30)
        tail = 2 + self._VERDICT_WIDTH + 2 + 5  # "  Verdict  Score"
        labels = [f"{a.name} ({a.structure_id})" for a in self.rec.results]
        name_width = max(8, min(max(map(len, labels), default=8), width - 4 - tail))
        yield Text(shorten(_TITLE, width), style="bold")
        head = f"{'#':>2}  {'Forme':<{name_width}}  {'Verdict':<{self._VERDICT_WIDTH}}  Score"
        yield Text(head[:width], style="bold")
        for a in self.rec.results:
            line = Text(f"{a.rank:>2}  {_label(a, name_width):<{name_width}}  ")
            line.append(
                f"{a.verdict.label:<{self._VERDICT_WIDTH}}", style=VERDICT_STYLES[a.verdict]
            )
            line.append(f"  {a.score:>5}")
            yield line
            reason = key_reason(a)
            if reason is not None:
                yield Text(
                    "    " + shorten(f"{_sign(reason)} {reason.because}", width - 4), style="dim"
                )
        close = close_call_sentence(self.rec, listed=self.questions)
        if close:
            yield Text("")
            yield from (Text(line, style="yellow") for line in textwrap.wrap(close, width))
        measured = track_record_line(self.rec)
        if measured:
            yield Text("")
            yield from (Text(line, style="dim") for line in textwrap.wrap(measured, width))
        yield from self._pivotal_lines(width)
        yield from self._precedent_lines(width)
        if self.rec.setups:
            yield Text("")
            yield Text(shorten(SETUPS_TITLE, width), style="bold")
            for setup in self.rec.setups:
                yield from (
                    Text(line)
                    for line in textwrap.wrap(
                        setup_line(setup), width, initial_indent="- ", subsequent_indent="  "
                    )
                )
        if self.hint:
            yield Text("")
            yield from (Text(line) for line in textwrap.wrap(self.hint, width))

    def _pivotal_lines(self, width: int) -> Iterator[Text]:
        """The pivotal questions, one item each, then how often such questions reached the
        group's choice on real missed cases."""
        catalog = load_catalog()
        names = {f: catalog[f].short_name for f in catalog.ids}
        items = pivotal_question_items(self.rec, self.questions or (), names)
        if not items:
            return
        yield Text("")
        yield Text(shorten(PIVOTAL_TITLE, width), style="bold")
        for item in items:
            yield from (
                Text(line)
                for line in textwrap.wrap(item, width, initial_indent="- ", subsequent_indent="  ")
            )
        reach = pivotal_reach_sentence(self.rec)
        if reach:
            yield from (Text(line, style="dim") for line in textwrap.wrap(reach, width))

    def _precedent_lines(self, width: int) -> Iterator[Text]:
        """One short paragraph: the forms the close real cases chose, and whether they name
        the first form (the report and the notebook list the cases themselves)."""
        if self.precedents is None:
            return
        catalog = load_catalog()
        names = {f: catalog[f].short_name for f in catalog.ids}
        line = precedents_line(self.precedents, names)
        if line:
            yield Text("")
            yield from (Text(x, style="dim") for x in textwrap.wrap(line, width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            line.no_wrap = True
            line.overflow = "ellipsis"
            yield line


def recommendation_table(rec: Recommendation, *, reasons: int = 2) -> Table:
    """The full table: rank, form, verdict, score, main reasons with sources, open questions."""
    table = Table(title=_TITLE, show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("Forme")
    table.add_column("Verdict")
    table.add_column("Score", justify="right")
    table.add_column("Raisons principales")
    table.add_column("Questions ouvertes")
    for a in rec.results:
        main = (
            list(a.reasons_against[:reasons])
            if a.verdict is Verdict.excluded
            else (list(a.reasons_for[:reasons]) + list(a.reasons_against[:1]))
        )
        lines = []
        for r in main:
            lines.append(f"{_sign(r)} {r.because} [{r.source.label}]")
        if a.vehicles:
            lines.append(f"→ support : {a.vehicles[0].name}")
        questions = "\n".join(f"{'!' if q.decisive else '-'} {q.question}" for q in a.missing[:2])
        if len(a.missing) > 2:
            questions += f"\n(+{len(a.missing) - 2})"
        table.add_row(
            str(a.rank),
            f"{a.name}\n({a.structure_id})",
            Text(a.verdict.label, style=VERDICT_STYLES[a.verdict]),
            str(a.score),
            "\n".join(lines),
            questions,
        )
    return table
