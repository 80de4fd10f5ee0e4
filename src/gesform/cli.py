"""The ``gesform`` command line (French help; exit codes 0 ok, 1 internal error, 2 bad input)."""

from __future__ import annotations

import shlex
import sys

import click

from . import __version__
from .commands._french import FrenchGroup
from .commands._support import (
    console,
    engine_option,
    format_option,
    handle_errors,
)
from .loading import load_catalog
from .profile_io import read_profile_file
from .recommend import recommend as _recommend

__all__ = ["cli", "main"]


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``gesform --version``: the version and the rule engine that will run."""
    if not value or ctx.resilient_parsing:
        return
    from .engine import engine_description

    click.echo(f"gesform {__version__} — moteur : {engine_description()}")
    ctx.exit()


@click.group(
    cls=FrenchGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Affiche la version et le moteur de règles, puis quitte.",
)
def cli() -> None:
    """gesform : quelles formes de coopération pour un groupe de structures de l'ESS ?

    \b
    Exemples :
      gesform structures
      gesform show gie
      gesform example belfort > belfort.yaml
      gesform recommend belfort.yaml
      gesform explain belfort.yaml ges

    Codes de sortie : 0 succès, 1 erreur interne, 2 entrée invalide,
    3 validation (un cas réel hors des trois premières formes).
    """


@cli.command()
@format_option("table", "json", "md", default="table")
@handle_errors
def structures(fmt: str) -> None:
    """Liste le catalogue des formes de coopération.

    \b
    Exemple :
      gesform structures --format md
    """
    from .display.terminal import catalog_table

    catalog = load_catalog()
    if fmt == "json":
        click.echo(catalog.model_dump_json(indent=2))
    elif fmt == "md":
        from .display.markdown import catalog_markdown

        click.echo(catalog_markdown(catalog))
    else:
        console().print(catalog_table(catalog))


@cli.command()
@click.argument("form_id", metavar="FORME")
@format_option("text", "json", "md", default="text")
@handle_errors
def show(form_id: str, fmt: str) -> None:
    """Affiche la fiche d'une forme (FORME : association, scic, ges, gie…).

    \b
    Exemple :
      gesform show gcsms
    """
    catalog = load_catalog()
    form = catalog[form_id]
    if fmt == "json":
        click.echo(form.model_dump_json(indent=2))
    else:
        from .display.markdown import form_markdown

        text = form_markdown(form, catalog)
        if fmt == "md" or not sys.stdout.isatty():
            click.echo(text)
        else:
            from rich.markdown import Markdown

            console().print(Markdown(text))


@cli.command()
@click.argument("profile", type=click.Path(dir_okay=True, path_type=str), metavar="PROFIL")
@format_option("table", "json", "md", default="table")
@click.option(
    "--full",
    is_flag=True,
    help="Tableau détaillé : raisons principales avec leurs sources, questions ouvertes.",
)
@engine_option
@handle_errors
def recommend(profile: str, fmt: str, full: bool, engine: str | None) -> None:
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
    rec = _recommend(read_profile_file(profile), engine=engine)  # type: ignore[arg-type]
    if fmt == "json":
        click.echo(rec.to_json())
    elif fmt == "md":
        from .display.markdown import recommendation_markdown

        click.echo(recommendation_markdown(rec))
    elif full:
        from .display.terminal import recommendation_table
        from .engine import engine_description

        out = console()
        out.print(recommendation_table(rec))
        out.print(f"Moteur : {engine_description(rec.engine)}", highlight=False)
    else:
        from .display.terminal import RecommendationSummary
        from .engine import engine_description

        shown = shlex.quote(profile)
        hint = (
            f"Détail (raisons, sources, questions ouvertes) : gesform recommend {shown} --full ; "
            f"une forme : gesform explain {shown} FORME."
        )
        out = console()
        out.print(RecommendationSummary(rec, hint=hint))
        out.print(f"Moteur : {engine_description(rec.engine)}", highlight=False)


@cli.command()
@click.argument("profile", type=click.Path(dir_okay=True, path_type=str), metavar="PROFIL")
@click.argument("form_id", metavar="FORME")
@format_option("text", "json", default="text")
@engine_option
@handle_errors
def explain(profile: str, form_id: str, fmt: str, engine: str | None) -> None:
    """Explique la forme FORME pour le profil PROFIL : chaque raison pour et contre, avec sa source.

    \b
    Exemple :
      gesform example belfort > belfort.yaml
      gesform explain belfort.yaml gcsms
    """
    load_catalog()[form_id]  # unknown id → exit 2 before any work
    rec = _recommend(read_profile_file(profile), engine=engine)  # type: ignore[arg-type]
    assessment = rec[form_id]
    if fmt == "json":
        click.echo(assessment.model_dump_json(indent=2))
    else:
        click.echo(assessment.explain())


@cli.command()
@click.argument(
    "cases_dir",
    type=click.Path(exists=True, file_okay=False, path_type=str),
    metavar="DOSSIER_CAS",
)
@format_option("table", "md", default="table")
@engine_option
@handle_errors
def validate(cases_dir: str, fmt: str, engine: str | None) -> None:
    """Compare, pour chaque cas réel de DOSSIER_CAS, la forme choisie et le classement obtenu.

    Code de sortie 3 si un cas n'a pas la forme choisie dans les trois premières.

    \b
    Exemple :
      gesform validate tests/cases --format md
    """
    from .validation import load_cases, run_case, validation_markdown

    outcomes = [run_case(c, engine=engine) for c in load_cases(cases_dir)]
    text = validation_markdown(outcomes, f"gesform validate {cases_dir} --format md")
    if fmt == "md":
        click.echo(text)
    else:
        from rich.markdown import Markdown

        console().print(Markdown(text))
    if not all(o.in_top3 for o in outcomes):
        sys.exit(3)


def _register_commands() -> None:
    """Commands that live in their own modules."""
    from .commands.ask import ask
    from .commands.batch import recommend_many
    from .commands.example import example
    from .commands.report import report
    from .commands.schema import schema
    from .commands.serve import serve
    from .commands.sources import sources

    for command in (ask, example, recommend_many, report, schema, serve, sources):
        cli.add_command(command)


_register_commands()


def main() -> None:
    """Entry point of the ``gesform`` script."""
    cli.main(prog_name="gesform")
