"""The optional REST service (extra ``gesform[server]``): ``create_app()`` builds a FastAPI app.

Endpoints: ``POST /recommend``, ``POST /explain/{form_id}``, ``GET /structures``,
``GET /structures/{form_id}``, ``GET /schema/{name}``, ``GET /health``; OpenAPI documentation
at ``/docs`` (Swagger UI served from the package ``fastapi-offline``, no CDN). Every error is
JSON: 404 unknown form, 405 wrong method, 413 body larger than :data:`MAX_BODY_BYTES`, 415 body
not JSON, 422 malformed JSON or invalid profile (at most :data:`MAX_ERRORS` fields at fault, the
rest counted in ``errors_omitted``). A client that disconnects mid-body is logged on one line.
Bodies are read as a bounded stream and parsed like profile files (no duplicate keys, depth
≤ 64). ``docs/service.md`` documents it; ``gesform serve`` runs it with uvicorn.
"""

# No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations, which
# name classes imported inside create_app() (fastapi is optional).
import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from pydantic import ValidationError

from ._optional import require
from .errors import GesformError, ProfileFileError, UnknownFormError, validation_lines
from .models.catalog import Catalog, Form
from .models.results import Assessment, Recommendation
from .profile_io import migrate_profile_data
from .reading import MAX_PROFILE_BYTES, FileFormatError, parse_text
from .recommend import _gesform_version, get_recommender
from .schema import SCHEMA_NAMES, schema_for

if TYPE_CHECKING:  # pragma: no cover
    from fastapi import FastAPI, Request

    from .models.profile import Profile

__all__ = ["ENGINE_ENV", "MAX_BODY_BYTES", "MAX_ERRORS", "create_app", "create_app_from_env"]

#: Environment variable naming the engine (``durable`` or ``python``) for
#: :func:`create_app_from_env`, the factory that uvicorn's worker processes call.
ENGINE_ENV = "GESFORM_ENGINE"

#: Largest request body accepted, in bytes (1 MiB, the limit of profile files).
MAX_BODY_BYTES = MAX_PROFILE_BYTES

#: Most field errors listed in a 422 answer; the others are counted in ``errors_omitted``.
MAX_ERRORS = 50

#: Where the Swagger UI assets (from ``fastapi-offline``) are served.
DOCS_ASSETS = "/docs-assets"

_log = logging.getLogger("gesform.service")

_JSON = "application/json"
_PROFILE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "Le profil de coopération, en JSON (au plus 1 Mio).",
        "content": {_JSON: {"schema": {"$ref": "#/components/schemas/Profile"}}},
    }
}


def _err(description: str) -> dict[str, Any]:
    return {"description": description, "content": {_JSON: {"example": {"detail": "…"}}}}


_RESP_413 = {413: _err("Corps de requête plus grand que 1 Mio.")}
_RESP_415 = {
    415: _err(
        "Corps qui n'est pas du JSON : l'en-tête Content-Type doit être application/json "
        "(ou absent)."
    )
}
_RESP_422 = {
    422: _err(
        "JSON mal formé ou profil invalide : « detail » nomme chaque champ en faute, "
        f"au plus {MAX_ERRORS} erreurs ; au-delà, « errors_omitted » compte les erreurs "
        "non listées."
    )
}
_RESP_404 = {404: _err("Forme inconnue : « valid » liste les identifiants valides.")}


class ApiError(Exception):
    """An error answered as JSON: ``{"detail": …}`` plus *extra* fields, with *status*."""

    def __init__(self, status: int, detail: Any, **extra: Any) -> None:
        super().__init__(str(detail))
        self.status = status
        self.detail = detail
        self.extra = extra


def _unknown_form(exc: UnknownFormError) -> ApiError:
    return ApiError(404, str(exc), form_id=exc.form_id, valid=list(exc.valid))


def _invalid(field: str, msg: str, kind: str) -> ApiError:
    loc = ["body", *field.split(".")] if field else ["body"]
    return ApiError(
        422,
        [{"loc": loc, "field": field, "msg": msg, "type": kind}],
        message="Requête invalide / invalid request",
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


def check_json_type(request: "Request") -> None:
    """415 unless the Content-Type is JSON (``application/json``, ``…+json``) or absent."""
    declared = request.headers.get("content-type")
    if declared is None:
        return
    media = declared.split(";", 1)[0].strip().lower()
    if media == _JSON or (media.startswith("application/") and media.endswith("+json")):
        return
    raise ApiError(
        415,
        f"type de contenu non pris en charge « {declared} » : le corps doit être du JSON "
        f"(Content-Type: {_JSON}) / unsupported media type {declared!r}: send JSON",
        expected=_JSON,
    )


async def read_body(request: "Request", limit: int = MAX_BODY_BYTES) -> bytes:
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
            raise _too_large(limit)
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        f"corps de requête trop grand : au plus {limit} octets "
        f"/ request body larger than {limit} bytes",
        limit=limit,
    )


