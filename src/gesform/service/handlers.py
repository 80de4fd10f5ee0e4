"""The exception handlers: every error is answered in JSON, with a French message first.

:data:`EXCEPTION_HANDLERS` is given to ``FastAPI(exception_handlers=…)``.
"""

# No ``from __future__ import annotations``: the handlers' annotations stay plain at runtime.
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from ..errors import GesformError
from .contract import ApiError, capped

__all__ = ["EXCEPTION_HANDLERS"]

#: The service's log (named in docs/service.md), whatever module writes to it.
_log = logging.getLogger("gesform.service")


async def client_disconnected(request: Request, exc: ClientDisconnect) -> Response:
    """A client gone before the end of its body: one INFO line, no traceback, no reader."""
    client = request.client.host if request.client else "?"
    _log.info("client %s disconnected before the end of the body of %s", client, request.url.path)
    return Response(status_code=499)


async def api_error(request: Request, exc: ApiError) -> JSONResponse:
    """gesform's own 4xx: ``{"detail": …}`` and the error's fields."""
    return JSONResponse(exc.content(), status_code=exc.status)


async def request_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's validation of the path or query, in the shape of the profile's 422."""
    detail = [
        {
            "loc": list(e.get("loc", ())),
            "field": ".".join(str(p) for p in e.get("loc", ())[1:]),
            "msg": e.get("msg", ""),
            "type": e.get("type", ""),
        }
        for e in exc.errors()
    ]
    return JSONResponse(capped(detail, "Requête invalide / invalid request").content(), 422)


async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """404 unknown path, 405 wrong method (with ``Allow``): in JSON, French first."""
    french = {404: "Introuvable", 405: "Méthode non permise"}.get(exc.status_code)
    detail = f"{french} / {exc.detail}" if french else exc.detail
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)


async def gesform_error(request: Request, exc: GesformError) -> JSONResponse:
    """An error of the library while answering: 500, logged."""
    _log.error("gesform error: %s", exc)
    return JSONResponse({"detail": f"Erreur interne / internal error: {exc}"}, status_code=500)


async def internal_error(request: Request, exc: Exception) -> JSONResponse:
    """Anything else: 500 without details."""
    return JSONResponse({"detail": "Erreur interne / internal error"}, status_code=500)


Handler = Callable[[Request, Any], Coroutine[Any, Any, Response]]

#: Exception class → handler (the type ``FastAPI(exception_handlers=…)`` expects).
EXCEPTION_HANDLERS: dict[int | type[Exception], Handler] = {
    ClientDisconnect: client_disconnected,
    ApiError: api_error,
    RequestValidationError: request_invalid,
    StarletteHTTPException: http_error,
    GesformError: gesform_error,
    Exception: internal_error,
}
