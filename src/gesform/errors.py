"""The errors gesform raises: every one names what is wrong and what was expected."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DataFileError",
    "EngineError",
    "EngineUnavailableError",
    "GesformError",
    "ProfileFileError",
    "RuleFileError",
    "UnknownFormError",
]


class GesformError(Exception):
    """Base class of every error raised on purpose by gesform."""


class DataFileError(GesformError):
    """A data file (catalog or rules) is unreadable or invalid.

    The message names the file, the entry (form or rule id) and the field.
    """

    def __init__(
        self,
        path: str | Path,
        message: str,
        *,
        entry: str | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path)
        self.entry = entry
        self.field = field
        self.detail = message
        where = self.path
        if entry is not None:
            where += f": entrée '{entry}'"
        if field:
            where += f", champ '{field}'"
        super().__init__(f"{where}: {message}")


class RuleFileError(DataFileError):
    """A rule file is invalid (unknown fact, bad operator, duplicate id, missing source…)."""


class ProfileFileError(GesformError):
    """A profile file cannot be read (missing, unreadable, not YAML/JSON, too large, too deep)."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        self.detail = message
        super().__init__(f"{self.path}: {message}")


class UnknownFormError(GesformError, KeyError):
    """A form id that the catalog does not hold."""

    def __init__(self, form_id: str, valid: tuple[str, ...]) -> None:
        self.form_id = form_id
        self.valid = valid
        super().__init__(
            f"forme inconnue / unknown form '{form_id}'; formes valides : {', '.join(valid)}"
        )

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class EngineError(GesformError):
    """The rule engine failed in a way that is not the caller's fault."""


class EngineUnavailableError(EngineError, ValueError):
    """The engine asked for cannot run here (durable-rules on Python 3.13+): a usage error,
    not an internal one — the command line exits with code 2."""


def _shown(value: object) -> str:
    """A short ``repr`` of a rejected value; never fails (ints past 4,300 digits have none)."""
    try:
        shown = repr(value)
    except Exception:  # ValueError for huge ints; any error of a caller's own __repr__
        return f"<{type(value).__name__} illisible / unprintable>"
    return shown if len(shown) <= 60 else shown[:57] + "..."


def validation_lines(exc: object, prefix: str = "") -> list[str]:
    """One French/English line per problem of a pydantic ValidationError, naming the field."""
    errors = exc.errors(include_url=False) if hasattr(exc, "errors") else []  # type: ignore[attr-defined]
    lines = []
    for err in errors:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("test", "all", "any"))
        shown = _shown(err.get("input"))
        where = f"{prefix}{loc}" if loc else (prefix.rstrip(".") or "profil")
        lines.append(f"champ '{where}' : {err.get('msg')} (reçu / got {shown})")
    return lines or [str(exc)]
