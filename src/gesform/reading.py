"""Read YAML and JSON files safely: size and depth limits, no tags, no aliases, no duplicate keys.

Everything gesform reads from disk (catalog, rules, profiles, cases) goes through
:func:`read_data_file` or :func:`parse_text`. Only ``yaml.SafeLoader`` is used, never
``yaml.load`` with a full loader, and nothing in a file is ever executed.
"""

from __future__ import annotations

import errno
import json
import math
import os
import select
import stat
import sys
import time
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "MAX_DEPTH",
    "MAX_PROFILE_BYTES",
    "FileFormatError",
    "parse_text",
    "read_data_file",
    "read_file_bytes",
]

#: Largest profile or case file read, in bytes (1 MiB). Data files of the package: 8 MiB.
MAX_PROFILE_BYTES = 1 * 1024 * 1024
MAX_DATA_BYTES = 8 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted in any file.
MAX_DEPTH = 64


class FileFormatError(ValueError):
    """The text is not well-formed YAML/JSON or breaks a limit; ``str()`` says why, in French."""


#: libyaml's C parser when PyYAML was built with it (much faster), else the Python one.
_BASE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """Safe loader that refuses duplicate keys, anchors/aliases and non-standard tags."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Build one value; a scalar that its (explicit or implicit) tag cannot read is refused.

        PyYAML lets ``ValueError``, ``KeyError``… escape for ``!!int abc``, ``!!bool maybe``,
        ``2001-02-30`` or an integer past Python's 4,300-digit limit: they become
        :class:`FileFormatError` with the line.
        """
        try:
            return super().construct_object(node, deep=deep)
        except (FileFormatError, yaml.YAMLError):
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            raise FileFormatError(
                f"ligne {node.start_mark.line + 1} : {_problem(exc, kind)}"
            ) from None


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise FileFormatError(
                f"ligne {key_node.start_mark.line + 1} : clé non valide / invalid key"
            ) from None
        if key in result:
            raise FileFormatError(
                f"ligne {key_node.start_mark.line + 1} : clé '{key}' en double / duplicate key"
            )
        result[key] = loader.construct_object(value_node, deep=deep)
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


