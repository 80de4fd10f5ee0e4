"""The score and verdict formula, written once (documented in ``docs/concepts.md``).

* **score** = 50 + the signed weights of the bonus and malus rules that hold, clamped to
  0…100 (:func:`score_from`);
* **verdict**: ``excluded`` when an exclude rule holds or a require rule fails; otherwise
  ``conditional`` when an exclude or require rule is unknown; otherwise ``recommended`` when
  the score is at least 60; otherwise ``possible`` (:func:`verdict_of`);
* **order**: verdict, then score (higher first), then the number of legal conditions still
  unknown (fewer first), then catalog order (:func:`result_order_key`).
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
    """Sort key of the results: verdict (recommended, possible, conditional, excluded), then
    score (higher first), then the number of the form's legal conditions still unknown (fewer
    first: at equal score, the form whose fit depends on fewer unverified conditions is the
    surer advice), then catalog *position*."""
    return (_VERDICT_RANK[verdict], -score, open_conditions, position)