def parse_profile(body: bytes) -> "Profile":
    """A validated profile from a JSON body, parsed like a profile file (422 otherwise)."""
    from .models.profile import Profile

    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _invalid("", f"le corps n'est pas en UTF-8 (octet {exc.start})", "utf8") from None
    if not text.strip():
        raise _invalid("", "corps vide : un profil JSON est attendu / empty body", "missing")
    try:
        raw = parse_text(text, fmt="json")
    except FileFormatError as exc:
        raise _invalid("", str(exc), "json_invalid") from None
    if not isinstance(raw, dict):
        raise _invalid(
            "", "un objet JSON (clé: valeur) est attendu / expected a JSON object", "dict_type"
        )
    try:
        return Profile.model_validate(migrate_profile_data(raw, source="requête"))
    except ProfileFileError as exc:
        raise _invalid("schema_version", exc.detail, "schema_version") from None
    except ValidationError as exc:
        raise capped(validation_detail(exc), "Profil invalide / invalid profile") from None


def _json(text: str) -> Any:
    from fastapi.responses import Response

    return Response(content=text, media_type=_JSON)


def create_app_from_env() -> "FastAPI":
    """The app with the engine named by ``GESFORM_ENGINE`` (unset: the default engine).

    For several worker processes:
    ``uvicorn --factory gesform.service:create_app_from_env --workers 2``
    (what ``gesform serve --workers 2`` runs).
    """
    import os

    from .engine import EngineName

    engine = os.environ.get(ENGINE_ENV) or None
    names = get_args(EngineName)
    if engine is not None and engine not in names:
        raise GesformError(
            f"{ENGINE_ENV}={engine!r} : moteur inconnu, attendu {' ou '.join(names)} "
            "/ unknown engine"
        )
    return create_app(engine=engine)


