"""The app factory: the FastAPI app, its state, its routers and its exception handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI

from ..recommend import get_recommender
from .contract import MAX_BODY_BYTES, MAX_ERRORS
from .docs import DOCS_ASSETS, assets, docs
from .handlers import EXCEPTION_HANDLERS
from .routes import routers
from .state import ServiceState

if TYPE_CHECKING:
    from ..engine import EngineName

__all__ = ["build_app"]

DESCRIPTION = (
    "Service REST de gesform. Envoyez un profil de coopération (JSON) et recevez "
    "chaque forme évaluée — verdict, score, raisons avec leur source, questions "
    f"ouvertes. Corps de requête limité à {MAX_BODY_BYTES} octets (413 au-delà). "
    "Erreurs en JSON : 404 forme inconnue, 405 méthode, 413 taille, 415 corps qui "
    f"n'est pas du JSON, 422 entrée invalide (au plus {MAX_ERRORS} erreurs listées, "
    "les autres comptées dans « errors_omitted »). Orientation, pas conseil juridique."
)

TAGS = [
    {"name": "recommandation", "description": "Évaluer un profil."},
    {"name": "catalogue", "description": "Les formes de coopération."},
    {"name": "contrat", "description": "Schémas JSON et état du service."},
]


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Stop the engine thread when the server stops (a later lifespan starts another)."""
    yield
    state: ServiceState = app.state.service
    state.engine_thread.shutdown()


def build_app(*, engine: EngineName | None = None) -> FastAPI:
    """The FastAPI app for *engine*; the recommender is built here, once."""
    recommender = get_recommender(engine)
    state = ServiceState(recommender)
    app = FastAPI(
        lifespan=lifespan,
        title="gesform",
        version=state.version,
        summary="Formes de coopération de l'ESS : recommandations expliquées et sourcées.",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_tags=TAGS,
        exception_handlers=EXCEPTION_HANDLERS,
    )
    app.state.service = state
    app.state.recommender = recommender
    app.mount(DOCS_ASSETS, assets(), name="docs-assets")
    app.include_router(docs)
    for router in routers:
        app.include_router(router)
    return app
