"""``gesform serve``: run the REST service with uvicorn (extra ``gesform[server]``)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from .._optional import require
from ._french import FrenchCommand
from ._options import engine_option, help_option
from ._support import CONTEXT_SETTINGS, handle_errors

if TYPE_CHECKING:
    from ..engine import EngineName

__all__ = ["serve"]


@click.command(cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Adresse d'écoute (127.0.0.1 : cette machine seulement).",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port TCP."
)
@engine_option
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processus du service : chacun a son moteur ; un par cœur pour un service chargé.",
)
@help_option
def serve(host: str, port: int, engine: EngineName | None, workers: int) -> None:
    """Lance le service REST (FastAPI) ; documentation OpenAPI sur /docs.

    Points d'accès : POST /recommend, POST /explain/{form_id}, POST /questions,
    POST /precedents, GET /structures, GET /structures/{form_id}, GET /schema/{name},
    GET /health. Corps limité à 1 Mio.
    Le service n'a pas d'authentification : exposez-le derrière un mandataire inverse.
    Nécessite : pip install 'gesform[server]'. Ctrl+C l'arrête.

    \b
    Exemples :
      gesform serve
      gesform serve --host 0.0.0.0 --port 8080
      gesform serve --workers 2
      curl -H 'Content-Type: application/json' \\
           --data-binary @profil.json http://127.0.0.1:8000/recommend
    """

    try:
        require("fastapi", "server")
        uvicorn = require("uvicorn", "server")
        from ..service import ENGINE_ENV, create_app
    except ImportError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)

    @handle_errors
    def run() -> None:
        if workers > 1:
            # Worker processes import the app by name: the engine travels in the environment.
            if engine:
                os.environ[ENGINE_ENV] = engine
            uvicorn.run(
                "gesform.service:create_app_from_env",
                factory=True,
                workers=workers,
                host=host,
                port=port,
                log_level="info",
            )
            return
        app = create_app(engine=engine)
        uvicorn.run(app, host=host, port=port, log_level="info")

    run()
