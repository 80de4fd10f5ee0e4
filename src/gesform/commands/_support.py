"""What every ``gesform`` command shares: exit codes, error handling, the console.

The options several commands take are in :mod:`gesform.commands._options`. Kept apart from
``gesform.cli`` so that command modules never import the group that registers them (no
import cycle, whichever module is imported first).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import click
from pydantic import ValidationError

from ..errors import (
    DataFileError,
    EngineUnavailableError,
    GesformError,
    ProfileFileError,
    UnknownFormError,
    validation_lines,
)

__all__ = [
    "CONTEXT_SETTINGS",
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "BadInput",
    "console",
    "handle_errors",
]

P = ParamSpec("P")
R = TypeVar("R")

#: Every command accepts -h as well as --help, however it is invoked (alone or in the group).
CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(click.ClickException):
    """A bad input: exit code 2, message on stderr."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file: Any = None) -> None:
        click.echo(self.format_message(), err=True)


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn gesform's documented errors into exit code 2 with a readable message."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ValidationError as exc:
            raise BadInput(
                "Profil invalide / invalid profile:\n" + "\n".join(validation_lines(exc))
            ) from None
        except (UnknownFormError, EngineUnavailableError) as exc:
            raise BadInput(str(exc)) from None
        except (ProfileFileError, DataFileError) as exc:
            raise BadInput(f"Erreur / error: {exc}") from None
        except GesformError as exc:
            click.echo(f"Erreur interne / internal error: {exc}", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


#: Width of piped output when ``COLUMNS`` does not say otherwise.
PIPED_WIDTH = 200


def _columns() -> int | None:
    """``COLUMNS`` as a width (at least 20), or None when unset or not a number."""
    try:
        value = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return None
    return value if value >= 20 else None


def console() -> Any:
    """Rich console on stdout: the terminal's width, or piped, ``COLUMNS`` (else 200), plain."""
    from rich.console import Console

    if sys.stdout.isatty():
        return Console()
    width = _columns() or PIPED_WIDTH
    return Console(width=width, no_color=True, highlight=False, soft_wrap=True)
