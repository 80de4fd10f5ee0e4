"""Guidance: the next best question, what-if, counterfactuals, paths between forms and the
guided questionnaire (terminal and notebook).

>>> from gesform.guidance import next_questions, what_if, counterfactual
>>> next_questions({})[0].question  # doctest: +SKIP
'Quelles structures (ou personnes) coopéreraient ?'
"""

from __future__ import annotations

from .ask import (
    STOP,
    QuestionnaireResult,
    QuestionnaireSession,
    QuestionnaireStep,
    RankedForm,
    run_questionnaire,
)
from .counterfactual import Counterfactual, counterfactual
from .next_questions import QuestionAdvice, next_questions, pivotal_questions
from .paths import PathOffer, paths_for
from .what_if import WhatIf, what_if
from .widgets import Questionnaire

__all__ = [
    "STOP",
    "Counterfactual",
    "PathOffer",
    "QuestionAdvice",
    "Questionnaire",
    "QuestionnaireResult",
    "QuestionnaireSession",
    "QuestionnaireStep",
    "RankedForm",
    "WhatIf",
    "counterfactual",
    "next_questions",
    "paths_for",
    "pivotal_questions",
    "run_questionnaire",
    "what_if",
]
