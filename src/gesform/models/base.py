"""The base of every gesform model: immutable, unknown keys rejected."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Base of every gesform model: frozen, ``extra="forbid"``, enums kept as values."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, defer_build=True)
