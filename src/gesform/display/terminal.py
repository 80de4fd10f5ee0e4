"""Rich tables for the terminal (plain when piped: no colour, no width-broken tables)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..models.catalog import Catalog
from ..models.results import Recommendation, Verdict

__all__ = ["VERDICT_STYLES", "catalog_table", "recommendation_table"]

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


def recommendation_table(rec: Recommendation, *, reasons: int = 2) -> Table:
    """Rank, form, verdict, score, main reasons and open questions."""
    table = Table(title="Orientation (à confirmer avec un conseil juridique)", show_lines=True)
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
            sign = ("✔" if r.direction == "for" else "✘") if r.effect.hard else f"{r.weight:+d}"
            lines.append(f"{sign} {r.because} [{r.source.label}]")
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
