"""Score many profiles: ``recommend_many`` (in order, optional process pool), ``recommend_frame``.

A bad row never stops a batch: it yields a :class:`RowError` naming the fields and problems
(with ``on_error="return"``, the default of the command line) or raises (``on_error="raise"``).
Workers are started with the ``spawn`` method — never ``fork`` a process that holds the rule
engine's C state and lock — and each builds its engine once.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, Literal

from pydantic import ValidationError

from .errors import GesformError
from .models.base import Frozen
from .models.results import Recommendation
from .profile_io import ProfileInput, as_profile

__all__ = ["RowError", "recommend_frame", "recommend_many", "recommend_rows_json"]

OnError = Literal["raise", "return"]
_CHUNK = 200


class FieldProblem(Frozen):
    """One problem of a bad row: the field and what was expected."""

    field: str
    message: str


class RowError(Frozen):
    """A row that could not be scored, with its position and every problem."""

    index: int
    errors: tuple[FieldProblem, ...]

    def to_json(self) -> str:
        """``{"index": …, "error": [{"field": …, "message": …}]}`` on one line."""
        return json.dumps(
            {"index": self.index, "error": [e.model_dump() for e in self.errors]},
            ensure_ascii=False,
        )


def _problems(exc: Exception) -> tuple[FieldProblem, ...]:
    if isinstance(exc, ValidationError):
        return tuple(
            FieldProblem(
                field=".".join(str(p) for p in e["loc"]) or "(profil)",
                message=str(e["msg"]),
            )
            for e in exc.errors(include_url=False)
        )
    return (FieldProblem(field="(profil)", message=str(exc)),)


def _score_one(index: int, profile: Any, engine: str | None) -> str:
    """One row as a JSON line: the Recommendation, or a RowError."""
    from .recommend import get_recommender

    try:
        return get_recommender(engine).recommend_json(as_profile(profile))  # type: ignore[arg-type]
    except (ValidationError, GesformError, TypeError, ValueError) as exc:
        return RowError(index=index, errors=_problems(exc)).to_json()


def _score_chunk(start: int, rows: list[Any], engine: str | None) -> list[str]:
    return [_score_one(start + i, row, engine) for i, row in enumerate(rows)]


def _portable(row: Any) -> Any:
    """Rows sent to worker processes travel as plain data."""
    if hasattr(row, "model_dump"):
        return row.model_dump(mode="json", exclude_none=True)
    if isinstance(row, os.PathLike):
        return os.fspath(row)
    return row


def recommend_rows_json(
    profiles: Iterable[ProfileInput], workers: int | None = None, *, engine: str | None = None
) -> Iterator[str]:
    """Each row's answer as one JSON line, in input order (errors as ``{"index", "error"}``)."""
    rows = iter(profiles)
    if not workers or workers <= 1:
        for i, row in enumerate(rows):
            yield _score_one(i, row, engine)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        starts, chunks = [], []
        position = 0
        while True:
            chunk = [_portable(r) for r in itertools.islice(rows, _CHUNK)]
            if not chunk:
                break
            starts.append(position)
            chunks.append(chunk)
            position += len(chunk)
        engines = [engine] * len(chunks)
        for lines in pool.map(_score_chunk, starts, chunks, engines):
            yield from lines


def recommend_many(
    profiles: Iterable[ProfileInput],
    workers: int | None = None,
    *,
    engine: str | None = None,
    on_error: OnError = "raise",
) -> Iterator[Recommendation | RowError]:
    """Recommend for every profile, in input order.

    ``workers > 1`` uses a process pool (each worker builds its engine once). A bad row raises
    :class:`~gesform.errors.GesformError` (``on_error="raise"``) or yields a :class:`RowError`
    (``on_error="return"``).
    """
    for line in recommend_rows_json(profiles, workers, engine=engine):
        data = json.loads(line)
        if "error" in data and "results" not in data:
            err = RowError(
                index=data["index"],
                errors=tuple(FieldProblem(**e) for e in data["error"]),
            )
            if on_error == "raise":
                details = "; ".join(f"{e.field}: {e.message}" for e in err.errors)
                raise GesformError(f"ligne {err.index} : {details}")
            yield err
        else:
            yield Recommendation.model_validate(data)


def _row_to_profile(row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value is None:
            continue
        if isinstance(value, float) and value != value:  # NaN: an empty cell
            continue
        if hasattr(value, "tolist"):
            value = value.tolist()
        out[str(key)] = value
    return out


def recommend_frame(df: Any, *, workers: int | None = None, engine: str | None = None) -> Any:
    """A DataFrame of profiles (one row per group, list columns allowed) → top form per row.

    Returns a DataFrame with the same index and the columns ``top_form``, ``top_verdict``,
    ``top_score`` and ``error`` (the problems of a bad row, else empty).
    """
    from ._optional import require

    pd = require("pandas", "notebook")
    rows = [_row_to_profile(r) for r in df.to_dict(orient="records")]
    out = []
    for result in recommend_many(rows, workers, engine=engine, on_error="return"):
        if isinstance(result, RowError):
            msg = "; ".join(f"{e.field}: {e.message}" for e in result.errors)
            out.append({"top_form": None, "top_verdict": None, "top_score": None, "error": msg})
        else:
            top = result.top
            out.append(
                {
                    "top_form": top.structure_id,
                    "top_verdict": top.verdict.value,
                    "top_score": top.score,
                    "error": "",
                }
            )
    return pd.DataFrame(out, index=df.index)
