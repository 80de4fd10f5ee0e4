"""Rule engines: durable-rules (default where it imports) and plain Python (the oracle)."""

from __future__ import annotations

from typing import Literal

from ..errors import EngineError
from .base import RuleEngine
from .compile import CompiledRule
from .durable import DurableEngine, durable_available

__all__ = ["EngineName", "RuleEngine", "build_engine", "default_engine_name"]

EngineName = Literal["durable", "python"]


def default_engine_name() -> EngineName:
    """``"durable"`` where durable-rules imports, else ``"python"``."""
    return "durable" if durable_available() else "python"


def build_engine(name: str, rules: tuple[CompiledRule, ...]) -> RuleEngine:
    """Build the named engine over compiled rules."""
    if name == "durable":
        return DurableEngine(rules)
    if name == "python":
        from .python import PythonEngine  # the oracle: not imported on the default path

        return PythonEngine(rules)
    raise EngineError(f"moteur inconnu '{name}' ; moteurs : durable, python / unknown engine")
