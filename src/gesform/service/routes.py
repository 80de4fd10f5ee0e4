"""The API routers: recommendation (a profile in, answers out), catalogue, contract.

Answers are the library's own JSON text (``Recommendation.to_json()``…), sent as is: the same
bytes as the command line's ``--format json``. ``response_model`` documents them in OpenAPI.
"""

# No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations.
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ..casebase import MAX_PRECEDENT_K, PRECEDENT_K
from ..errors import UnknownFormError
from ..guidance.next_questions import QuestionAdvice
from ..models.catalog import Catalog, Form
from ..models.precedents import Precedents
from ..models.profile import Profile
from ..models.results import Assessment, Recommendation
from ..schema import SCHEMA_NAMES, schema_for
from .body import PROFILE_BODY, profile_body
from .contract import JSON, MAX_ERRORS, ApiError, unknown_form
from .state import ServiceState, service_state

__all__ = ["catalogue", "contract", "recommendation", "routers"]

State = Annotated[ServiceState, Depends(service_state)]
#: At most this many questions per ``POST /questions`` (the questionnaire asks one at a time).
MAX_QUESTIONS = 20
#: The profile sent as the body (read after the path is checked: see :func:`known_form`).
ProfileBody = Annotated[Profile, Depends(profile_body)]


def _err(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"example": {"detail": "…"}}}}


Responses = dict[int | str, dict[str, Any]]

RESP_404: Responses = {404: _err("Forme inconnue : « valid » liste les identifiants valides.")}
RESP_413: Responses = {413: _err("Corps de requête plus grand que 1 Mio.")}
RESP_415: Responses = {
    415: _err(
        "Corps qui n'est pas du JSON : l'en-tête Content-Type doit être application/json "
        "(ou absent)."
    )
}
RESP_422: Responses = {
    422: _err(
        "JSON mal formé ou profil invalide : « detail » nomme chaque champ en faute, "
        f"au plus {MAX_ERRORS} erreurs ; au-delà, « errors_omitted » compte les erreurs "
        "non listées."
    )
}


def _json(text: str) -> Response:
    return Response(content=text, media_type=JSON)


def known_form(form_id: str, state: State) -> str:
    """Dependency: *form_id* if the catalog has it, else 404 (before the body is read)."""
    if form_id not in state.catalog:
        raise unknown_form(UnknownFormError(form_id, state.catalog.ids))
    return form_id


recommendation = APIRouter(tags=["recommandation"])


@recommendation.post(
    "/recommend",
    summary="Classer toutes les formes pour un profil",
    response_model=Recommendation,
    responses={**RESP_413, **RESP_415, **RESP_422},
    openapi_extra=PROFILE_BODY,
)
async def post_recommend(state: State, profile: ProfileBody) -> Response:
    """Toutes les formes évaluées, la meilleure d'abord (même JSON que
    ``gesform recommend --format json``)."""
    return _json(await state.recommendation_json(profile))


@recommendation.post(
    "/explain/{form_id}",
    summary="Expliquer une forme pour un profil",
    response_model=Assessment,
    responses={**RESP_404, **RESP_413, **RESP_415, **RESP_422},
    openapi_extra=PROFILE_BODY,
)
async def post_explain(
    state: State, form_id: Annotated[str, Depends(known_form)], profile: ProfileBody
) -> Response:
    """L'évaluation d'une forme : chaque raison pour et contre avec sa source, les questions
    ouvertes (même JSON que ``gesform explain PROFIL FORME --format json``)."""
    return _json(await state.assessment_json(profile, form_id))


@recommendation.post(
    "/questions",
    summary="Les questions à poser pour un profil",
    response_model=list[QuestionAdvice],
    responses={**RESP_413, **RESP_415, **RESP_422},
    openapi_extra=PROFILE_BODY,
)
async def post_questions(
    state: State,
    profile: ProfileBody,
    k: Annotated[int, Query(ge=1, le=MAX_QUESTIONS, description="Nombre de questions.")] = 3,
    pivotal: Annotated[
        bool,
        Query(
            description="Vrai : seulement les questions dont une réponse change la forme en "
            "tête (« questions pivots ») ; faux : les questions de plus fort impact."
        ),
    ] = True,
) -> Response:
    """Les questions ouvertes du profil, la plus utile d'abord, avec leurs réponses permises
    et, pour chacune, les formes qu'une réponse mettrait en tête (``new_leaders``) : la même
    liste que ``gesform.pivotal_questions(profil, k)`` (ou ``next_questions`` avec
    ``pivotal=false``)."""
    return _json(await state.questions_json(profile, k=k, pivotal=pivotal))


@recommendation.post(
    "/precedents",
    summary="Les cas réels proches d'un profil",
    response_model=Precedents,
    responses={**RESP_413, **RESP_415, **RESP_422},
    openapi_extra=PROFILE_BODY,
)
async def post_precedents(
    state: State,
    profile: ProfileBody,
    k: Annotated[
        int, Query(ge=1, le=MAX_PRECEDENT_K, description="Nombre de cas proches.")
    ] = PRECEDENT_K,
) -> Response:
    """Les cas réels les plus proches du profil, la forme que chacun a choisie, et s'ils
    désignent la forme en tête de la réponse, avec ce que cet accord valait sur les cas de
    validation : le même JSON que ``gesform.precedents(profil, k=k)``. Ils ne changent pas le
    classement."""
    return _json(await state.precedents_json(profile, k=k))


catalogue = APIRouter(tags=["catalogue"])


@catalogue.get("/structures", summary="Le catalogue des formes", response_model=Catalog)
async def get_structures(state: State) -> Response:
    """Toutes les formes, dans l'ordre du catalogue (``gesform structures --format json``)."""
    return _json(state.catalog.model_dump_json(indent=2))


@catalogue.get(
    "/structures/{form_id}",
    summary="La fiche d'une forme",
    response_model=Form,
    responses=RESP_404,
)
async def get_structure(form_id: str, state: State) -> Response:
    """Une forme avec ses bases légales, avantages, inconvénients et sources
    (``gesform show FORME --format json``)."""
    form = state.catalog.get(form_id)
    if form is None:
        raise unknown_form(UnknownFormError(form_id, state.catalog.ids))
    return _json(form.model_dump_json(indent=2))


contract = APIRouter(tags=["contrat"])


@contract.get(
    "/schema/{name}",
    summary="Un schéma JSON (profile, recommendation, catalog, rules)",
    responses={404: _err("Schéma inconnu.")},
)
async def get_schema(name: str) -> dict[str, Any]:
    """Le schéma JSON nommé, identique à ``gesform schema NOM`` et à
    ``docs/schemas/NOM.schema.json``."""
    if name not in SCHEMA_NAMES:
        raise ApiError(404, f"schéma inconnu / unknown schema '{name}'", valid=list(SCHEMA_NAMES))
    return schema_for(name)


@contract.get("/health", summary="État du service")
async def get_health(state: State) -> dict[str, Any]:
    """``status``, la version de gesform, le moteur de règles et les versions des données."""
    return {
        "status": "ok",
        "version": state.version,
        "engine": state.recommender.engine_name,
        "catalog_version": state.catalog.catalog_version,
        "rules_version": state.recommender.rules.version,
    }


#: Every router of the API, in the order of the OpenAPI document.
routers = (recommendation, catalogue, contract)
