"""Rule engines: durable-rules (default where it imports) and plain Python (the oracle)."""

from __future__ import annotations

import sys
from typing import Literal

from ..errors import EngineError, EngineUnavailableError
from .base import RuleEngine
from .compile import CompiledRule
from .durable import DurableEngine, durable_available, unavailable_message

__all__ = [
    "EngineName",
    "RuleEngine",
    "build_engine",
    "check_engine",
    "default_engine_name",
    "engine_description",
]

EngineName = Literal["durable", "python"]


def default_engine_name() -> EngineName:
    """``"durable"`` where durable-rules imports, else ``"python"``."""
    return "durable" if durable_available() else "python"


def check_engine(name: str) -> None:
    """Refuse an engine that cannot run here: :class:`EngineUnavailableError` (a usage error)
    for durable-rules where it does not import, :class:`EngineError` for an unknown name."""
    if name == "durable" and not durable_available():
        raise EngineUnavailableError(unavailable_message())
    if name not in ("durable", "python"):
        raise EngineError(f"moteur inconnu '{name}' ; moteurs : durable, python / unknown engine")


def _durable_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("durable-rules")
    except PackageNotFoundError:  # pragma: no cover - an unpackaged build of the extension
        return "(version inconnue)"


def engine_description(name: str | None = None) -> str:
    """The engine in words, for ``--version`` and the answer's footer (default: the one that
    runs when none is asked for), e.g. ``durable-rules 2.0.28`` or ``Python (durable-rules
    indisponible sur Python 3.13)``."""
    name = name or default_engine_name()
    if name == "durable":
        return f"durable-rules {_durable_version()}"
    if durable_available():
        return "Python (moteur de contrôle ; durable-rules disponible)"
    py = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return f"Python (durable-rules indisponible sur Python {py})"


def build_engine(name: str, rules: tuple[CompiledRule, ...]) -> RuleEngine:
    """Build the named engine over compiled rules."""
    check_engine(name)
    if name == "durable":
        return DurableEngine(rules)
    from .python import PythonEngine  # the oracle: not imported on the default path

    return PythonEngine(rules)
