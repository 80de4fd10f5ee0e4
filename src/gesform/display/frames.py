"""pandas DataFrames of a recommendation, the catalog and a comparison (extra ``notebook``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._optional import require
from ..models.catalog import Catalog
from ..models.results import Recommendation, Verdict

if TYPE_CHECKING:
    from ..compare import Comparison

__all__ = ["catalog_frame", "comparison_frame", "recommendation_frame"]

#: Columns of :func:`recommendation_frame`.
RECOMMENDATION_COLUMNS = (
    "rang",
    "forme",
    "verdict",
    "verdict_code",
    "score",
    "raisons_pour",
    "raisons_contre",
    "questions_ouvertes",
    "support",
    "raison_principale",
)

#: Columns of :func:`catalog_frame`.
CATALOG_COLUMNS = (
    "nom",
    "sigle",
    "famille",
    "personne_morale",
    "statut_juridique",
    "membres_min",
    "membres_max",
    "responsabilite",
    "mise_en_place",
    "support_par_defaut",
    "bases_legales",
)


def recommendation_frame(rec: Recommendation) -> Any:
    """One row per form (index: form id), best first: rank, verdict, score, counts, main reason."""
    pd = require("pandas")
    rows = []
    for a in rec.results:
        main = a.reasons_against if a.verdict is Verdict.excluded else a.reasons_for
        rows.append(
            {
                "rang": a.rank,
                "forme": a.name,
                "verdict": a.verdict.label,
                "verdict_code": a.verdict.value,
                "score": a.score,
                "raisons_pour": len(a.reasons_for),
                "raisons_contre": len(a.reasons_against),
                "questions_ouvertes": len(a.missing),
                "support": a.vehicles[0].name if a.vehicles else None,
                "raison_principale": main[0].because if main else None,
            }
        )
    index = pd.Index([a.structure_id for a in rec.results], name="id")
    return pd.DataFrame(rows, index=index, columns=list(RECOMMENDATION_COLUMNS))


def catalog_frame(catalog: Catalog) -> Any:
    """One row per form of the catalog (index: form id), in French."""
    pd = require("pandas")
    rows = [
        {
            "nom": f.name,
            "sigle": f.acronym,
            "famille": f.family.label,
            "personne_morale": f.legal_person,
            "statut_juridique": f.legal_status,
            "membres_min": f.membership.min_members,
            "membres_max": f.membership.max_members,
            "responsabilite": f.liability.kind.label,
            "mise_en_place": f.setup.effort.label,
            "support_par_defaut": f.default_vehicle.name if f.default_vehicle else None,
            "bases_legales": "; ".join(b.label for b in f.legal_bases),
        }
        for f in catalog
    ]
    index = pd.Index(list(catalog.ids), name="id")
    return pd.DataFrame(rows, index=index, columns=list(CATALOG_COLUMNS))


def comparison_frame(comparison: Comparison) -> Any:
    """One row per aspect, one column per compared form (lists as « • » lines)."""
    pd = require("pandas")
    data = {
        label: [
            items[0] if len(items) == 1 else "\n".join(f"• {i}" for i in items) for items in cells
        ]
        for label, cells in comparison.rows()
    }
    frame = pd.DataFrame.from_dict(
        data, orient="index", columns=[f.short_name for f in comparison.forms]
    )
    frame.index.name = "aspect"
    return frame
