"""``gesform schema NAME``: print a JSON Schema of gesform's public formats."""

from __future__ import annotations

import click

from ..schema import SCHEMA_NAMES, schema_json
from ._support import CONTEXT_SETTINGS

__all__ = ["schema"]


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("name", type=click.Choice(SCHEMA_NAMES), metavar="NAME")
@click.help_option("-h", "--help", help="Affiche cette aide et quitte.")
def schema(name: str) -> None:
    """Affiche le schéma JSON NAME : profile, recommendation, compact, catalog ou rules.

    Le même texte que docs/schemas/NAME.schema.json et que GET /schema/NAME du service.
    Titres et descriptions en français ; les valeurs des énumérations portent leur
    libellé dans « x-labels-fr ».

    \b
    Exemples :
      gesform schema profile > profile.schema.json
      gesform schema recommendation
      gesform schema rules
    """
    click.echo(schema_json(name), nl=False)
