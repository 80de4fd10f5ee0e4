"""``gesform validate DOSSIER_CAS``: the real cases against the ranking (exit code 3 if missed)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ._french import FrenchCommand
from ._options import engine_option, format_option
from ._support import CONTEXT_SETTINGS, console, handle_errors

if TYPE_CHECKING:
    from ..engine import EngineName

__all__ = ["EXIT_VALIDATION", "validate"]

#: A real case whose chosen form is not among the first three.
EXIT_VALIDATION = 3


@click.command(cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@click.argument(
    "cases_dir",
    type=click.Path(exists=True, file_okay=False, path_type=str),
    metavar="DOSSIER_CAS",
)
@format_option("table", "md", default="table")
@engine_option
@handle_errors
def validate(cases_dir: str, fmt: str, engine: EngineName | None) -> None:
    """Compare, pour chaque cas réel de DOSSIER_CAS, la forme choisie et le classement obtenu.

    Code de sortie 3 si un cas n'a pas la forme choisie dans les trois premières.

    \b
    Exemple :
      gesform validate tests/cases --format md
    """
    from ..validation import load_cases, run_case, validation_markdown

    outcomes = [run_case(c, engine=engine) for c in load_cases(cases_dir)]
    text = validation_markdown(outcomes, f"gesform validate {cases_dir} --format md")
    if fmt == "md":
        click.echo(text)
    else:
        from rich.markdown import Markdown

        console().print(Markdown(text))
    if not all(o.in_top3 for o in outcomes):
        sys.exit(EXIT_VALIDATION)
