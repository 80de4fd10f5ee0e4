"""Property-based run of schemathesis against the service's own OpenAPI schema (ASGI, no network).

Every operation of ``/openapi.json`` gets requests generated from the schema — valid ones
and, for the bodies, invalid ones — sent straight to the ASGI app. The checks: no server
error (5xx), only documented status codes and content types, responses that match their
schema, 405 with ``Allow`` for an undocumented method, and the other defaults of the
installed schemathesis, except two that judge what a schema cannot say:

* ``positive_data_acceptance``: a schema-valid profile may still be incoherent
  (``member_count`` below the number of listed members, ``public_bodies_members: false``
  with a local authority among them…); the model rejects it with 422, as documented.
* ``negative_data_rejection``: pydantic's lax mode reads ``0``/``1`` and ``"true"``/``"no"``
  as booleans and ``"5"`` or ``5.0`` as 5 — documented pydantic conversions, listed in
  ``docs/reliability.md``.

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

from schemathesis.checks import negative_data_rejection, positive_data_acceptance  # noqa: E402

from gesform.service import create_app  # noqa: E402

EXAMPLES = int(os.environ.get("GESFORM_SCHEMATHESIS_EXAMPLES", "50"))

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_service_conforms_to_its_openapi_schema(case) -> None:  # type: ignore[no-untyped-def]
    response = case.call_and_validate(
        excluded_checks=[positive_data_acceptance, negative_data_rejection]
    )
    assert response.status_code < 500
