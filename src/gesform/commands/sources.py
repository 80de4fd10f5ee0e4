"""``gesform sources``: every article of law the knowledge base uses, its dates, who cites it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import click

from ._french import FrenchCommand
from ._options import format_option
from ._support import CONTEXT_SETTINGS, handle_errors

if TYPE_CHECKING:
    from ..legal_sources import LegalSourceUse

__all__ = ["sources"]


def _text_lines(index: Sequence[LegalSourceUse]) -> list[str]:
    lines: list[str] = []
    for use in index:
        b = use.basis
        since = f", en vigueur depuis le {b.in_force_since}" if b.in_force_since else ""
        lines.append(f"{b.label} [{b.id}]")
        lines.append(f"  lu dans la version du {b.read_on}{since} ; vérifié le {b.checked_on}")
        lines.append(f"  fiches : {', '.join(use.cited_by_forms) or '—'}")
        rules = ", ".join(f"{rid} ({eff})" for rid, eff in use.cited_by_rules)
        lines.append(f"  règles : {rules or '—'}")
        lines.append(f"  {b.url}")
    return lines


@click.command(cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@format_option("text", "md", "json", default="text")
@click.option(
    "--older-than",
    "older_than",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help=(
        "Ne garder que les articles lus dans une version antérieure à cette date (AAAA-MM-JJ) ; "
        "formats text et json."
    ),
)
@handle_errors
def sources(fmt: str, older_than: datetime | None) -> None:
    """Liste chaque article de loi utilisé, la date de la version lue et les règles qui le citent.

    Pour relire le droit en un seul endroit : la même liste que docs/sources.md. Avec
    --older-than, seuls les articles lus dans une version plus ancienne que la date donnée.

    \b
    Exemples :
      gesform sources
      gesform sources --older-than 2020-01-01
      gesform sources --format json > sources.json
    """
    from ..legal_sources import legal_source_index, sources_json, sources_markdown
    from ..loading import load_catalog
    from ..rulebase import load_rules

    catalog = load_catalog()
    rules = load_rules(catalog=catalog)
    if fmt == "md":
        click.echo(sources_markdown(catalog, rules), nl=False)
        return
    limit = older_than.date() if older_than is not None else None
    if fmt == "json":
        rows = sources_json(catalog, rules)
        if limit is not None:
            rows = [r for r in rows if r["read_on"] < limit.isoformat()]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    index = legal_source_index(catalog, rules)
    if limit is not None:
        index = [u for u in index if u.basis.read_on < limit]
    click.echo("\n".join(_text_lines(index)))
    click.echo(f"{len(index)} article(s).", err=True)
