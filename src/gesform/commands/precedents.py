"""``gesform precedents PROFIL``: the real cooperations closest to a profile, with their pages."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import click

from ..casebase import MAX_PRECEDENT_K, PRECEDENT_K
from ..loading import load_catalog
from ..profile_io import read_profile_file
from ..recommend import recommend as _recommend
from ._french import FrenchCommand
from ._options import engine_option, format_option, profile_argument
from ._support import CONTEXT_SETTINGS, BadInput, console, handle_errors

if TYPE_CHECKING:
    from ..engine import EngineName

__all__ = ["precedents"]


@click.command(cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@profile_argument
@click.option(
    "-k",
    "k",
    type=click.IntRange(1, MAX_PRECEDENT_K),
    default=PRECEDENT_K,
    show_default=True,
    metavar="N",
    help=f"Nombre de cas proches (1 à {MAX_PRECEDENT_K}).",
)
@format_option("text", "json", default="text")
@engine_option
@handle_errors
def precedents(profile: str, k: int, fmt: str, engine: EngineName | None) -> None:
    """Les cas réels les plus proches du profil PROFIL : la forme que chacun a choisie, sa page,
    ce qu'il partage avec le profil, et ce que leur accord avec la forme en tête valait sur les
    cas de validation. Ils ne changent pas le classement.

    \b
    Exemples :
      gesform example belfort > belfort.yaml
      gesform precedents belfort.yaml
      gesform precedents belfort.yaml -k 12 --format json
    """
    from ..casebase import load_precedents
    from ..casebase import precedents as find
    from ..display.words import PRECEDENTS_TITLE, precedent_items, precedents_sentences

    base = load_precedents()
    if base is None:
        raise BadInput(
            "Pas de base de cas réels (precedents.yaml) dans le dossier de données / "
            "no base of real cases in the data folder"
        )
    found = find(_recommend(read_profile_file(profile), engine=engine), k=k, index=base)
    if fmt == "json":
        click.echo(found.model_dump_json(indent=2))
        return
    catalog = load_catalog()
    names = {f: catalog[f].short_name for f in catalog.ids}
    out = console()
    width = max(40, min(out.width, 100))
    lines = [PRECEDENTS_TITLE, ""]
    lines += [w for s in precedents_sentences(found, names) for w in textwrap.wrap(s, width)]
    for i, item in enumerate(precedent_items(found, names), start=1):
        lines.append("")
        head = f"{i}. {item['name']} — {item['form']} (proximité {item['similarity']})"
        lines += textwrap.wrap(head, width, subsequent_indent="   ")
        lines += textwrap.wrap(
            f"en commun : {item['shared']}", width, initial_indent="   ", subsequent_indent="   "
        )
        lines.append(f"   {item['publisher']} : {item['url']}")
    out.print("\n".join(lines), highlight=False, markup=False, soft_wrap=True)
