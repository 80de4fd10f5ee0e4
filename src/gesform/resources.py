"""Where the packaged data and rules live, in a wheel or in a source checkout."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

__all__ = ["data_dir", "rules_dir", "structures_file"]

_CHECKOUT_ROOT = Path(__file__).resolve().parents[2]


def _resource_dir(name: str, env: str) -> Path:
    override = os.environ.get(env)
    if override:
        return Path(override)
    packaged = files("gesform") / name
    if packaged.is_dir():
        return Path(str(packaged))
    # Editable install or plain source checkout: data/ and rules/ sit at the repository root.
    return _CHECKOUT_ROOT / name


def data_dir() -> Path:
    """The folder of ``structures.yaml`` (``GESFORM_DATA_DIR`` overrides it)."""
    return _resource_dir("data", "GESFORM_DATA_DIR")


def rules_dir() -> Path:
    """The folder of the rule files (``GESFORM_RULES_DIR`` overrides it)."""
    return _resource_dir("rules", "GESFORM_RULES_DIR")


def structures_file() -> Path:
    """The catalog file ``structures.yaml``."""
    return data_dir() / "structures.yaml"
