"""Every article of law the knowledge base uses, with its dates and who cites it.

One place for a jurist to review the law: each legal basis of the catalog, the date of the version
of the text that was read (``read_on``, ``in_force_since``), the date it was checked, the forms
whose catalog entry cites it and the rules that rest on it. ``gesform sources`` prints it and
``docs/sources.md`` is generated from it (``scripts/gen_docs.py``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from .loading import _iter_sources
from .models.base import Frozen
from .models.catalog import Catalog
from .models.sources import LegalBasis
from .rulebase import RuleBase

__all__ = ["LegalSourceUse", "legal_source_index", "sources_json", "sources_markdown"]

_EFFECT_WORDS = {
    "exclude": "exclut",
    "require": "condition",
    "bonus": "atout",
    "malus": "frein",
    "vehicle": "support",
}


class LegalSourceUse(Frozen):
    """One legal basis and where the knowledge base relies on it."""

    basis: LegalBasis
    defined_in: str = Field(description="Forme du catalogue où la base légale est définie.")
    cited_by_forms: tuple[str, ...] = Field(
        description="Formes dont la fiche (catalogue) cite l'article."
    )
    cited_by_rules: tuple[tuple[str, str], ...] = Field(
        description="Règles qui citent l'article : (identifiant, effet)."
    )

    @property
    def hard_rules(self) -> tuple[str, ...]:
        """Ids of the exclusions and conditions resting on this article."""
        return tuple(rid for rid, eff in self.cited_by_rules if eff in ("exclude", "require"))


def legal_source_index(catalog: Catalog, rules: RuleBase) -> list[LegalSourceUse]:
    """Every legal basis of the catalog in catalog order, with the forms and rules citing it."""
    defined: dict[str, str] = {}
    for form in catalog:
        for basis in form.legal_bases:
            defined.setdefault(basis.id, form.id)
    forms_citing: dict[str, list[str]] = {bid: [] for bid in defined}
    for form in catalog:
        for _loc, ref in _iter_sources(form):
            if ref.legal_basis is not None and form.id not in forms_citing[ref.legal_basis]:
                forms_citing[ref.legal_basis].append(form.id)
    rules_citing: dict[str, list[tuple[str, str]]] = {bid: [] for bid in defined}
    for rule in rules:
        if rule.source.legal_basis is not None:
            rules_citing[rule.source.legal_basis].append((rule.id, rule.effect.value))
    bases = catalog.legal_bases
    return [
        LegalSourceUse(
            basis=bases[bid],
            defined_in=defined[bid],
            cited_by_forms=tuple(forms_citing[bid]),
            cited_by_rules=tuple(rules_citing[bid]),
        )
        for bid in defined
    ]


def _day(d: date | None) -> str:
    return d.isoformat() if d is not None else "—"


def _rule_links(use: LegalSourceUse) -> str:
    if not use.cited_by_rules:
        return "—"
    return ", ".join(
        f"[`{rid}`](rules/{rid.split('.', 1)[0]}.md#{rid}) ({_EFFECT_WORDS[eff]})"
        for rid, eff in use.cited_by_rules
    )


def sources_markdown(catalog: Catalog, rules: RuleBase) -> str:
    """The ``docs/sources.md`` page: one table row per article, then each article's summary."""
    index = legal_source_index(catalog, rules)
    oldest = min(index, key=lambda u: u.basis.read_on)
    out = [
        "<!-- Page générée par scripts/gen_docs.py à partir de data/structures.yaml et rules/ :"
        " ne pas la modifier à la main. -->",
        "",
        "# Les textes de loi utilisés",
        "",
        f"{len(index)} articles ou textes, tels que le catalogue les cite. Pour chacun : la date "
        "de la version lue (« lu dans la version du », c'est-à-dire le texte tel qu'il était en "
        "vigueur ce jour-là, et son début de vigueur quand la source le donne), la date de la "
        "dernière vérification, les fiches qui le citent et les règles qui s'appuient dessus. "
        "Une exclusion ou une condition (« exclut », « condition ») repose toujours sur un "
        "article de loi ; la revue juridique est décrite dans [legal-review.md](legal-review.md).",
        "",
        f"Version la plus ancienne lue : `{oldest.basis.id}` ({_day(oldest.basis.read_on)}).",
        "",
        "| Article | Texte | Lu dans la version du | En vigueur depuis | Vérifié le | Fiches "
        "| Règles |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for use in index:
        b = use.basis
        forms = ", ".join(f"[{f}](forms/{f}.md)" for f in use.cited_by_forms) or "—"
        out.append(
            f"| [{b.article}]({b.url}) | {b.text} | {_day(b.read_on)} | "
            f"{_day(b.in_force_since)} | {_day(b.checked_on)} | {forms} | {_rule_links(use)} |"
        )
    out += ["", "## Ce que dit chaque article", ""]
    for use in index:
        b = use.basis
        out += [f"### {b.label}", "", f"`{b.id}` — {b.summary}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def sources_json(catalog: Catalog, rules: RuleBase) -> list[dict[str, Any]]:
    """The same index as plain JSON-ready data (``gesform sources --format json``)."""
    return [
        {
            **use.basis.model_dump(mode="json"),
            "label": use.basis.label,
            "defined_in": use.defined_in,
            "cited_by_forms": list(use.cited_by_forms),
            "cited_by_rules": [{"id": rid, "effect": eff} for rid, eff in use.cited_by_rules],
        }
        for use in legal_source_index(catalog, rules)
    ]
