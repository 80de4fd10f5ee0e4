"""``gesform example [NAME]``: list the shipped example profiles, or print one."""

from __future__ import annotations

import click

from ._french import FrenchCommand
from ._support import CONTEXT_SETTINGS, BadInput

__all__ = ["example"]


@click.command(cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@click.argument("name", required=False, metavar="[NOM]")
def example(name: str | None) -> None:
    """Affiche le profil d'exemple NOM (YAML), ou sans NOM la liste des exemples.

    Les exemples sont des groupes réels tirés des sources du projet ; ils sont installés
    avec gesform et servent de point de départ pour décrire votre propre groupe.

    \b
    Exemples :
      gesform example
      gesform example belfort > belfort.yaml
      gesform recommend belfort.yaml
    """
    from .. import examples

    if name is None:
        shown = examples.names()
        width = max(map(len, shown), default=0)
        click.echo("Exemples disponibles (gesform example NOM > NOM.yaml) :")
        for n in shown:
            click.echo(f"  {n:<{width}}  {examples.title(n)}")
        return
    try:
        click.echo(examples.text(name), nl=False)
    except examples.UnknownExampleError as exc:
        raise BadInput(str(exc)) from None
