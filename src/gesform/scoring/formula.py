"""The score and verdict formula, written once (documented in ``docs/concepts.md``).

* **score** = 50 + the signed weights of the bonus and malus rules that hold, clamped to
  0…100 (:func:`score_from`);
* **verdict**: ``excluded`` when an exclude rule holds or a require rule fails; otherwise
  ``conditional`` when an exclude or require rule is unknown; otherwise ``recommended`` when
  the score is at least 60; otherwise ``possible`` (:func:`verdict_of`);
* **order**: excluded forms last; the others by score (higher first), then the number of legal
  conditions still unknown (fewer first), then the tie order of the catalog: the lighter setup
  first (:func:`result_order_key`).
"""

from __future__ import annotations

from ..models.results import Verdict

__all__ = [
    "BASE_SCORE",
    "RECOMMENDED_MIN_SCORE",
    "result_order_key",
    "score_from",
    "verdict_of",
]

BASE_SCORE = 50

RECOMMENDED_MIN_SCORE = 60

_VERDICT_RANK = {v: v.rank for v in Verdict}


def score_from(total: int) -> int:
    """50 + *total* (the signed weights of the rules that hold), clamped to 0…100."""
    return max(0, min(100, BASE_SCORE + total))


def verdict_of(blocked: bool, hard_unknown: bool, score: int) -> Verdict:
    """The verdict from the hard rules' state and the score (see the module docstring)."""
    if blocked:
        return Verdict.excluded
    if hard_unknown:
        return Verdict.conditional
    return Verdict.recommended if score >= RECOMMENDED_MIN_SCORE else Verdict.possible


def result_order_key(
    verdict: Verdict, score: int, open_conditions: int, position: int
) -> tuple[int, int, int, int]:
    """Sort key of the results: ranked by fit, excluded forms last.

    Forms that are not excluded are ordered by score (higher first), whatever legal conditions
    are still open: an unknown never sinks a form below one that fits worse; the verdict says
    how sure each form is. At equal score, the form with fewer legal conditions still unknown
    comes first (the surer advice), then *position* in :attr:`Catalog.tie_order
    <gesform.models.catalog.Catalog.tie_order>`: the lighter setup first.
    """
    return (int(verdict is Verdict.excluded), -score, open_conditions, position)
