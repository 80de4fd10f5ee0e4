"""``gesform recommend-many``: one JSON answer per line of a JSONL file of profiles."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

import click

from ..batch import NotJsonLine, score_blocks
from ._french import FrenchCommand
from ._options import engine_option
from ._support import CONTEXT_SETTINGS, EXIT_BAD_INPUT, handle_errors

if TYPE_CHECKING:
    from ..engine import EngineName

__all__ = ["recommend_many"]


def _rows(path: str) -> Iterator[tuple[int, Any]]:
    """(line number from 1, profile or NotJsonLine) for every non-blank line of *path*."""
    with open(path, encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except ValueError as exc:
                yield number, NotJsonLine(str(exc))


def _count_rows(path: str) -> int:
    with open(path, encoding="utf-8-sig") as fh:
        return sum(1 for line in fh if line.strip())


@click.command("recommend-many", cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@click.argument("profiles", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    default="-",
    show_default=True,
    help="Fichier JSONL de sortie (- : sortie standard).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processus de calcul en parallèle.",
)
@click.option(
    "--compact",
    is_flag=True,
    help="Réponse compacte (classement, verdicts, scores, une ou deux raisons par forme ; "
    "schéma : gesform schema compact).",
)
@engine_option
@handle_errors
def recommend_many(
    profiles: str, output: str, workers: int, compact: bool, engine: EngineName | None
) -> None:
    """Classe les formes pour chaque profil d'un fichier JSONL (un profil JSON par ligne).

    Chaque ligne de sortie est la réponse JSON, ou {"index": …, "error": […]} pour une ligne
    invalide, où index est le numéro de la ligne dans le fichier (à partir de 1, lignes vides
    comprises ; une ligne vide est sautée). Une ligne fautive n'arrête jamais le lot. Code de
    sortie 2 si des lignes ont échoué.

    \b
    Exemples :
      gesform recommend-many profils.jsonl -o reponses.jsonl --workers 2
      gesform recommend-many profils.jsonl --compact > classements.jsonl
    """
    total = failed = 0
    out: BinaryIO = (
        sys.stdout.buffer if output == "-" else open(output, "wb")  # noqa: SIM115
    )
    progress = None
    try:
        if output != "-" and sys.stderr.isatty():
            from rich.progress import Progress

            progress = Progress(transient=True)
            progress.start()
            task = progress.add_task("Profils", total=_count_rows(profiles))
        for block, bad in score_blocks(_rows(profiles), workers, engine=engine, compact=compact):
            out.write(block)
            lines = block.count(b"\n")
            total += lines
            failed += bad
            if progress is not None:
                progress.advance(task, lines)
    finally:
        if progress is not None:
            progress.stop()
        if output == "-":
            out.flush()
        else:
            out.close()
    click.echo(f"{total} profils, {total - failed} classés, {failed} en erreur.", err=True)
    if failed:
        sys.exit(EXIT_BAD_INPUT)
