"""Property-based run of schemathesis against the service's own OpenAPI schema (ASGI, no network).

Every operation of ``/openapi.json`` gets requests generated from the schema — valid ones
and, for the bodies, invalid ones — sent straight to the ASGI app, with every default check of
the installed schemathesis: no server error (5xx), only documented status codes and content
types, responses that match their schema, 405 with ``Allow`` for an undocumented method,
schema-invalid data rejected (``negative_data_rejection``: yes/no answers and counts are read
strictly, ``"true"`` or ``"5"`` are refused rather than guessed)…

One check is replaced by a stricter version of itself: ``positive_data_acceptance`` would
flag a schema-valid profile refused with 422. A JSON Schema cannot say that ``member_count``
may not be below the number of listed members, nor that ``public_bodies_members: false``
contradicts a local authority among the members; :func:`valid_data_is_accepted` allows
exactly that refusal — a 422 whose every error has the type ``incoherent_profile`` — and
fails on any other refusal of schema-valid data.

Examples per operation: ``GESFORM_SCHEMATHESIS_EXAMPLES`` (50 by default, about 30 s here).
"""

from __future__ import annotations

import os
import warnings

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip(
    "schemathesis",
    reason="schemathesis n'est pas installé (extra dev) / schemathesis is not installed",
)
pytest.importorskip("fastapi", reason="le service demande l'extra server / needs gesform[server]")

from schemathesis.checks import positive_data_acceptance  # noqa: E402

from gesform.models.profile import INCOHERENT_PROFILE  # noqa: E402
from gesform.service import create_app  # noqa: E402

EXAMPLES = int(os.environ.get("GESFORM_SCHEMATHESIS_EXAMPLES", "50"))

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


def _only_incoherence(response) -> bool:  # type: ignore[no-untyped-def]
    if response.status_code != 422:
        return False
    try:
        detail = response.json()["detail"]
    except (ValueError, KeyError, TypeError):
        return False
    return (
        isinstance(detail, list)
        and bool(detail)
        and all(isinstance(e, dict) and e.get("type") == INCOHERENT_PROFILE for e in detail)
    )


@schemathesis.check
def valid_data_is_accepted(ctx, response, case):  # type: ignore[no-untyped-def]
    """Schema-valid data gets 2xx (or 404 for an unknown form), or a 422 for incoherence only."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if response.status_code < 300 or response.status_code == 404:
        return None
    if _only_incoherence(response):
        return None
    raise AssertionError(
        f"données valides refusées / valid data rejected: {response.status_code} "
        f"{response.text[:300]}"
    )


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_service_conforms_to_its_openapi_schema(case) -> None:  # type: ignore[no-untyped-def]
    response = case.call_and_validate(
        excluded_checks=[positive_data_acceptance],
        additional_checks=[valid_data_is_accepted],
    )
    assert response.status_code < 500
