"""What the service promises, without FastAPI: its limits and the JSON of its 4xx answers.

Every error is answered as ``{"detail": …}`` plus named fields (:class:`ApiError`); a 422
lists at most :data:`MAX_ERRORS` field errors and counts the others in ``errors_omitted``.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..errors import UnknownFormError, validation_lines
from ..reading import MAX_PROFILE_BYTES

__all__ = [
    "JSON",
    "MAX_BODY_BYTES",
    "MAX_ERRORS",
    "ApiError",
    "capped",
    "invalid_body",
    "too_large",
    "unknown_form",
    "validation_detail",
]

#: Largest request body accepted, in bytes (1 MiB, the limit of profile files).
MAX_BODY_BYTES = MAX_PROFILE_BYTES

#: Most field errors listed in a 422 answer; the others are counted in ``errors_omitted``.
MAX_ERRORS = 50

#: The media type of every body, asked and answered.
JSON = "application/json"


class ApiError(Exception):
    """An error answered as JSON: ``{"detail": …}`` plus *extra* fields, with *status*."""

    def __init__(self, status: int, detail: Any, **extra: Any) -> None:
        super().__init__(str(detail))
        self.status = status
        self.detail = detail
        self.extra = extra

    def content(self) -> dict[str, Any]:
        """The JSON body of the answer."""
        return {"detail": self.detail, **self.extra}


def unknown_form(exc: UnknownFormError) -> ApiError:
    """404 for a form id not in the catalog, with the valid ids."""
    return ApiError(404, str(exc), form_id=exc.form_id, valid=list(exc.valid))


def invalid_body(field: str, msg: str, kind: str) -> ApiError:
    """422 for a body that is not a profile at all (not UTF-8, not JSON, not an object…)."""
    loc = ["body", *field.split(".")] if field else ["body"]
    return ApiError(
        422,
        [{"loc": loc, "field": field, "msg": msg, "type": kind}],
        message="Requête invalide / invalid request",
    )


def too_large(limit: int) -> ApiError:
    """413 for a body over *limit* bytes."""
    return ApiError(
        413,
        f"corps de requête trop grand : au plus {limit} octets "
        f"/ request body larger than {limit} bytes",
        limit=limit,
    )


def capped(errors: list[dict[str, Any]], message: str) -> ApiError:
    """A 422 listing at most :data:`MAX_ERRORS` *errors*, the rest counted in ``errors_omitted``."""
    extra: dict[str, Any] = {"message": message}
    if len(errors) > MAX_ERRORS:
        extra["errors_omitted"] = len(errors) - MAX_ERRORS
    return ApiError(422, errors[:MAX_ERRORS], **extra)


def validation_detail(exc: ValidationError) -> list[dict[str, Any]]:
    """The JSON field errors of a pydantic error: ``loc``, ``field`` (``a.0.b``), ``msg``…"""
    lines = validation_lines(exc)
    out = []
    for i, err in enumerate(exc.errors(include_url=False, include_context=False)):
        loc = [p for p in err["loc"] if p not in ("test", "all", "any")]
        out.append(
            {
                "loc": ["body", *loc],
                "field": ".".join(str(p) for p in loc),
                "msg": err["msg"],
                "type": err["type"],
                "message": lines[i] if i < len(lines) else err["msg"],
            }
        )
    return out
