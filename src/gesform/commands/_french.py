"""Click's own help words in French, so that ``gesform … --help`` speaks one language.

Click writes « Usage: », « Options: », « Commands: », « Show this message and exit. » and
« [default: …] » itself. These classes replace them in the help of every gesform command
(``cls=FrenchCommand``; the group creates its commands with that class), without touching
click's global state. Usage errors (missing argument, unknown option…) are shown French
first, with click's English message after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import click

__all__ = [
    "HELP_OPTION_TEXT",
    "FrenchCommand",
    "FrenchContext",
    "FrenchGroup",
    "FrenchUsageError",
    "french_usage_message",
]

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


#: Click's usage messages, in French (the English message follows, after « / »).
_USAGE_MESSAGES = (
    (r"Missing argument '(?P<a>[^']+)'\.", "argument manquant « {a} »"),
    (r"Missing option '(?P<a>[^']+)'\.", "option manquante « {a} »"),
    (r"No such option '(?P<a>[^']+)'\. Did you mean '(?P<b>[^']+)'\?", ""),
    (r"No such option '(?P<a>[^']+)'\.", "option inconnue « {a} »"),
    (r"No such command '(?P<a>[^']+)'\.", "commande inconnue « {a} »"),
    (r"Option '(?P<a>[^']+)' requires an argument\.", "l'option « {a} » attend une valeur"),
    (r"Option '(?P<a>[^']+)' does not take a value\.", "l'option « {a} » ne prend pas de valeur"),
    (r"Got unexpected extra arguments? \((?P<a>.+)\)", "argument(s) en trop : {a}"),
    (
        r"Invalid value for '(?P<a>[^']+)': '(?P<b>.*)' is not one of (?P<c>.+)\.",
        "valeur invalide pour « {a} » : « {b} » n'est pas parmi {c}",
    ),
    (r"Invalid value for '(?P<a>[^']+)': .*", "valeur invalide pour « {a} »"),
)
_USAGE_PATTERNS = tuple((re.compile(p, re.S), fr) for p, fr in _USAGE_MESSAGES)


def french_usage_message(message: str) -> str:
    """« argument manquant « PROFIL » / Missing argument 'PROFIL'. », French first."""
    for pattern, french in _USAGE_PATTERNS:
        m = pattern.match(message)
        if m is None:
            continue
        if not french:  # an unknown option with a suggestion
            french = "option inconnue « {a} » ; vouliez-vous dire « {b} » ?"
        return f"{french.format(**m.groupdict())} / {message}"
    return f"/ error: {message}"


class FrenchUsageError(click.UsageError):
    """A usage error shown in French: usage line, where to find help, then the message."""

    def __init__(self, original: click.UsageError) -> None:
        super().__init__(original.format_message(), original.ctx)

    def show(self, file: Any = None) -> None:
        err = file is None  # on stderr unless click says where
        if self.ctx is not None:
            names = self.ctx.command.get_help_option_names(self.ctx)
            hint = f"Aide : {self.ctx.command_path} {max(names, key=len)}\n" if names else ""
            click.echo(f"{self.ctx.get_usage()}\n{hint}", file=file, err=err, color=self.ctx.color)
        message = french_usage_message(self.message)
        sep = " " if message.startswith("/") else " : "
        click.echo(f"Erreur{sep}{message}", file=file, err=err)


class FrenchHelpFormatter(click.HelpFormatter):
    """Help pages with French headings (« Utilisation : », « Commandes : »)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Utilisation : " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)} :\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        french = [(_french_term(term), _french_extra(text)) for term, text in rows]
        super().write_dl(french, *args, **kwargs)


class FrenchContext(click.Context):
    """A context whose help pages use :class:`FrenchHelpFormatter`."""

    formatter_class = FrenchHelpFormatter


class FrenchCommand(click.Command):
    """A command whose help, its ``-h/--help`` line and its usage errors are in French."""

    context_class = FrenchContext

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise FrenchUsageError(exc) from None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option


class FrenchGroup(FrenchCommand, click.Group):
    """A group in French whose subcommands are :class:`FrenchCommand` by default; its help
    line, its context and its usage errors come from :class:`FrenchCommand`."""

    command_class = FrenchCommand

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            raise FrenchUsageError(exc) from None
