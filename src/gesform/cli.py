"""The ``gesform`` command line (French help; exit codes 0 ok, 1 internal error, 2 bad input)."""

from __future__ import annotations

import sys

import click

from . import __version__
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gesform", help="Affiche la version et quitte.")
def cli() -> None:
    """gesform : quelles formes de coopération pour un groupe de structures de l'ESS ?

    \b
    Exemples :
      gesform structures
      gesform show gie
      gesform recommend examples/belfort.yaml
      gesform explain examples/belfort.yaml ges

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
@click.argument("form_id")
@format_option("text", "json", "md", default="text")
@handle_errors
def show(form_id: str, fmt: str) -> None:
    """Affiche la fiche d'une forme (FORM_ID : association, scic, ges, gie…).

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
@click.argument("profile", type=click.Path(dir_okay=True, path_type=str))
@format_option("table", "json", "md", default="table")
@engine_option
@handle_errors
def recommend(profile: str, fmt: str, engine: str | None) -> None:
    """Classe toutes les formes pour le profil PROFILE (fichier YAML ou JSON).

    \b
    Exemples :
      gesform recommend examples/belfort.yaml
      gesform recommend examples/belfort.yaml --format json > reponse.json
    """
    rec = _recommend(read_profile_file(profile), engine=engine)  # type: ignore[arg-type]
    if fmt == "json":
        click.echo(rec.to_json())
    elif fmt == "md":
        from .display.markdown import recommendation_markdown

        click.echo(recommendation_markdown(rec))
    else:
        from .display.terminal import recommendation_table

        console().print(recommendation_table(rec))


@cli.command()
@click.argument("profile", type=click.Path(dir_okay=True, path_type=str))
@click.argument("form_id")
@format_option("text", "json", default="text")
@engine_option
@handle_errors
def explain(profile: str, form_id: str, fmt: str, engine: str | None) -> None:
    """Explique une forme pour un profil : chaque raison pour et contre, avec sa source.

    \b
    Exemple :
      gesform explain examples/belfort.yaml gcsms
    """
    load_catalog()[form_id]  # unknown id → exit 2 before any work
    rec = _recommend(read_profile_file(profile), engine=engine)  # type: ignore[arg-type]
    assessment = rec[form_id]
    if fmt == "json":
        click.echo(assessment.model_dump_json(indent=2))
    else:
        click.echo(assessment.explain())


@cli.command()
@click.argument("cases_dir", type=click.Path(exists=True, file_okay=False, path_type=str))
@format_option("table", "md", default="table")
@engine_option
@handle_errors
def validate(cases_dir: str, fmt: str, engine: str | None) -> None:
    """Compare, pour chaque cas réel de CASES_DIR, la forme choisie et le classement obtenu.

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
    from .commands.report import report
    from .commands.schema import schema
    from .commands.serve import serve

    for command in (ask, recommend_many, report, schema, serve):
        cli.add_command(command)


_register_commands()


def main() -> None:
    """Entry point of the ``gesform`` script."""
    cli.main(prog_name="gesform")