def create_app(*, engine: str | None = None) -> "FastAPI":
    """The FastAPI application; the recommender is built once, when the app is created.

    Needs the extra ``server``: ``pip install 'gesform[server]'``.
    """
    require("fastapi", "server")
    from fastapi import FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
    from fastapi.responses import HTMLResponse, JSONResponse, Response
    from fastapi.staticfiles import StaticFiles
    from starlette.exceptions import HTTPException as StarletteHTTPException
    from starlette.requests import ClientDisconnect

    assets = Path(require("fastapi_offline", "server").__file__ or "").parent / "static"

    recommender = get_recommender(engine)  # type: ignore[arg-type]
    catalog = recommender.catalog
    version = _gesform_version()
    # The durable-rules core runs under one process-wide lock: one engine thread serving
    # requests first come, first served keeps the latency of a busy service even (a pool of
    # threads fighting for the lock serves them in no particular order).
    # Created on first use (and again after a lifespan shutdown: test clients run one
    # lifespan per session and the app outlives it).
    engine_thread: ThreadPoolExecutor | None = None

    async def in_engine_thread(fn: Callable[..., str], *args: Any) -> str:
        nonlocal engine_thread
        if engine_thread is None:
            engine_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gesform-engine")
        return await asyncio.get_running_loop().run_in_executor(engine_thread, fn, *args)

    def recommend_text(profile: "Profile") -> str:
        return recommender.recommend(profile).to_json()

    def explain_text(profile: "Profile", form_id: str) -> str:
        return recommender.recommend(profile)[form_id].model_dump_json(indent=2)

    @asynccontextmanager
    async def lifespan(app: "FastAPI") -> AsyncIterator[None]:
        yield
        nonlocal engine_thread
        if engine_thread is not None:
            engine_thread.shutdown(wait=True, cancel_futures=True)
            engine_thread = None

    app = FastAPI(
        lifespan=lifespan,
        title="gesform",
        version=version,
        summary="Formes de coopération de l'ESS : recommandations expliquées et sourcées.",
        description=(
            "Service REST de gesform. Envoyez un profil de coopération (JSON) et recevez "
            "chaque forme évaluée — verdict, score, raisons avec leur source, questions "
            f"ouvertes. Corps de requête limité à {MAX_BODY_BYTES} octets (413 au-delà). "
            "Erreurs en JSON : 404 forme inconnue, 405 méthode, 413 taille, 415 corps qui "
            f"n'est pas du JSON, 422 entrée invalide (au plus {MAX_ERRORS} erreurs listées, "
            "les autres comptées dans « errors_omitted »). Orientation, pas conseil juridique."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_tags=[
            {"name": "recommandation", "description": "Évaluer un profil."},
            {"name": "catalogue", "description": "Les formes de coopération."},
            {"name": "contrat", "description": "Schémas JSON et état du service."},
        ],
    )
    app.state.recommender = recommender
    app.mount(DOCS_ASSETS, StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title="gesform — documentation de l'API",
            swagger_js_url=f"{root}{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{DOCS_ASSETS}/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{app.openapi_url}",
            title="gesform — documentation de l'API",
            redoc_js_url=f"{root}{DOCS_ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{DOCS_ASSETS}/favicon.png",
            with_google_fonts=False,
        )

    @app.exception_handler(ClientDisconnect)
    async def _disconnected(request: Request, exc: ClientDisconnect) -> Response:
        # Nobody reads the answer: one line, no traceback.
        client = request.client.host if request.client else "?"
        _log.info(
            "client %s disconnected before the end of the body of %s", client, request.url.path
        )
        return Response(status_code=499)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"detail": exc.detail, **exc.extra}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _request_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [
            {
                "loc": list(e.get("loc", ())),
                "field": ".".join(str(p) for p in e.get("loc", ())[1:]),
                "msg": e.get("msg", ""),
                "type": e.get("type", ""),
            }
            for e in exc.errors()
        ]
        err = capped(detail, "Requête invalide / invalid request")
        return JSONResponse({"detail": err.detail, **err.extra}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        french = {404: "Introuvable", 405: "Méthode non permise"}.get(exc.status_code)
        detail = f"{french} / {exc.detail}" if french else exc.detail
        return JSONResponse(
            {"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(GesformError)
    async def _gesform_error(request: Request, exc: GesformError) -> JSONResponse:
        _log.error("gesform error: %s", exc)
        return JSONResponse({"detail": f"Erreur interne / internal error: {exc}"}, status_code=500)

    @app.exception_handler(Exception)
    async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": "Erreur interne / internal error"}, status_code=500)

    @app.post(
        "/recommend",
        tags=["recommandation"],
        summary="Classer toutes les formes pour un profil",
        response_model=Recommendation,
        responses={**_RESP_413, **_RESP_415, **_RESP_422},
        openapi_extra=_PROFILE_BODY,
    )
    async def post_recommend(request: Request) -> Any:
        """Toutes les formes évaluées, la meilleure d'abord (même JSON que
        ``gesform recommend --format json``)."""
        profile = parse_profile(await read_body(request))
        return _json(await in_engine_thread(recommend_text, profile))

    @app.post(
        "/explain/{form_id}",
        tags=["recommandation"],
        summary="Expliquer une forme pour un profil",
        response_model=Assessment,
        responses={**_RESP_404, **_RESP_413, **_RESP_415, **_RESP_422},
        openapi_extra=_PROFILE_BODY,
    )
    async def post_explain(form_id: str, request: Request) -> Any:
        """L'évaluation d'une forme : chaque raison pour et contre avec sa source, les questions
        ouvertes (même JSON que ``gesform explain PROFIL FORME --format json``)."""
        if form_id not in catalog:
            raise _unknown_form(UnknownFormError(form_id, catalog.ids))
        profile = parse_profile(await read_body(request))
        return _json(await in_engine_thread(explain_text, profile, form_id))

    @app.get(
        "/structures",
        tags=["catalogue"],
        summary="Le catalogue des formes",
        response_model=Catalog,
    )
    async def get_structures() -> Any:
        """Toutes les formes, dans l'ordre du catalogue (``gesform structures --format json``)."""
        return _json(catalog.model_dump_json(indent=2))

    @app.get(
        "/structures/{form_id}",
        tags=["catalogue"],
        summary="La fiche d'une forme",
        response_model=Form,
        responses=_RESP_404,
    )
    async def get_structure(form_id: str) -> Any:
        """Une forme avec ses bases légales, avantages, inconvénients et sources
        (``gesform show FORME --format json``)."""
        form = catalog.get(form_id)
        if form is None:
            raise _unknown_form(UnknownFormError(form_id, catalog.ids))
        return _json(form.model_dump_json(indent=2))

    @app.get(
        "/schema/{name}",
        tags=["contrat"],
        summary="Un schéma JSON (profile, recommendation, catalog, rules)",
        responses={404: _err("Schéma inconnu.")},
    )
    async def get_schema(name: str) -> dict[str, Any]:
        """Le schéma JSON nommé, identique à ``gesform schema NOM`` et à
        ``docs/schemas/NOM.schema.json``."""
        if name not in SCHEMA_NAMES:
            raise ApiError(
                404,
                f"schéma inconnu / unknown schema '{name}'",
                valid=list(SCHEMA_NAMES),
            )
        return schema_for(name)

    @app.get("/health", tags=["contrat"], summary="État du service")
    async def get_health() -> dict[str, Any]:
        """``status``, la version de gesform, le moteur de règles et les versions des données."""
        return {
            "status": "ok",
            "version": version,
            "engine": recommender.engine_name,
            "catalog_version": catalog.catalog_version,
            "rules_version": recommender.rules.version,
        }

    return app
