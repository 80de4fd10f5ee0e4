"""The optional REST service (extra ``gesform[server]``): ``create_app()`` builds a FastAPI app.

Endpoints: ``POST /recommend``, ``POST /explain/{form_id}``, ``GET /structures``,
``GET /structures/{form_id}``, ``GET /schema/{name}``, ``GET /health``; OpenAPI documentation
at ``/docs`` (Swagger UI served from the package ``fastapi-offline``, no CDN). Every error is
JSON: 404 unknown form, 405 wrong method, 413 body larger than :data:`MAX_BODY_BYTES`, 415 body
not JSON, 422 malformed JSON or invalid profile (at most :data:`MAX_ERRORS` fields at fault, the
rest counted in ``errors_omitted``). A client that disconnects mid-body is logged on one line.
Bodies are read as a bounded stream and parsed like profile files (no duplicate keys, depth
≤ 64). ``docs/service.md`` documents it; ``gesform serve`` runs it with uvicorn.

The package, by concern (only this module is imported without FastAPI installed):

- :mod:`~gesform.service.contract`: limits and the JSON of the 4xx answers (no FastAPI);
- :mod:`~gesform.service.body`: the profile body, read as a bounded stream then validated;
- :mod:`~gesform.service.state`: the recommender and its engine thread, as a dependency;
- :mod:`~gesform.service.routes`: the API routers (recommendation, catalogue, contract);
- :mod:`~gesform.service.docs`: ``/docs`` and ``/redoc`` served offline;
- :mod:`~gesform.service.handlers`: the exception handlers (every error in JSON);
- :mod:`~gesform.service.app`: the app factory that assembles them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, get_args

from .._optional import require
from ..errors import GesformError
from .contract import MAX_BODY_BYTES, MAX_ERRORS

if TYPE_CHECKING:  # pragma: no cover
    from fastapi import FastAPI

    from ..engine import EngineName

__all__ = ["ENGINE_ENV", "MAX_BODY_BYTES", "MAX_ERRORS", "create_app", "create_app_from_env"]

#: Environment variable naming the engine (``durable`` or ``python``) for
#: :func:`create_app_from_env`, the factory that uvicorn's worker processes call.
ENGINE_ENV = "GESFORM_ENGINE"


def create_app(*, engine: EngineName | None = None) -> FastAPI:
    """The FastAPI application; the recommender is built once, when the app is created.

    Needs the extra ``server``: ``pip install 'gesform[server]'``.
    """
    require("fastapi", "server")
    from .app import build_app

    return build_app(engine=engine)


def create_app_from_env() -> FastAPI:
    """The app with the engine named by ``GESFORM_ENGINE`` (unset: the default engine).

    For several worker processes:
    ``uvicorn --factory gesform.service:create_app_from_env --workers 2``
    (what ``gesform serve --workers 2`` runs).
    """
    from ..engine import EngineName

    value = os.environ.get(ENGINE_ENV) or None
    if value is None:
        return create_app()
    names: tuple[EngineName, ...] = get_args(EngineName)
    for name in names:
        if value == name:
            return create_app(engine=name)
    raise GesformError(
        f"{ENGINE_ENV}={value!r} : moteur inconnu, attendu {' ou '.join(names)} / unknown engine"
    )
