"""``gesform recommend PROFIL`` and ``gesform explain PROFIL FORME``: rank, then explain."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

import click

from ..loading import load_catalog
from ..profile_io import read_profile_file
from ..recommend import recommend as _recommend
from ._french import FrenchCommand
from ._options import engine_option, form_argument, format_option, full_option, profile_argument
from ._support import CONTEXT_SETTINGS, console, handle_errors

if TYPE_CHECKING:
    from ..engine import EngineName

__all__ = ["explain", "recommend"]


@click.command(cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@profile_argument
@format_option("table", "json", "md", default="table")
@full_option
@engine_option
@handle_errors
def recommend(profile: str, fmt: str, full: bool, engine: EngineName | None) -> None:
    """Classe toutes les formes pour le profil PROFIL (fichier YAML ou JSON).

    Par défaut, une ligne par forme et sa raison principale ; --full donne le tableau
    détaillé (raisons avec leurs sources, questions ouvertes).

    \b
    Exemples :
      gesform example belfort > belfort.yaml
      gesform recommend belfort.yaml
      gesform recommend belfort.yaml --full
      gesform recommend belfort.yaml --format json > reponse.json
    """
    rec = _recommend(read_profile_file(profile), engine=engine)
    if fmt == "json":
        click.echo(rec.to_json())
    elif fmt == "md":
        from ..display.markdown import recommendation_markdown

        click.echo(recommendation_markdown(rec))
    elif full:
        from ..display.terminal import recommendation_table
        from ..engine import engine_description

        out = console()
        out.print(recommendation_table(rec))
        out.print(f"Moteur : {engine_description(rec.engine)}", highlight=False)
    else:
        from .._views import precedents_for
        from ..display.terminal import RecommendationSummary
        from ..engine import engine_description
        from ..guidance.next_questions import pivotal_questions
        from ..recommend import get_recommender

        shown = shlex.quote(profile)
        hint = (
            f"Détail (raisons, sources, questions ouvertes) : gesform recommend {shown} --full ; "
            f"une forme : gesform explain {shown} FORME."
        )
        out = console()
        questions = pivotal_questions(rec.profile, recommender=get_recommender(engine))
        if questions:
            hint += f" Y répondre pas à pas : gesform ask {shown} -o profil-complete.yaml."
        out.print(
            RecommendationSummary(
                rec, hint=hint, questions=questions, precedents=precedents_for(rec)
            )
        )
        out.print(f"Moteur : {engine_description(rec.engine)}", highlight=False)


@click.command(cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@profile_argument
@form_argument
@format_option("text", "json", default="text")
@engine_option
@handle_errors
def explain(profile: str, form_id: str, fmt: str, engine: EngineName | None) -> None:
    """Explique la forme FORME pour le profil PROFIL : chaque raison pour et contre, avec sa source.

    \b
    Exemple :
      gesform example belfort > belfort.yaml
      gesform explain belfort.yaml gcsms
    """
    load_catalog()[form_id]  # unknown id → exit 2 before any work
    rec = _recommend(read_profile_file(profile), engine=engine)
    assessment = rec[form_id]
    if fmt == "json":
        click.echo(assessment.model_dump_json(indent=2))
    else:
        click.echo(assessment.explain())
