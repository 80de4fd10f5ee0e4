"""The generated page ``docs/rules/matrix.md``: the criteria table, criteria × forms."""

from __future__ import annotations

from .models.catalog import Catalog
from .models.criteria import Criterion, CriterionKind
from .rulebase import RuleBase

__all__ = ["matrix_markdown"]

_NOTICE = (
    "<!-- Page générée par scripts/gen_docs.py depuis rules/criteria/ : "
    "ne pas modifier à la main. -->\n\n"
)


def _weight(value: int) -> str:
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"−{-value}"
    return "0"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(criteria: list[Criterion], catalog: Catalog) -> list[str]:
    head = " | ".join(f"[{f.short_name}]({f.id}.md)" for f in catalog)
    out = [f"| Critère | {head} |", "| --- |" + " ---: |" * len(catalog)]
    for c in criteria:
        cells = []
        for f in catalog:
            cell = c.cell(f.id)
            weight = cell.weight if cell is not None else 0
            cells.append(_weight(weight) if weight == 0 else f"**{_weight(weight)}**")
        out.append(f"| [{_cell(c.label)}](#{c.id}) | " + " | ".join(cells) + " |")
    return out


def _details(c: Criterion, catalog: Catalog) -> list[str]:
    out = ["", f"### {c.label} {{ #{c.id} }}", "", f"Identifiant : `{c.id}`.", ""]
    out += ["| Forme | Poids | Raison |", "| --- | ---: | --- |"]
    for f in catalog:
        cell = c.cell(f.id)
        if cell is None or cell.weight == 0:
            note = cell.because if cell is not None and cell.because else "sans effet"
            out.append(f"| {f.short_name} | 0 | {_cell(note)} |")
            continue
        rule_id = f"{f.id}.{c.id}"
        out.append(
            f"| {f.short_name} | {_weight(cell.weight)} | {_cell(cell.because or '')} "
            f"([règle]({f.id}.md#{rule_id})) |"
        )
    return out


def matrix_markdown(rules: RuleBase, catalog: Catalog) -> str:
    """Every criterion's weight for every form, grouped by kind, then each criterion's reasons."""
    criteria = list(rules.criteria)
    out = [_NOTICE + "# Tableau des critères", ""]
    out += [
        f"Les {len(criteria)} critères qui pèsent sur le score, chacun avec son effet sur "
        f"chacune des {len(catalog)} formes : un poids positif (atout), négatif (frein) ou 0 "
        "quand le critère est sans effet pour la forme. Le tableau est écrit en un seul endroit, "
        "`rules/criteria/*.yaml`, pour qu'un même fait pèse de façon cohérente sur toutes les "
        "formes ; chaque poids non nul y a sa raison et sa source. Les exclusions et conditions "
        "légales restent dans les fichiers de chaque forme (`rules/<forme>.yaml`) : elles "
        "demandent un article de loi.",
        "",
        "Un score part de 50 ; les poids des critères vérifiés s'y ajoutent (borné à 0–100).",
    ]
    for kind in CriterionKind:
        group = [c for c in criteria if c.kind is kind]
        if group:
            out += ["", f"## {kind.label}", "", *_table(group, catalog)]
    out += ["", "## Raisons, critère par critère"]
    for kind in CriterionKind:
        for c in (c for c in criteria if c.kind is kind):
            out += _details(c, catalog)
    return "\n".join(out) + "\n"
