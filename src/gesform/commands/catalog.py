"""``gesform structures`` and ``gesform show FORME``: the catalog of cooperation forms."""

from __future__ import annotations

import sys

import click

from ..loading import load_catalog
from ._french import FrenchCommand
from ._options import form_argument, format_option
from ._support import CONTEXT_SETTINGS, console, handle_errors

__all__ = ["show", "structures"]


@click.command(cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@format_option("table", "json", "md", default="table")
@handle_errors
def structures(fmt: str) -> None:
    """Liste le catalogue des formes de coopération.

    \b
    Exemple :
      gesform structures --format md
    """
    from ..display.terminal import catalog_table

    catalog = load_catalog()
    if fmt == "json":
        click.echo(catalog.model_dump_json(indent=2))
    elif fmt == "md":
        from ..display.markdown import catalog_markdown

        click.echo(catalog_markdown(catalog))
    else:
        console().print(catalog_table(catalog))


@click.command(cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@form_argument
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
        from ..display.markdown import form_markdown

        text = form_markdown(form, catalog)
        if fmt == "md" or not sys.stdout.isatty():
            click.echo(text)
        else:
            from rich.markdown import Markdown

            console().print(Markdown(text))
