"""gesform: choose a legal form of cooperation for ESS structures, with explained verdicts.

>>> import gesform
>>> rec = gesform.recommend({"objectives": ["share_staff"], "members": [...]})  # doctest: +SKIP
>>> rec.top.structure_id  # doctest: +SKIP
'groupement_employeurs'
"""

from __future__ import annotations

from ._views import register_views
from .compare import Comparison, compare
from .errors import (
    DataFileError,
    GesformError,
    ProfileFileError,
    RuleFileError,
    UnknownFormError,
)
from .loading import load_catalog
from .models.catalog import Catalog, Form
from .models.profile import Member, Profile
from .models.results import Assessment, OpenQuestion, Reason, Recommendation, Verdict
from .recommend import Recommender, _gesform_version, explain, recommend
from .rulebase import RuleBase, load_rules

__version__ = _gesform_version()
register_views()

#: Public names loaded on first use, so that ``import gesform`` stays fast (cold start).
#: (``compare`` is imported eagerly: it shares its name with its module.)
_LAZY = {
    "BatchStartError": ".batch",
    "CompactAnswer": ".compact",
    "RowError": ".batch",
    "recommend_frame": ".batch",
    "recommend_many": ".batch",
    "Questionnaire": ".guidance",
    "counterfactual": ".guidance",
    "pivotal_questions": ".guidance",
    "precedents": ".casebase",
    "next_questions": ".guidance",
    "what_if": ".guidance",
}


#: Submodules reachable as attributes, also imported on first use.
_SUBMODULES = frozenset({"examples"})


def __getattr__(name: str) -> object:
    """Load the less common public names on first use (PEP 562)."""
    if name in _SUBMODULES:  # ``gesform.examples`` without ``import gesform.examples``
        from importlib import import_module

        return import_module(f".{name}", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gesform' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | _SUBMODULES)


__all__ = (
    "Assessment",
    "BatchStartError",
    "Catalog",
    "CompactAnswer",
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
    "examples",
    "explain",
    "load_catalog",
    "load_rules",
    "next_questions",
    "pivotal_questions",
    "precedents",
    "recommend",
    "recommend_frame",
    "recommend_many",
    "what_if",
)