def _check_events(text: str) -> None:
    """Scan the event stream (iteratively) for depth, anchors, aliases and explicit tags."""
    depth = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise FileFormatError(
                f"ligne {event.start_mark.line + 1} : les alias YAML (*) ne sont pas acceptés "
                "/ YAML aliases are not accepted"
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise FileFormatError(
                f"ligne {event.start_mark.line + 1} : les ancres YAML (&) ne sont pas acceptées "
                "/ YAML anchors are not accepted"
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _STANDARD_TAGS and tag != "!":
            raise FileFormatError(
                f"ligne {event.start_mark.line + 1} : étiquette YAML '{tag}' refusée "
                "(rien n'est exécuté) / YAML tag refused"
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise FileFormatError(
                    f"ligne {event.start_mark.line + 1} : imbrication trop profonde "
                    f"(au plus {MAX_DEPTH} niveaux) / nesting deeper than {MAX_DEPTH}"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _problem(exc: BaseException, kind: str) -> str:
    """A short French/English message for a value that Python cannot build."""
    text = str(exc)
    if "integer string conversion" in text:
        return (
            f"nombre trop long (plus de {sys.get_int_max_str_digits()} chiffres) / number too long"
        )
    text = text if len(text) <= 80 else text[:77] + "..."
    return f"valeur illisible ({kind} : {text}) / unreadable value"


def _json_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise FileFormatError(f"clé '{key}' en double / duplicate key")
        out[key] = value
    return out


def _json_reject_constant(name: str) -> float:
    raise FileFormatError(f"valeur JSON non standard '{name}' refusée / non-standard JSON value")


def _json_depth(text: str) -> None:
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise FileFormatError(
                    f"imbrication trop profonde (au plus {MAX_DEPTH} niveaux) "
                    f"/ nesting deeper than {MAX_DEPTH}"
                )
        elif ch in "]}":
            depth -= 1


def parse_text(text: str, *, fmt: str) -> Any:
    """Parse *text* as ``"yaml"`` or ``"json"`` under gesform's limits; FileFormatError if not."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise FileFormatError("le fichier contient des octets nuls (binaire ?) / binary content")
    if fmt == "json":
        _json_depth(text)
        try:
            value = json.loads(
                text,
                object_pairs_hook=_json_no_duplicates,
                parse_constant=_json_reject_constant,
            )
        except FileFormatError:
            raise
        except json.JSONDecodeError as exc:
            raise FileFormatError(
                f"JSON mal formé ligne {exc.lineno}, colonne {exc.colno} : {exc.msg} "
                "/ malformed JSON"
            ) from None
        except RecursionError:
            raise FileFormatError("imbrication trop profonde / nesting too deep") from None
        except ValueError as exc:  # an integer past Python's 4,300-digit limit
            raise FileFormatError(_problem(exc, "nombre")) from None
        _reject_non_finite(value)  # 1e400 reads as infinity
        return value
    try:
        _check_events(text)
        value = yaml.load(text, Loader=_StrictLoader)
    except FileFormatError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"ligne {mark.line + 1}, colonne {mark.column + 1} : " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        if "nesting depth" in problem:  # libyaml's own limit, reached before ours
            raise FileFormatError(
                f"{where}imbrication trop profonde (au plus {MAX_DEPTH} niveaux) "
                f"/ nesting deeper than {MAX_DEPTH}"
            ) from None
        raise FileFormatError(f"YAML mal formé, {where}{problem} / malformed YAML") from None
    except RecursionError:
        raise FileFormatError("imbrication trop profonde / nesting too deep") from None
    _reject_non_finite(value)
    return value


def _reject_non_finite(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise FileFormatError("nombre non fini (NaN, infini) refusé / non-finite number")
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


#: How long a profile read from a pipe may take, in seconds (``GESFORM_PIPE_TIMEOUT``).
PIPE_TIMEOUT = 10.0


def _pipe_timeout() -> float:
    try:
        return max(0.1, float(os.environ.get("GESFORM_PIPE_TIMEOUT", PIPE_TIMEOUT)))
    except ValueError:
        return PIPE_TIMEOUT


def _read_pipe(fd: int, max_bytes: int) -> bytes:
    """Read a pipe to its end within :func:`_pipe_timeout` seconds, at most *max_bytes* + 1."""
    deadline = time.monotonic() + _pipe_timeout()
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FileFormatError(
                "tube sans données ou sans fin dans le temps imparti "
                f"({_pipe_timeout():g} s) / pipe gave no complete data in time"
            )
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        data = os.read(fd, 65536)
        if not data:
            if size:
                break
            time.sleep(0.05)  # no writer yet (a named pipe nobody writes to): wait, bounded
            continue
        chunks.append(data)
        size += len(data)
    return b"".join(chunks)


def read_file_bytes(p: Path, max_bytes: int, *, allow_pipe: bool = False) -> bytes:
    """The file's bytes (at most *max_bytes* + 1). Only a regular file is read, or, with
    *allow_pipe*, a pipe (``<(cat x.yaml)``, a named pipe) within a bounded wait; a device,
    a socket or a pipe where none is allowed raises :class:`FileFormatError` at once."""
    fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)  # never blocks, even on a pipe without writer
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISREG(mode):
            os.set_blocking(fd, True)
            with os.fdopen(os.dup(fd), "rb") as fh:
                return fh.read(max_bytes + 1)
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(p))
        if stat.S_ISFIFO(mode) and allow_pipe:
            return _read_pipe(fd, max_bytes)
        kind = "un tube" if stat.S_ISFIFO(mode) else "un périphérique ou une socket"
        raise FileFormatError(
            f"{kind}, pas un fichier ordinaire / not a regular file (a pipe, device or socket)"
        )
    finally:
        os.close(fd)


def read_data_file(
    path: str | Path, *, max_bytes: int = MAX_PROFILE_BYTES, allow_pipe: bool = False
) -> Any:
    """Read a YAML (``.yaml``/``.yml``) or JSON (``.json``) file under the limits.

    Only regular files are read; with *allow_pipe* (profiles given on the command line), a
    pipe too, within a bounded wait. Raises ``OSError`` when the file cannot be opened and
    :class:`FileFormatError` for anything wrong with it (not a regular file, size, encoding,
    syntax, depth, tags, aliases, duplicates).
    """
    p = Path(path)
    raw = read_file_bytes(p, max_bytes, allow_pipe=allow_pipe)
    if len(raw) > max_bytes:
        raise FileFormatError(
            f"fichier trop grand (plus de {max_bytes // 1024} Kio) / file larger than the limit"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            f"le fichier n'est pas en UTF-8 (octet {exc.start}) / not UTF-8 encoded"
        ) from None
    fmt = "json" if p.suffix.lower() == ".json" else "yaml"
    return parse_text(text, fmt=fmt)
