"""Markdown renderings: a form's sheet, the catalog, a recommendation."""

from __future__ import annotations

from ..documents import source_label
from ..models.catalog import Catalog, Form
from ..models.results import Recommendation, Verdict
from ..models.sources import SourceRef
from .setups import setups_markdown
from .words import members_text

__all__ = ["catalog_markdown", "form_markdown", "recommendation_markdown", "source_markdown"]


def source_markdown(ref: SourceRef, catalog: Catalog) -> str:
    """A source as a Markdown link, or its document and section (:func:`source_label`)."""
    label = source_label(ref, catalog)
    if ref.legal_basis is not None:
        return f"[{label}]({catalog.legal_basis(ref.legal_basis).url})"
    if ref.url is not None:
        return f"[{label}]({ref.url})"
    return label


def _sources(refs: tuple[SourceRef, ...], catalog: Catalog) -> str:
    return "; ".join(source_markdown(r, catalog) for r in refs)


def form_markdown(form: Form, catalog: Catalog) -> str:
    """The full sheet of one form, every statement with its sources."""
    out = [f"# {form.name}", "", form.summary, ""]
    out.append(f"- **Famille** : {form.family.label}")
    out.append(f"- **Personne morale** : {'oui' if form.legal_person else 'non'}")
    out.append(f"- **Statut juridique** : {'oui' if form.legal_status else 'non'}")
    m = form.membership
    out.append(f"- **Membres** : {members_text(m)}")
    out += ["", "## Bases légales", ""]
    for b in form.legal_bases:
        out.append(f"- [{b.label}]({b.url}) — {b.summary} *(vérifié le {b.checked_on})*")
    out += ["", "## Qui peut être membre", ""]
    out += [f"- {w}" for w in m.who_may]
    if m.who_may_not:
        out += ["", "Ne peuvent pas l'être :", ""] + [f"- {w}" for w in m.who_may_not]
    if m.notes:
        out += ["", m.notes]
    out += ["", f"*Sources : {_sources(m.sources, catalog)}*"]
    for title, block in (
        ("Capital", form.capital),
        ("Gouvernance", form.governance),
        ("Répartition des résultats", form.profit_distribution),
        ("Avis du conseil", form.advisor_opinion),
    ):
        out += [
            "",
            f"## {title}",
            "",
            block.text,
            "",
            f"*Sources : {_sources(block.sources, catalog)}*",
        ]
    out += [
        "",
        "## Responsabilité des membres",
        "",
        f"**{form.liability.kind.label}.** {form.liability.text}",
        "",
        f"*Sources : {_sources(form.liability.sources, catalog)}*",
    ]
    if form.tax_notes:
        out += ["", "## Fiscalité", ""]
        out += [f"- {t.text} *({_sources(t.sources, catalog)})*" for t in form.tax_notes]
    s = form.setup
    out += ["", "## Mise en place", "", f"Effort : **{s.effort.label}**."]
    if s.duration:
        out.append(f"Délai : {s.duration}.")
    out += [""] + [f"- {f}" for f in s.formalities]
    for title, items in (("Avantages", form.advantages), ("Inconvénients", form.drawbacks)):
        out += ["", f"## {title}", ""]
        out += [f"- {i.text} *({_sources(i.sources, catalog)})*" for i in items]
    if form.vehicles:
        out += ["", "## Supports juridiques possibles", ""]
        out += [
            f"- **{v.name}**{' (par défaut)' if v.default else ''} — {v.when}"
            for v in form.vehicles
        ]
    if form.paths:
        out += ["", "## Évolutions possibles", ""]
        out += [f"- vers **{catalog[p.to].name}** : {p.label} ({p.conditions})" for p in form.paths]
    out += ["", "## Exemples", ""]
    if form.examples:
        for e in form.examples:
            where = ", ".join(x for x in (e.place, str(e.year) if e.year else None) if x)
            out.append(f"- **{e.name}**{f' ({where})' if where else ''} — {e.summary}")
    else:
        out.append(f"Aucun exemple dans les sources : {form.no_examples_reason}")
    out += ["", "## Sources", ""] + [f"- {source_markdown(r, catalog)}" for r in form.sources]
    return "\n".join(out) + "\n"


def catalog_markdown(catalog: Catalog) -> str:
    """The catalog as a Markdown table."""
    out = [
        f"# Formes de coopération (catalogue {catalog.catalog_version})",
        "",
        "| id | Nom | Statut juridique | Membres min. | Responsabilité |",
        "| --- | --- | --- | ---: | --- |",
    ]
    for f in catalog:
        status = "oui" if f.legal_status else "non"
        out.append(
            f"| `{f.id}` | {f.name} | {status} | {f.membership.min_members} | "
            f"{f.liability.kind.label} |"
        )
    return "\n".join(out) + "\n"


def recommendation_markdown(rec: Recommendation) -> str:
    """The ranking as Markdown (the full report is ``gesform report``)."""
    out = [
        "| # | Forme | Verdict | Score | Raison principale | Questions ouvertes |",
        "| ---: | --- | --- | ---: | --- | --- |",
    ]
    for a in rec.results:
        main = a.reasons_against if a.verdict is Verdict.excluded else a.reasons_for
        reason = f"{main[0].because} ({main[0].source.label})" if main else ""
        out.append(
            f"| {a.rank} | {a.name} | {a.verdict.label} | {a.score} | {reason} | {len(a.missing)} |"
        )
    setups = setups_markdown(rec)
    return "\n".join(out) + "\n" + (f"\n{setups}" if setups else "")
