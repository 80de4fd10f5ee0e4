"""The ``gesform`` command line (French help; exit codes 0 ok, 1 internal error, 2 bad input).

This module only assembles the click group: every command lives in :mod:`gesform.commands`
(one module per command or small family), the options they share in
:mod:`gesform.commands._options`.
"""

from __future__ import annotations

import click

from . import __version__
from .commands._french import FrenchGroup
from .commands._support import CONTEXT_SETTINGS
from .commands.ask import ask
from .commands.batch import recommend_many
from .commands.catalog import show, structures
from .commands.example import example
from .commands.precedents import precedents
from .commands.recommend import explain, recommend
from .commands.report import report
from .commands.schema import schema
from .commands.serve import serve
from .commands.sources import sources
from .commands.validate import validate

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
    context_settings=CONTEXT_SETTINGS,
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


for _command in (
    ask,
    example,
    explain,
    precedents,
    recommend,
    recommend_many,
    report,
    schema,
    serve,
    show,
    sources,
    structures,
    validate,
):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the ``gesform`` script."""
    cli.main(prog_name="gesform")
