"""Paths between forms: the progressions the sources describe (``paths`` in the catalog),
offered when the target form is not excluded for the group.
"""

from __future__ import annotations

from ..models.catalog import Catalog
from ..models.results import PathOffer, PathSource, Recommendation
from ..scoring import path_offers

__all__ = ["PathOffer", "PathSource", "paths_for"]


def paths_for(
    rec: Recommendation, form_id: str, *, catalog: Catalog | None = None
) -> list[PathOffer]:
    """The catalog's paths from *form_id* whose target is not excluded in *rec*, best target
    first, each with its label, conditions, sources and the target's verdict.

    With the packaged catalog these are the assessment's own ``paths``; *catalog* recomputes
    them for another catalog.
    """
    if catalog is None:
        return list(rec[form_id].paths)
    targets = {a.structure_id: (a.name, a.verdict, a.score, a.rank) for a in rec}
    return path_offers(catalog[form_id], targets, catalog)
