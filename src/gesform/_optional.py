"""Optional dependencies: import them on demand, or say which extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["require"]


def require(module: str, extra: str = "notebook") -> ModuleType:
    """Import *module*, or raise an ImportError that names the gesform extra providing it.

    >>> require("json").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".", 1)[0]
        raise ImportError(
            f"Cette fonction a besoin de « {top} », qui n'est pas installé : "
            f"pip install 'gesform[{extra}]' "
            f"/ this feature needs {top}: pip install 'gesform[{extra}]'"
        ) from exc
