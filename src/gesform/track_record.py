"""The measured track record (``data/track_record.yaml``): load it, find an answer's band.

An answer carries a :class:`~gesform.models.track_record.TrackRecord` only when the file was
measured with the rules and catalog that produced it (same ``rules_version`` and
``catalog_version``): with other rules the measure says nothing, and the answer says nothing.
``scripts/track_record.py`` writes the file; a test fails when it is not fresh.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from .errors import DataFileError
from .loading import MemoCache, describe_validation_error, file_stamp, read_yaml_mapping
from .models.track_record import TrackRecord, TrackRecordFile
from .resources import data_dir

__all__ = [
    "LEAD_BANDS",
    "lead_of",
    "load_track_record",
    "mcnemar_exact",
    "track_record_file",
    "track_record_for",
    "wilson_interval",
]

_FILES: MemoCache[TrackRecordFile] = MemoCache()

#: (smallest lead, largest lead or None) of each band of the measure: one step of the weights'
#: 5-point grain (a tie, 1–5, 6–10, 11–15, then 16 and more), fixed with the criteria table's
#: grain, not fitted to the figures. ``scripts/track_record.py`` measures by these bands.
LEAD_BANDS: tuple[tuple[int, int | None], ...] = ((0, 0), (1, 5), (6, 10), (11, 15), (16, None))


def track_record_file() -> Path:
    """The packaged ``track_record.yaml`` (beside the catalog; ``GESFORM_DATA_DIR`` moves it)."""
    return data_dir() / "track_record.yaml"


def _read(path: Path) -> TrackRecordFile:
    raw = read_yaml_mapping(path, DataFileError)
    try:
        return TrackRecordFile.model_validate(raw)
    except ValidationError as exc:
        field, message = describe_validation_error(exc)
        raise DataFileError(path, message, field=field or None) from None


def load_track_record(path: str | Path | None = None) -> TrackRecordFile | None:
    """The track record file (the packaged one by default), checked; None when it is absent.

    An absent file is not an error (a custom data folder may have none); an invalid one is a
    :class:`~gesform.errors.DataFileError` naming the file and the field.
    """
    p = Path(path) if path is not None else track_record_file()
    if not p.is_file():
        return None
    return _FILES.get(file_stamp(p), lambda: _read(p))


def wilson_interval(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval of a proportion *k*/*n* (95 % for the default *z*).

    Unlike the normal approximation it stays within [0, 1] and is honest for small groups
    (a form with a dozen cases) and for proportions near 0 or 1.
    """
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"proportion impossible : {k}/{n}")
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    # At k = 0 or k = n one bound is exactly 0 or 1; rounding must not move it.
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def mcnemar_exact(gained: int, lost: int) -> float:
    """Two-sided exact McNemar p-value: the chance, if gains and losses were equally likely,
    of a split of the changed cases at least this uneven (1.0 when nothing changed).

    Two rankings measured on the same cases differ only by the cases one gets right and the
    other wrong; a difference of a few cases on a few hundred is almost never significant.
    """
    if gained < 0 or lost < 0:
        raise ValueError("des nombres de cas ne sont jamais négatifs")
    n = gained + lost
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(gained, lost) + 1)) / 2**n
    return min(1.0, 2 * tail)


def lead_of(scores_in_play: Iterable[int]) -> int | None:
    """Points between the first and the second score of the forms still in play, best first.

    None when fewer than two forms are in play: there is no next form to lead.
    """
    it = iter(scores_in_play)
    first, second = next(it, None), next(it, None)
    if first is None or second is None:
        return None
    return first - second


def track_record_for(
    record: TrackRecordFile | None,
    scores_in_play: Iterable[int],
    *,
    first_form: str,
    rules_version: str,
    catalog_version: str,
) -> TrackRecord | None:
    """The track record of an answer whose forms in play score *scores_in_play*, best first,
    with *first_form* at their head.

    None when there is no record, when it was measured on other rules or another catalog,
    when fewer than two forms are in play, or when its band holds no case.
    """
    if record is None or (record.rules_version, record.catalog_version) != (
        rules_version,
        catalog_version,
    ):
        return None
    lead = lead_of(scores_in_play)
    if lead is None:
        return None
    band = record.band(lead)
    if band.cases == 0:
        return None
    low, high = wilson_interval(band.first, band.cases)
    as_first = record.by_first_form.get(first_form)
    return TrackRecord(
        lead=lead,
        min_lead=band.min_lead,
        max_lead=band.max_lead,
        cases=band.cases,
        first=band.first,
        top3=band.top3,
        missed_reachable=band.missed_reachable,
        first_low=round(low, 4),
        first_high=round(high, 4),
        measured_on=record.measured_on,
        first_form=first_form,
        first_form_cases=as_first.cases if as_first else 0,
        first_form_chosen=as_first.chosen if as_first else 0,
    )
