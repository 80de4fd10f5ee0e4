"""Read profiles from files and coerce dicts, paths and models into a ``Profile``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .errors import ProfileFileError
from .models.profile import PROFILE_SCHEMA_VERSION, Profile
from .reading import FileFormatError, read_data_file

__all__ = [
    "FIRST_SCHEMA_VERSION",
    "MIGRATIONS",
    "ProfileInput",
    "as_profile",
    "migrate_profile_data",
    "read_profile_file",
]

ProfileInput = Profile | Mapping[str, Any] | str | Path


#: Migrations of saved profiles: ``MIGRATIONS[n]`` turns the data of version ``n`` into the
#: data of version ``n + 1``. Version 1 is the first published vocabulary, so the table is empty;
#: a release that renames or removes a field adds its step here and notes it in
#: ``docs/changelog.md``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

#: The first vocabulary version gesform ever wrote.
FIRST_SCHEMA_VERSION = 1


def migrate_profile_data(data: dict[str, Any], *, source: str = "profil") -> dict[str, Any]:
    """Bring saved profile data to the current ``schema_version``, or say why it cannot.

    A profile without ``schema_version`` is read as the current version. An older version is
    migrated step by step through :data:`MIGRATIONS`; a newer one, or a version gesform never
    wrote, is refused with a message that names the version and says what to do.
    """
    written = data.get("schema_version", PROFILE_SCHEMA_VERSION)
    # 1.0 is the number 1, as in JSON Schema
    version = int(written) if type(written) is float and written.is_integer() else written
    if version == PROFILE_SCHEMA_VERSION and type(version) is int:
        return data if written is version else {**data, "schema_version": version}
    if type(version) is not int:
        raise ProfileFileError(
            source,
            f"schema_version {_shown(version)} n'est pas un numéro de version : écrivez "
            f"schema_version: {PROFILE_SCHEMA_VERSION} (ou retirez la ligne) "
            "/ schema_version must be an integer",
        )
    if version > PROFILE_SCHEMA_VERSION:
        raise ProfileFileError(
            source,
            f"schema_version {_shown(version)} est plus récent que cette version de gesform "
            f"(qui lit la version {PROFILE_SCHEMA_VERSION}) : mettez gesform à jour "
            f"/ written by a newer gesform",
        )
    if version < FIRST_SCHEMA_VERSION:
        raise ProfileFileError(
            source,
            f"schema_version {_shown(version)} n'a jamais existé (la première version est "
            f"{FIRST_SCHEMA_VERSION}) : vérifiez le fichier avec `gesform schema profile` puis "
            f"écrivez schema_version: {PROFILE_SCHEMA_VERSION} / no such schema_version",
        )
    migrated = dict(data)
    for step in range(version, PROFILE_SCHEMA_VERSION):
        migrate = MIGRATIONS.get(step)
        if migrate is None:
            raise ProfileFileError(
                source,
                f"schema_version {version} : aucune migration de la version {step} vers "
                f"{step + 1} n'est connue ; voir docs/changelog.md / no migration from {step}",
            )
        migrated = migrate(migrated)
        migrated["schema_version"] = step + 1
    return migrated


def _shown(value: Any) -> str:
    """A short, always printable rendering of a bad value (huge integers included)."""
    if type(value) is int and abs(value) >= 10**12:
        return "trop grand" if value > 0 else "trop petit"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def read_profile_file(path: str | Path) -> Profile:
    """Read and validate a profile file (YAML or JSON, at most 1 MiB, nesting ≤ 64)."""
    p = Path(path)
    try:
        raw = read_data_file(p, allow_pipe=True)
    except IsADirectoryError:
        raise ProfileFileError(p, "est un dossier, pas un fichier / is a directory") from None
    except FileNotFoundError:
        raise ProfileFileError(p, "fichier introuvable / file not found") from None
    except OSError as exc:
        raise ProfileFileError(p, f"fichier illisible / unreadable ({exc.strerror})") from None
    except FileFormatError as exc:
        raise ProfileFileError(p, str(exc)) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ProfileFileError(
            p, "le fichier doit contenir un dictionnaire (clé: valeur) / expected a mapping"
        )
    return Profile.model_validate(migrate_profile_data(raw, source=str(p)))


def as_profile(profile: ProfileInput) -> Profile:
    """Coerce a Profile, a mapping or a file path into a validated :class:`Profile`."""
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, str | Path):
        return read_profile_file(profile)
    if isinstance(profile, Mapping):
        data = dict(profile)
        return Profile.model_validate(migrate_profile_data(data))
    raise TypeError(
        f"profil attendu : Profile, dict ou chemin de fichier, reçu {type(profile).__name__} "
        "/ expected a Profile, a mapping or a path"
    )
