"""Load and validate the catalog (``data/structures.yaml``); errors name file, entry and field."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import DataFileError
from .models.catalog import Catalog, Form
from .models.sources import SourceRef
from .reading import MAX_DATA_BYTES, FileFormatError, read_data_file
from .resources import structures_file

__all__ = [
    "MemoCache",
    "describe_validation_error",
    "file_stamp",
    "load_catalog",
    "read_yaml_mapping",
]

T = TypeVar("T")


# No disk cache: what is read is checked again on every start (about 0.3 s, within the 0.5 s
# target). A cache of checked objects on disk was dropped because unpickling a file is running
# code, and a cache directory another local user can write turned that into running their code
# (issue #15). Nothing executable is ever read from disk.


class MemoCache(Generic[T]):
    """What a data file (or folder) yields once checked, kept in memory per key, thread-safe.

    The key says which content was read (see :func:`file_stamp`): a file edited on disk has a
    new key and is read again. Two threads asking for a new key at once may both build it; the
    result is the same.
    """

    def __init__(self) -> None:
        self._items: dict[Hashable, T] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value kept for *key*, built by *build* (outside the lock) the first time."""
        with self._lock:
            found = self._items.get(key)
        if found is None:
            found = build()
            with self._lock:
                self._items[key] = found
        return found


def file_stamp(path: Path) -> tuple[str, float, int]:
    """(resolved path, modification time, size) of a data file: the key of its current content.

    Raises :class:`~gesform.errors.DataFileError` naming the file when it is missing or cannot
    be examined.
    """
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        message = f"fichier introuvable / file not found ({exc.strerror})"
        raise DataFileError(path, message) from None
    except OSError as exc:
        raise DataFileError(
            path, f"fichier illisible / unreadable file ({exc.strerror or exc})"
        ) from None
    return str(path.resolve()), stat.st_mtime, stat.st_size


#: Names pydantic gives to the branches of a union (``int | CriterionCell``): not fields.
_UNION_BRANCHES = frozenset({"int", "float", "str", "bool", "list", "dict", "none"})


def _is_internal(part: object) -> bool:
    """A location step pydantic adds itself (``function-after[…]``, a union branch name)."""
    return isinstance(part, str) and (
        (part.endswith("]") and "[" in part) or part in _UNION_BRANCHES
    )


def describe_validation_error(exc: ValidationError) -> tuple[str, str]:
    """(first field as ``a.b.0.c``, every problem in one line) from a pydantic error.

    Steps pydantic adds to a location (validator names, union branches) are left out, and when
    a value fits no branch of a union, only the problems of the branch it was written for (a
    mapping for a model) are told, not "should be a valid integer" for the other branch.
    """
    errors = exc.errors(include_url=False)
    scalar_branch = [bool(e["loc"]) and e["loc"][-1] in _UNION_BRANCHES for e in errors]
    if not all(scalar_branch):
        errors = [e for e, scalar in zip(errors, scalar_branch, strict=True) if not scalar]
    parts = []
    first = ""
    for err in errors:
        loc = ".".join(str(p) for p in err["loc"] if not _is_internal(p))
        first = first or loc
        part = f"{loc or '(racine)'}: {err['msg']}"
        if part not in parts:
            parts.append(part)
    return first, "; ".join(parts)


def read_yaml_mapping(path: Path, error: type[DataFileError] = DataFileError) -> dict[str, Any]:
    """Read a package data file that must hold a mapping; any problem → *error* naming *path*."""
    try:
        raw = read_data_file(path, max_bytes=MAX_DATA_BYTES)
    except OSError as exc:
        raise error(path, f"fichier illisible / unreadable file ({exc.strerror or exc})") from None
    except FileFormatError as exc:
        raise error(path, str(exc)) from None
    if not isinstance(raw, dict):
        raise error(path, "le fichier doit contenir un dictionnaire YAML / expected a mapping")
    return raw


def _validate_entry(
    model: type[BaseModel], raw: Any, path: Path, entry: str, error: type[DataFileError]
) -> Any:
    if not isinstance(raw, dict):
        raise error(path, "un dictionnaire est attendu / expected a mapping", entry=entry)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        field, message = describe_validation_error(exc)
        raise error(path, message, entry=entry, field=field) from None


def _iter_sources(value: Any, loc: tuple[str, ...] = ()) -> Iterable[tuple[str, SourceRef]]:
    if isinstance(value, SourceRef):
        yield ".".join(loc), value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _iter_sources(getattr(value, name), (*loc, name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _iter_sources(item, (*loc, str(i)))


def _parse_catalog(path: Path) -> Catalog:
    raw = read_yaml_mapping(path)
    forms_raw = raw.get("forms")
    if not isinstance(forms_raw, dict) or not forms_raw:
        raise DataFileError(path, "'forms' doit être un dictionnaire non vide", field="forms")
    forms: list[Form] = []
    for form_id, entry in forms_raw.items():
        if isinstance(entry, dict) and "id" in entry:
            raise DataFileError(
                path, "l'identifiant est la clé de l'entrée, pas un champ 'id'", entry=str(form_id)
            )
        data = dict(entry, id=form_id) if isinstance(entry, dict) else entry
        forms.append(_validate_entry(Form, data, path, str(form_id), DataFileError))
    header = {k: v for k, v in raw.items() if k != "forms"}
    try:
        catalog = Catalog.model_validate({**header, "forms": forms})
    except ValidationError as exc:
        field, message = describe_validation_error(exc)
        raise DataFileError(path, message, field=field) from None
    known = set(catalog.legal_bases)
    for form in catalog:
        for loc, ref in _iter_sources(form):
            if ref.legal_basis is not None and ref.legal_basis not in known:
                raise DataFileError(
                    path,
                    f"base légale inconnue '{ref.legal_basis}' / unknown legal basis",
                    entry=form.id,
                    field=f"{loc}.legal_basis",
                )
        for p in form.paths:
            if p.to not in catalog:
                raise DataFileError(
                    path, f"forme d'arrivée inconnue '{p.to}'", entry=form.id, field="paths.to"
                )
    return catalog


_CATALOGS: MemoCache[Catalog] = MemoCache()


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load the catalog of cooperation forms (the packaged one by default), validated.

    The result is cached per file and modification time, so repeated calls are cheap and a
    file edited on disk is read again. Raises :class:`~gesform.errors.DataFileError`.
    """
    p = Path(path) if path is not None else structures_file()
    return _CATALOGS.get(file_stamp(p), lambda: _parse_catalog(p))
