"""``gesform report PROFILE -o synthese.html``: the written synthesis for the group."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..profile_io import read_profile_file
from ..recommend import recommend
from ._french import FrenchCommand
from ._options import engine_option, profile_argument
from ._support import CONTEXT_SETTINGS, BadInput, handle_errors

if TYPE_CHECKING:
    from ..engine import EngineName
    from ..report import ReportFormat

__all__ = ["report"]

_EXTENSIONS: dict[str, ReportFormat] = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
}


def _format_of(output: Path | None, fmt: ReportFormat | None) -> ReportFormat:
    if fmt is not None:
        return fmt
    if output is None:
        return "html"
    try:
        return _EXTENSIONS[output.suffix.lower()]
    except KeyError:
        raise BadInput(
            f"Extension inconnue « {output.suffix or '(aucune)'} » pour {output} : utiliser "
            ".html ou .md, ou préciser --format html|md "
            "/ unknown extension: use .html or .md, or --format"
        ) from None


@click.command(cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@profile_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Fichier à écrire (.html ou .md) ; sans -o, la synthèse va sur la sortie standard.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md"]),
    default=None,
    help="Format (par défaut : d'après l'extension de -o, sinon html).",
)
@engine_option
@handle_errors
def report(
    profile: str, output: Path | None, fmt: ReportFormat | None, engine: EngineName | None
) -> None:
    """Écrit la synthèse d'orientation du groupe PROFIL (HTML autonome ou Markdown).

    Le fichier HTML contient son style et son graphique : on peut l'envoyer tel quel ou
    l'imprimer. Ce document est une orientation, pas un avis juridique.

    \b
    Exemples :
      gesform example belfort > belfort.yaml
      gesform report belfort.yaml -o synthese.html
      gesform report belfort.yaml -o synthese.md
      gesform report belfort.yaml --format md > synthese.md
    """
    from .._views import precedents_for
    from ..guidance.next_questions import pivotal_questions
    from ..recommend import get_recommender
    from ..report import render_report

    chosen = _format_of(output, fmt)
    rec = recommend(read_profile_file(profile), engine=engine)
    questions = pivotal_questions(rec.profile, recommender=get_recommender(engine))
    text = render_report(rec, chosen, questions=questions, precedents=precedents_for(rec))
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"Impossible d'écrire {output} : {exc.strerror or exc}") from None
    click.echo(f"Synthèse écrite dans {output} ({chosen}).", err=True)
