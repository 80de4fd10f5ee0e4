"""From rule truths to an assessment: reasons, score, verdict, open questions, vehicles, order.

One module per job: :mod:`.formula` (the score, verdict and order, written once),
:mod:`.sources` (a source resolved for the answer), :mod:`.context` (what is resolved once
per rule base), :mod:`.state` (what is derived once per profile), :mod:`.assess` (THE
assessment of a form, :func:`assess_form`, used by the full answer, the quick path of the
guidance and batches), :mod:`.answer` (the answer's data, written as JSON by pydantic).
"""

from __future__ import annotations

from .answer import path_offers, results_data
from .assess import (
    Assessed,
    FormOutcome,
    QuickVerdict,
    assess_all,
    assess_form,
    quick_ranking,
    quick_verdicts,
)
from .context import RuleContext
from .formula import BASE_SCORE, RECOMMENDED_MIN_SCORE, result_order_key, score_from, verdict_of
from .sources import path_source, resolve_source
from .state import ProfileState, answered_questions

__all__ = [
    "BASE_SCORE",
    "RECOMMENDED_MIN_SCORE",
    "Assessed",
    "FormOutcome",
    "ProfileState",
    "QuickVerdict",
    "RuleContext",
    "answered_questions",
    "assess_all",
    "assess_form",
    "path_offers",
    "path_source",
    "quick_ranking",
    "quick_verdicts",
    "resolve_source",
    "result_order_key",
    "results_data",
    "score_from",
    "verdict_of",
]
