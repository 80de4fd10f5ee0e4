"""``gesform schema NAME``: print a JSON Schema of gesform's public formats."""

from __future__ import annotations

import click

from ..schema import SCHEMA_NAMES, schema_json
from ._french import FrenchCommand
from ._options import help_option
from ._support import CONTEXT_SETTINGS

__all__ = ["schema"]


@click.command(cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@click.argument("name", type=click.Choice(SCHEMA_NAMES), metavar="NOM")
@help_option
def schema(name: str) -> None:
    """Affiche le schéma JSON NOM : profile, recommendation, compact, precedents, catalog, rules ou
    criteria.

    Le même texte que docs/schemas/NOM.schema.json et que GET /schema/NOM du service.
    Titres et descriptions en français ; les valeurs des énumérations portent leur
    libellé dans « x-labels-fr ».

    \b
    Exemples :
      gesform schema profile > profile.schema.json
      gesform schema recommendation
      gesform schema rules
    """
    click.echo(schema_json(name), nl=False)
