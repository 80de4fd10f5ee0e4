"""The example profiles shipped with gesform (real groups from the project's sources).

The YAML files live once, in the repository's ``examples/`` folder; the wheel copies them
next to this module (``gesform/examples/*.yaml``), so they are reachable wherever gesform
is installed:

>>> import gesform.examples
>>> gesform.examples.names()
('belfort', 'gessa', 'musique_sologne')
>>> gesform.examples.load("belfort").name
'Quatre SIAE du Territoire de Belfort'

From the shell: ``gesform example`` lists them, ``gesform example belfort > belfort.yaml``
writes one.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..errors import GesformError
from ..models.profile import Profile

__all__ = ["UnknownExampleError", "folder", "load", "names", "path", "text", "title"]

_CHECKOUT_FOLDER = Path(__file__).resolve().parents[3] / "examples"


class UnknownExampleError(GesformError, KeyError):
    """An example name that gesform does not ship."""

    def __init__(self, name: str, valid: tuple[str, ...]) -> None:
        self.name = name
        self.valid = valid
        super().__init__(
            f"exemple inconnu « {name} » ; exemples : {', '.join(valid)} / unknown example '{name}'"
        )

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


def folder() -> Path:
    """The folder of the example files: in the installed package, else in the checkout."""
    packaged = Path(str(files(__name__)))
    if any(packaged.glob("*.yaml")):
        return packaged
    # Source checkout or editable install: the files sit in the repository's examples/.
    return _CHECKOUT_FOLDER


def names() -> tuple[str, ...]:
    """The names of the shipped examples, sorted (« belfort », « gessa »…)."""
    return tuple(sorted(p.stem for p in folder().glob("*.yaml")))


def path(name: str) -> Path:
    """The file of example *name*; :class:`UnknownExampleError` (exit 2 in the CLI) if none."""
    valid = names()
    if name not in valid:
        raise UnknownExampleError(name, valid)
    return folder() / f"{name}.yaml"


def text(name: str) -> str:
    """The YAML text of example *name*, comments included (what ``gesform example`` prints)."""
    return path(name).read_text(encoding="utf-8")


def load(name: str) -> Profile:
    """The validated :class:`~gesform.Profile` of example *name*."""
    return Profile.from_file(path(name))


def title(name: str) -> str:
    """The group's name in example *name* (the ``name:`` of its profile)."""
    return load(name).name or name
