"""Score many profiles: ``recommend_many`` (in order, optional process pool), ``recommend_frame``.

A bad row never stops a batch: it yields a :class:`RowError` naming the fields and problems
(with ``on_error="return"``, the default of the command line) or raises (``on_error="raise"``).
Workers are started with the ``spawn`` method — never ``fork`` a process that holds the rule
engine's C state and lock — and each builds its engine once. A worker scores a chunk of rows
and sends back one block of JSON lines (a single string: no model crosses a process boundary);
at most two chunks per worker are in flight, so a long input streams.
``compact=True`` gives :class:`~gesform.compact.CompactAnswer` (about 6 KB instead of 90 KB).
"""

from __future__ import annotations

import itertools
import json
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import current_process, get_context
from typing import TYPE_CHECKING, Any, Literal, overload

from pydantic import ValidationError

from .compact import CompactAnswer, compact_answer
from .errors import GesformError
from .models.base import Frozen
from .models.results import Recommendation
from .profile_io import ProfileInput, as_profile

if TYPE_CHECKING:
    from .engine import EngineName

__all__ = [
    "BatchStartError",
    "NotJsonLine",
    "RowError",
    "recommend_frame",
    "recommend_many",
    "recommend_rows_json",
    "score_blocks",
    "usable_workers",
]

OnError = Literal["raise", "return"]
#: Rows per task sent to a worker (a task costs a round trip; 200 rows ≈ 0.15 s of work).
_CHUNK = 200
#: Chunks in flight per worker: one being scored, one waiting, no idle worker.
_IN_FLIGHT = 2
_ROW_ERRORS = (ValidationError, GesformError, TypeError, ValueError)

_MAIN_GUARD = (
    "recommend_many(workers>1) : les processus de calcul (méthode spawn) relisent le script "
    'principal ; placez l\'appel sous « if __name__ == "__main__": » ou utilisez workers=1. / '
    "the worker processes (spawn start method) re-import the main script: put the call under "
    "'if __name__ == \"__main__\":' or use workers=1."
)


class BatchStartError(GesformError, RuntimeError):
    """The process pool could not run (a script without the ``__main__`` guard, a killed worker)."""


class FieldProblem(Frozen):
    """One problem of a bad row: the field and what was expected."""

    field: str
    message: str


class RowError(Frozen):
    """A row that could not be scored, with its index and every problem.

    ``index`` is the row's position in the batch (from 0) for the Python API, and the line
    number in the file (from 1, blank lines counted) for ``gesform recommend-many``.
    """

    index: int
    errors: tuple[FieldProblem, ...]

    def to_json(self) -> str:
        """``{"index": …, "error": [{"field": …, "message": …}]}`` on one line."""
        return json.dumps(
            {"index": self.index, "error": [e.model_dump() for e in self.errors]},
            ensure_ascii=False,
        )


