"""JSON Schemas of gesform's public formats, generated from the pydantic models.

Seven schemas: ``profile`` (what ``recommend`` accepts), ``recommendation`` (what it returns),
``compact`` (the compact answer of batches), ``precedents`` (the close real cases,
``gesform.precedents``, ``POST /precedents``),
``catalog`` (``gesform structures --format json``, ``GET /structures``), ``rules`` (one
``rules/<form>.yaml`` file) and ``criteria`` (one ``rules/criteria/<theme>.yaml`` file). They
are committed under ``docs/schemas/`` by
``scripts/gen_docs.py``; a test fails when they are stale. Field names and enum values are the
public contract: changing them is a versioned change recorded in ``docs/changelog.md``.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode

from .compact import CompactAnswer
from .models.catalog import Catalog
from .models.criteria import CriteriaFile
from .models.precedents import Precedents
from .models.profile import Profile
from .models.results import Recommendation
from .models.rules import RuleFile

__all__ = ["JSON_SCHEMA_DIALECT", "SCHEMA_NAMES", "SchemaName", "schema_for", "schema_json"]

SchemaName = Literal[
    "profile", "recommendation", "compact", "precedents", "catalog", "rules", "criteria"
]

#: The schema names, in documentation order.
SCHEMA_NAMES: tuple[SchemaName, ...] = (
    "profile",
    "recommendation",
    "compact",
    "precedents",
    "catalog",
    "rules",
    "criteria",
)

#: The JSON Schema dialect pydantic generates.
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# name → (model, mode, French title, French description)
_SPECS: dict[str, tuple[type[BaseModel], JsonSchemaMode, str, str]] = {
    "profile": (
        Profile,
        "validation",
        "Profil de coopération",
        "Le groupe qui veut coopérer : ses membres, ce qu'ils veulent faire ensemble, leurs "
        "contraintes. Toute réponse peut rester inconnue (champ absent ou null). Entrée de "
        "gesform.recommend(), de « gesform recommend » et de POST /recommend.",
    ),
    "recommendation": (
        Recommendation,
        "serialization",
        "Recommandation",
        "La réponse de gesform : chaque forme évaluée, la meilleure d'abord, avec son verdict, "
        "son score, ses raisons sourcées et les questions encore ouvertes. Sortie de "
        "Recommendation.to_json(), de « gesform recommend --format json » et de POST /recommend.",
    ),
    "compact": (
        CompactAnswer,
        "serialization",
        "Recommandation compacte",
        "La réponse compacte pour les lots : chaque forme, la meilleure d'abord, avec son rang, "
        "son verdict, son score et une ou deux raisons principales (sans sources ni faits : voir "
        "la réponse complète). Sortie de « gesform recommend-many --compact » et de "
        "gesform.recommend_many(…, compact=True).",
    ),
    "precedents": (
        Precedents,
        "serialization",
        "Cas réels proches",
        "Les coopérations réelles les plus proches d'un profil, la forme que chacune a choisie, "
        "si elles désignent la forme en tête de la réponse et ce que cet accord valait sur les "
        "cas de validation. Elles ne changent pas le classement. Sortie de "
        "gesform.precedents() et de POST /precedents.",
    ),
    "catalog": (
        Catalog,
        "serialization",
        "Catalogue des formes de coopération",
        "Toutes les formes de coopération avec leurs bases légales, leurs contraintes, avantages "
        "et inconvénients, chaque affirmation sourcée. Sortie de « gesform structures --format "
        "json » et de GET /structures (le fichier data/structures.yaml range les formes dans un "
        "dictionnaire dont la clé est l'identifiant).",
    ),
    "rules": (
        RuleFile,
        "validation",
        "Fichier de règles d'une forme",
        "Le contenu d'un fichier rules/<forme>.yaml : des règles déclaratives, chacune avec une "
        "condition sur les faits, un effet, une phrase en français et une source.",
    ),
    "criteria": (
        CriteriaFile,
        "validation",
        "Fichier du tableau des critères",
        "Le contenu d'un fichier rules/criteria/<thème>.yaml : des critères, chacun avec sa "
        "condition sur les faits et son effet sur chaque forme du catalogue (un poids signé avec "
        "sa raison et sa source, ou 0).",
    ),
}


class _GesformJsonSchema(GenerateJsonSchema):
    """Pydantic's generator without the English titles it invents from field names."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        """Never: only the titles the models carry (in French) are kept."""
        return False


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema named *name* (one of :data:`SCHEMA_NAMES`).

    Raises ``ValueError`` for an unknown name.
    """
    try:
        model, mode, title, description = _SPECS[name]
    except KeyError:
        raise ValueError(
            f"schéma inconnu / unknown schema '{name}'; schémas : {', '.join(SCHEMA_NAMES)}"
        ) from None
    body = model.model_json_schema(mode=mode, schema_generator=_GesformJsonSchema)
    body.pop("title", None)
    body.pop("description", None)
    return {"$schema": JSON_SCHEMA_DIALECT, "title": title, "description": description, **body}


def schema_json(name: str) -> str:
    """The schema *name* as stable JSON text (2-space indent, UTF-8 kept, final newline)."""
    return json.dumps(schema_for(name), ensure_ascii=False, indent=2) + "\n"
