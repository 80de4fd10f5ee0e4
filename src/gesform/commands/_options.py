"""Options and arguments that several ``gesform`` commands share, declared once.

As in sqlite-utils (``sqlite_utils/cli.py``): a decorator per shared option, so that its name,
its choices and its French help text are the same in every command that takes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..errors import EngineUnavailableError
from ._french import HELP_OPTION_TEXT
from ._support import BadInput

__all__ = [
    "engine_option",
    "form_argument",
    "format_option",
    "full_option",
    "help_option",
    "profile_argument",
]

F = TypeVar("F", bound=Callable[..., Any])


def _engine_here(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--engine durable`` where durable-rules does not import: exit 2 with the reason."""
    if value is not None:
        from ..engine import check_engine

        try:
            check_engine(value)
        except EngineUnavailableError as exc:
            raise BadInput(f"Erreur / error: {exc}") from None
    return value


#: ``--engine durable|python``, shared by every command that recommends (value: ``engine``).
engine_option = click.option(
    "--engine",
    type=click.Choice(["durable", "python"]),
    default=None,
    callback=_engine_here,
    help="Moteur de règles (durable-rules par défaut quand il est disponible).",
)


def format_option(*choices: str, default: str) -> Callable[[F], F]:
    """``--format`` with these *choices* (stored as ``fmt``)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Format de sortie.",
    )


#: ``PROFIL``: a profile file, YAML or JSON (value: ``profile``).
profile_argument = click.argument(
    "profile", type=click.Path(dir_okay=True, path_type=str), metavar="PROFIL"
)

#: ``FORME``: a form id of the catalog (value: ``form_id``).
form_argument = click.argument("form_id", metavar="FORME")

#: ``--full``: the detailed table instead of one line per form.
full_option = click.option(
    "--full",
    is_flag=True,
    help="Tableau détaillé : raisons principales avec leurs sources, questions ouvertes.",
)

#: ``-h/--help`` declared on the command itself (last in the option list).
help_option = click.help_option("-h", "--help", help=HELP_OPTION_TEXT)