class NotJsonLine:
    """A line of a JSONL file that is not JSON: scored as a :class:`RowError` naming the line."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return (NotJsonLine, (self.message,))


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


def _score_one(
    index: int, profile: Any, engine: EngineName | None, compact: bool
) -> tuple[str, bool]:
    """One row as a JSON line and whether it was scored (else the line is a RowError)."""
    from .recommend import get_recommender

    if isinstance(profile, NotJsonLine):
        problem = FieldProblem(
            field="(ligne)",
            message=f"ligne {index} : pas du JSON / not JSON: {profile.message}",
        )
        return RowError(index=index, errors=(problem,)).to_json(), False
    try:
        recommender = get_recommender(engine)
        p = as_profile(profile)
        if compact:
            return compact_answer(recommender.recommend(p)).model_dump_json(), True
        return recommender.recommend_json(p), True
    except _ROW_ERRORS as exc:
        return RowError(index=index, errors=_problems(exc)).to_json(), False


def _score_block(
    rows: list[tuple[int, Any]], engine: EngineName | None, compact: bool
) -> tuple[bytes, int]:
    """A chunk of (index, row) as one UTF-8 block of JSON lines, and its number of bad rows.

    Encoded here, in the worker: the caller copies bytes (no decoding) and writes them as is.
    """
    lines, failed = [], 0
    for index, row in rows:
        line, ok = _score_one(index, row, engine, compact)
        lines.append(line)
        failed += not ok
    return ("\n".join(lines) + "\n").encode("utf-8"), failed


def _portable(row: Any) -> Any:
    """Rows sent to worker processes travel as plain data."""
    if hasattr(row, "model_dump"):
        return row.model_dump(mode="json", exclude_none=True)
    if isinstance(row, os.PathLike):
        return os.fspath(row)
    return row


def usable_workers(workers: int | None) -> int:
    """*workers*, at most the number of CPUs this process may run on (more workers than cores
    only add start-up cost: about 0.5 s of CPU each to import gesform and build an engine)."""
    if not workers or workers <= 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, min(workers, cores))


def _refuse_while_bootstrapping() -> None:
    """Raise, instead of starting a pool, in a spawned child that is re-running the script."""
    if getattr(current_process(), "_inheriting", False):
        raise BatchStartError(_MAIN_GUARD)


def score_blocks(
    rows: Iterable[tuple[int, Any]],
    workers: int | None = None,
    *,
    engine: EngineName | None = None,
    compact: bool = False,
) -> Iterator[tuple[bytes, int]]:
    """Score ``(index, profile)`` pairs in order: UTF-8 blocks of JSON lines (each line ending
    in a newline) and the number of bad rows in each block.

    The building block of :func:`recommend_rows_json` and ``gesform recommend-many``.
    ``workers`` is capped at the CPUs available (:func:`usable_workers`).
    """
    items = iter(rows)
    workers = usable_workers(workers)
    if workers <= 1:
        while chunk := list(itertools.islice(items, _CHUNK)):
            yield _score_block(chunk, engine, compact)
        return
    _refuse_while_bootstrapping()
    pending: deque[Future[tuple[bytes, int]]] = deque()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            while True:
                while len(pending) < workers * _IN_FLIGHT:
                    chunk = [(i, _portable(r)) for i, r in itertools.islice(items, _CHUNK)]
                    if not chunk:
                        break
                    pending.append(pool.submit(_score_block, chunk, engine, compact))
                if not pending:
                    return
                yield pending.popleft().result()
    except BrokenProcessPool as exc:
        raise BatchStartError(
            "un processus de calcul s'est arrêté / a worker process stopped. " + _MAIN_GUARD
        ) from exc


def recommend_rows_json(
    profiles: Iterable[ProfileInput],
    workers: int | None = None,
    *,
    engine: EngineName | None = None,
    compact: bool = False,
) -> Iterator[str]:
    """Each row's answer as one JSON line, in input order (errors as ``{"index", "error"}``).

    ``compact=True`` writes :class:`~gesform.compact.CompactAnswer` instead of the full answer.
    """
    for block, _ in score_blocks(enumerate(profiles), workers, engine=engine, compact=compact):
        # JSON escapes "\n" inside strings; str.splitlines would also cut at U+2028 and others
        yield from block.decode("utf-8").split("\n")[:-1]


def _row_error(line: str) -> RowError:
    data = json.loads(line)
    return RowError(index=data["index"], errors=tuple(FieldProblem(**e) for e in data["error"]))


def _raise_or_return(err: RowError, on_error: OnError) -> RowError:
    if on_error == "raise":
        details = "; ".join(f"{e.field}: {e.message}" for e in err.errors)
        raise GesformError(f"profil n° {err.index} (à partir de 0) / row {err.index}: {details}")
    return err


@overload
def recommend_many(
    profiles: Iterable[ProfileInput],
    workers: int | None = None,
    *,
    engine: EngineName | None = None,
    on_error: OnError = "raise",
    compact: Literal[False] = False,
) -> Iterator[Recommendation | RowError]: ...


@overload
def recommend_many(
    profiles: Iterable[ProfileInput],
    workers: int | None = None,
    *,
    engine: EngineName | None = None,
    on_error: OnError = "raise",
    compact: Literal[True],
) -> Iterator[CompactAnswer | RowError]: ...


@overload
def recommend_many(
    profiles: Iterable[ProfileInput],
    workers: int | None = None,
    *,
    engine: EngineName | None = None,
    on_error: OnError = "raise",
    compact: bool = False,
) -> Iterator[Recommendation | CompactAnswer | RowError]: ...


def recommend_many(
    profiles: Iterable[ProfileInput],
    workers: int | None = None,
    *,
    engine: EngineName | None = None,
    on_error: OnError = "raise",
    compact: bool = False,
) -> Iterator[Recommendation | CompactAnswer | RowError]:
    """Recommend for every profile, in input order.

    A bad row raises :class:`~gesform.errors.GesformError` (``on_error="raise"``) or yields a
    :class:`RowError` (``on_error="return"``). ``compact=True`` yields
    :class:`~gesform.compact.CompactAnswer`, and ``workers > 1`` then scores in a process pool
    (each worker builds its engine once; in a script, call it under
    ``if __name__ == "__main__":``, else :class:`BatchStartError`).

    Full answers are always computed in the calling process, whatever ``workers``: rebuilding a
    :class:`Recommendation` from a worker's 90 KB of JSON costs the caller about 2.2 ms, more
    than scoring it here (about 1.3 ms; ``benchmarks/bench_batch.py``, docs/scale.md), so a
    pool could only be slower.
    To parallelise full answers, write them as JSON with :func:`recommend_rows_json`.
    """
    if not compact or not workers or workers <= 1:
        from .recommend import get_recommender

        recommender = get_recommender(engine)
        for i, row in enumerate(profiles):
            try:
                rec = recommender.recommend(as_profile(row))
            except _ROW_ERRORS as exc:
                yield _raise_or_return(RowError(index=i, errors=_problems(exc)), on_error)
                continue
            yield compact_answer(rec) if compact else rec
        return
    for line in recommend_rows_json(profiles, workers, engine=engine, compact=True):
        if line.startswith('{"index"'):
            yield _raise_or_return(_row_error(line), on_error)
        else:
            yield CompactAnswer.model_validate_json(line)


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


def recommend_frame(
    df: Any, *, workers: int | None = None, engine: EngineName | None = None
) -> Any:
    """A DataFrame of profiles (one row per group, list columns allowed) → top form per row.

    Returns a DataFrame with the same index and the columns ``top_form``, ``top_verdict``,
    ``top_score`` and ``error``: the problems of a bad row, else missing (``None``), so
    ``out["error"].notna().sum()`` counts the failures. Rows are scored as compact answers
    (only the top form is kept).
    """
    from ._optional import require

    pd = require("pandas", "notebook")
    rows = [_row_to_profile(r) for r in df.to_dict(orient="records")]
    out: list[dict[str, Any]] = []
    for result in recommend_many(rows, workers, engine=engine, on_error="return", compact=True):
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
                    "error": None,
                }
            )
    return pd.DataFrame(out, index=df.index)
