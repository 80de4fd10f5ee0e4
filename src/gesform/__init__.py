"""gesform: choose a legal form of cooperation for ESS structures, with explained verdicts.

>>> import gesform
>>> rec = gesform.recommend({"objectives": ["share_staff"], "members": [...]})  # doctest: +SKIP
>>> rec.top.structure_id  # doctest: +SKIP
'groupement_employeurs'
"""

from __future__ import annotations

from .batch import RowError, recommend_frame, recommend_many
from .compare import Comparison, compare
from .errors import (
    DataFileError,
    GesformError,
    ProfileFileError,
    RuleFileError,
    UnknownFormError,
)
from .guidance import Questionnaire, counterfactual, next_questions, what_if
from .loading import load_catalog
from .models.catalog import Catalog, Form
from .models.profile import Member, Profile
from .models.results import Assessment, OpenQuestion, Reason, Recommendation, Verdict
from .recommend import Recommender, _gesform_version, explain, recommend
from .rulebase import RuleBase, load_rules

__version__ = _gesform_version()

__all__ = (
    "Assessment",
    "Catalog",
    "Comparison",
    "DataFileError",
    "Form",
    "GesformError",
    "Member",
    "OpenQuestion",
    "Profile",
    "ProfileFileError",
    "Questionnaire",
    "Reason",
    "Recommendation",
    "Recommender",
    "RowError",
    "RuleBase",
    "RuleFileError",
    "UnknownFormError",
    "Verdict",
    "__version__",
    "compare",
    "counterfactual",
    "explain",
    "load_catalog",
    "load_rules",
    "next_questions",
    "recommend",
    "recommend_frame",
    "recommend_many",
    "what_if",
)
