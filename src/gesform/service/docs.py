"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) served offline: their JavaScript, CSS and icon
come from the package ``fastapi-offline``, mounted under :data:`DOCS_ASSETS` (no CDN)."""

# No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations.
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from .._optional import require

__all__ = ["DOCS_ASSETS", "TITLE", "assets", "docs"]

#: Where the Swagger UI assets (from ``fastapi-offline``) are served.
DOCS_ASSETS = "/docs-assets"

TITLE = "gesform — documentation de l'API"

docs = APIRouter(include_in_schema=False)


def assets() -> StaticFiles:
    """The files of ``fastapi-offline`` (extra ``server``), to mount at :data:`DOCS_ASSETS`."""
    package = require("fastapi_offline", "server")
    return StaticFiles(directory=Path(package.__file__ or "").parent / "static")


def _urls(request: Request) -> tuple[str, str]:
    """The OpenAPI document's URL and the assets' prefix, behind any ``root_path``."""
    root = request.scope.get("root_path", "")
    return f"{root}{request.app.openapi_url}", f"{root}{DOCS_ASSETS}"


@docs.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI."""
    openapi_url, prefix = _urls(request)
    return get_swagger_ui_html(
        openapi_url=openapi_url,
        title=TITLE,
        swagger_js_url=f"{prefix}/swagger-ui-bundle.js",
        swagger_css_url=f"{prefix}/swagger-ui.css",
        swagger_favicon_url=f"{prefix}/favicon.png",
    )


@docs.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    """ReDoc."""
    openapi_url, prefix = _urls(request)
    return get_redoc_html(
        openapi_url=openapi_url,
        title=TITLE,
        redoc_js_url=f"{prefix}/redoc.standalone.js",
        redoc_favicon_url=f"{prefix}/favicon.png",
        with_google_fonts=False,
    )
