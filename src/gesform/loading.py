"""Load and validate the catalog (``data/structures.yaml``); errors name file, entry and field."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataFileError
from .models.catalog import Catalog, Form
from .models.sources import SourceRef
from .reading import MAX_DATA_BYTES, FileFormatError, read_data_file
from .resources import structures_file

__all__ = [
    "cache_dir",
    "describe_validation_error",
    "load_catalog",
    "read_yaml_mapping",
    "stored",
]

_CACHE: dict[tuple[str, float, int], Catalog] = {}
_CACHE_LOCK = threading.Lock()


# --- a disk cache of checked data -------------------------------------------------------------
# Reading the catalog and the rules (YAML, validation, every check) costs ~0.1 s, a fifth of a
# cold start. What was read and checked is kept on disk, keyed by the exact bytes read and by
# the code that read them: any change to a data file, to gesform's code (size or modification
# time of a source file, as for ``.pyc`` files) or to the libraries' versions gives another
# key, so a stored result is only ever the one a fresh read would give.
# Best effort: a missing, unreadable or corrupt entry is read again; a write that fails is
# skipped; an entry someone else could have written is never read. ``GESFORM_CACHE_DIR``
# moves the cache; set to an empty string it turns it off.

_CACHE_FORMAT = 1
_KEEP_ENTRIES = 32
_code_key: str | None = None


def cache_dir() -> Path | None:
    """Where checked catalogs and rule bases are kept (None: caching turned off)."""
    override = os.environ.get("GESFORM_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # no home directory: no cache rather than one in the cwd
        return None
    return Path(base) / "gesform"


def _code_digest() -> str:
    """The code that reads and checks data: gesform's sources and the libraries' versions."""
    global _code_key
    if _code_key is None:
        import pydantic_core

        digest = hashlib.sha256(f"{_CACHE_FORMAT}|{sys.version}|".encode())
        for name in ("pydantic", "pydantic_core", "yaml"):
            module = sys.modules.get(name)
            digest.update(f"{name}={getattr(module, '__version__', '?')}|".encode())
        digest.update(pydantic_core.__version__.encode())
        # Like Python's own .pyc check: each source file's size and modification time.
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*.py")):
            stat = path.stat()
            digest.update(
                f"{path.relative_to(package)}|{stat.st_size}|{stat.st_mtime_ns}|".encode()
            )
        _code_key = digest.hexdigest()
    return _code_key


def _entry(kind: str, key: tuple[Any, ...]) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    digest = hashlib.sha256(repr((_code_digest(), key)).encode()).hexdigest()[:32]
    return directory / f"{kind}-{digest}.pickle"


def stored(kind: str, key: tuple[Any, ...], expected: type) -> Any:
    """The object kept under (*kind*, *key*), or None (absent, unreadable, another type)."""
    try:
        path = _entry(kind, key)
        if path is None:
            return None
        with path.open("rb") as fh:
            if not _trusted(os.fstat(fh.fileno())):
                return None
            value = pickle.load(fh)
    except Exception:
        return None
    return value if type(value) is expected else None


def _trusted(stat: os.stat_result) -> bool:
    """Only an entry this user wrote and nobody else can write is read (POSIX)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows
        return True
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def store(kind: str, key: tuple[Any, ...], value: Any) -> None:
    """Keep *value* under (*kind*, *key*): written aside then renamed, errors ignored."""
    try:
        path = _entry(kind, key)
        if path is None:
            return
        import tempfile  # only when writing: not on the cold start's path once cached

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        entries = sorted(path.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-_KEEP_ENTRIES]:
            old.unlink(missing_ok=True)
    except Exception:
        return


def _file_digest(path: Path) -> str | None:
    """sha256 of a data file's bytes, or None when it cannot be read or is over the limit."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_DATA_BYTES + 1)
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest() if len(data) <= MAX_DATA_BYTES else None


def describe_validation_error(exc: ValidationError) -> tuple[str, str]:
    """(first field as ``a.b.0.c``, every problem in one line) from a pydantic error."""
    parts = []
    first = ""
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err["loc"])
        first = first or loc
        parts.append(f"{loc or '(racine)'}: {err['msg']}")
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


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load the catalog of cooperation forms (the packaged one by default), validated.

    The result is cached per file and modification time, so repeated calls are cheap and a
    file edited on disk is read again. Raises :class:`~gesform.errors.DataFileError`.
    """
    p = Path(path) if path is not None else structures_file()
    try:
        stat = p.stat()
    except OSError as exc:
        raise DataFileError(p, f"fichier introuvable / file not found ({exc.strerror})") from None
    key = (str(p.resolve()), stat.st_mtime, stat.st_size)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
    if cached is not None:
        return cached
    digest = _file_digest(p)
    disk_key = (key[0], digest)
    catalog = stored("catalog", disk_key, Catalog) if digest is not None else None
    if catalog is None:
        catalog = _parse_catalog(p)
        if digest is not None and _file_digest(p) == digest:  # unchanged while it was read
            store("catalog", disk_key, catalog)
    with _CACHE_LOCK:
        _CACHE[key] = catalog
    return catalog
