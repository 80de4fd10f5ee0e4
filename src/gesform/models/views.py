"""Views registered from above: the models call them by name and never import a display.

The display, report and IO layers live above the models. ``gesform/__init__.py`` registers
one function per view name when the package is imported; a model method such as
``Recommendation.to_dataframe()`` then only looks its view up here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: view name -> function taking the model (and keyword options) and returning the view.
VIEWS: dict[str, Callable[..., Any]] = {}


def register(name: str, function: Callable[..., Any]) -> None:
    """Register the function that renders the view ``name``."""
    VIEWS[name] = function


def render(name: str, obj: object, /, **options: Any) -> Any:
    """Render ``obj`` with the view registered under ``name``."""
    try:
        function = VIEWS[name]
    except KeyError:
        raise LookupError(
            f"vue « {name} » non enregistrée (importez gesform) / view {name!r} not registered"
        ) from None
    return function(obj, **options)
