"""Click's own help words in French, so that ``gesform … --help`` speaks one language.

Click writes « Usage: », « Options: », « Commands: », « Show this message and exit. » and
« [default: …] » itself. These classes replace them in the help of every gesform command
(``cls=FrenchCommand``; the group creates its commands with that class), without touching
click's global state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import click

__all__ = ["HELP_OPTION_TEXT", "FrenchCommand", "FrenchContext", "FrenchGroup"]

HELP_OPTION_TEXT = "Affiche cette aide et quitte."

_HEADINGS = {
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "Arguments": "Arguments",
}
_EXTRA = (
    (re.compile(r"(\[|; )default: "), r"\1défaut : "),
    (re.compile(r"(\[|; )env var: "), r"\1variable d'environnement : "),
    (re.compile(r"(\[|; )required\]"), r"\1obligatoire]"),
)

#: Click's names of value types, shown after an option (« -o, --output FILE »).
_TYPES = {
    "INTEGER RANGE": "ENTIER",
    "FLOAT RANGE": "NOMBRE",
    "INTEGER": "ENTIER",
    "FLOAT": "NOMBRE",
    "TEXT": "TEXTE",
    "FILE": "FICHIER",
    "FILENAME": "FICHIER",
    "DIRECTORY": "DOSSIER",
    "PATH": "CHEMIN",
    "BOOLEAN": "BOOLÉEN",
}
_TYPE_PATTERN = re.compile(r"(?<= )(" + "|".join(sorted(_TYPES, key=len, reverse=True)) + r")\b")


def _french_term(term: str) -> str:
    return _TYPE_PATTERN.sub(lambda m: _TYPES[m.group(1)], term)


_EXTRA_BLOCK = re.compile(r"\[[^\[\]]*\]$")


def _french_extra(text: str) -> str:
    """« [default: 1; 1<=x<=64] » → « [défaut : 1 ; 1<=x<=64] » (the block click appends)."""
    for pattern, replacement in _EXTRA:
        text = pattern.sub(replacement, text)
    return _EXTRA_BLOCK.sub(lambda m: m.group(0).replace("; ", " ; "), text)


class FrenchHelpFormatter(click.HelpFormatter):
    """Help pages with French headings (« Utilisation : », « Commandes : »)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Utilisation : " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)} :\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        french = [(_french_term(term), _french_extra(text)) for term, text in rows]
        super().write_dl(french, *args, **kwargs)


class FrenchContext(click.Context):
    """A context whose help pages use :class:`FrenchHelpFormatter`."""

    formatter_class = FrenchHelpFormatter


class FrenchCommand(click.Command):
    """A command whose help, and its ``-h/--help`` line, are in French."""

    context_class = FrenchContext

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option


class FrenchGroup(click.Group):
    """A group in French whose subcommands are :class:`FrenchCommand` by default."""

    context_class = FrenchContext
    command_class = FrenchCommand

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option
