"""Read profiles from files and coerce dicts, paths and models into a ``Profile``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import ProfileFileError
from .models.profile import PROFILE_SCHEMA_VERSION, Profile
from .reading import FileFormatError, read_data_file

__all__ = ["ProfileInput", "as_profile", "migrate_profile_data", "read_profile_file"]

ProfileInput = Profile | Mapping[str, Any] | str | Path


def migrate_profile_data(data: dict[str, Any], *, source: str = "profil") -> dict[str, Any]:
    """Bring saved profile data to the current ``schema_version`` (1), or say why it cannot."""
    version = data.get("schema_version", PROFILE_SCHEMA_VERSION)
    if version == PROFILE_SCHEMA_VERSION:
        return data
    if isinstance(version, int) and not isinstance(version, bool) and version > 1:
        raise ProfileFileError(
            source,
            f"schema_version {version} est plus récent que cette version de gesform "
            f"(qui lit la version {PROFILE_SCHEMA_VERSION}) : mettez gesform à jour "
            f"/ written by a newer gesform",
        )
    raise ProfileFileError(
        source,
        f"schema_version {version!r} inconnu : la seule version est {PROFILE_SCHEMA_VERSION} "
        "/ unknown schema_version",
    )


def read_profile_file(path: str | Path) -> Profile:
    """Read and validate a profile file (YAML or JSON, at most 1 MiB, nesting ≤ 64)."""
    p = Path(path)
    try:
        raw = read_data_file(p)
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
