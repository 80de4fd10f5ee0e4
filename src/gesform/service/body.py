"""The profile in a request body: read as a bounded stream, parsed like a profile file,
validated by pydantic (:class:`~gesform.models.profile.Profile`).

:func:`profile_body` is the FastAPI dependency of the endpoints that take a profile. FastAPI's
own body parameter is not used, because it would break what the service promises
(``docs/service.md``): it reads the whole body before any check (no 413 while streaming), reads
a body without ``Content-Type`` as bytes and any other type as 422 (not 415), accepts duplicate
keys and ``NaN``, does not migrate ``schema_version``, and validates the body together with the
path (an unknown form would be 422 for a bad body, not 404). The OpenAPI document still names
the ``Profile`` schema as the request body (:data:`PROFILE_BODY`).
"""

# No ``from __future__ import annotations``: FastAPI reads the dependency's annotations.
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request

from ..errors import ProfileFileError
from ..models.profile import Profile
from ..profile_io import migrate_profile_data
from ..reading import FileFormatError, parse_text
from .contract import (
    JSON,
    MAX_BODY_BYTES,
    ApiError,
    capped,
    invalid_body,
    too_large,
    validation_detail,
)

__all__ = ["PROFILE_BODY", "check_json_type", "parse_profile", "profile_body", "read_body"]

#: The request body in the OpenAPI document of the endpoints that take a profile.
PROFILE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "Le profil de coopération, en JSON (au plus 1 Mio).",
        "content": {JSON: {"schema": {"$ref": "#/components/schemas/Profile"}}},
    }
}


def check_json_type(request: Request) -> None:
    """415 unless the Content-Type is JSON (``application/json``, ``…+json``) or absent."""
    declared = request.headers.get("content-type")
    if declared is None:
        return
    media = declared.split(";", 1)[0].strip().lower()
    if media == JSON or (media.startswith("application/") and media.endswith("+json")):
        return
    raise ApiError(
        415,
        f"type de contenu non pris en charge « {declared} » : le corps doit être du JSON "
        f"(Content-Type: {JSON}) / unsupported media type {declared!r}: send JSON",
        expected=JSON,
    )


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The request body, at most *limit* bytes: Content-Length checked, then the stream counted.

    The Content-Type is checked first (415 unless JSON or absent).
    """
    check_json_type(request)
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise ApiError(400, "En-tête Content-Length invalide / bad Content-Length") from None
        if size > limit:
            raise too_large(limit)
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def parse_profile(body: bytes) -> Profile:
    """A validated profile from a JSON body, parsed like a profile file (422 otherwise)."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise invalid_body("", f"le corps n'est pas en UTF-8 (octet {exc.start})", "utf8") from None
    if not text.strip():
        raise invalid_body("", "corps vide : un profil JSON est attendu / empty body", "missing")
    try:
        raw = parse_text(text, fmt="json")
    except FileFormatError as exc:
        raise invalid_body("", str(exc), "json_invalid") from None
    if not isinstance(raw, dict):
        raise invalid_body(
            "", "un objet JSON (clé: valeur) est attendu / expected a JSON object", "dict_type"
        )
    try:
        return Profile.model_validate(migrate_profile_data(raw, source="requête"))
    except ProfileFileError as exc:
        raise invalid_body("schema_version", exc.detail, "schema_version") from None
    except ValidationError as exc:
        raise capped(validation_detail(exc), "Profil invalide / invalid profile") from None


async def profile_body(request: Request) -> Profile:
    """Dependency: the profile sent as the request body (415, 413 or 422 otherwise)."""
    return parse_profile(await read_body(request))
