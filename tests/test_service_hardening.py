"""REST service hardening (issue #15 points 9-12): disconnects, capped 422, offline /docs, 415."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import warnings

import pytest

fastapi = pytest.importorskip("fastapi")
pytest.importorskip("httpx")
pytest.importorskip("fastapi_offline")

with warnings.catch_warnings():  # starlette deprecates httpx in its test client
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from gesform.service import create_app  # noqa: E402

from ._asgi import post_recommend_scope  # noqa: E402

MAX_ERRORS = 50  # the cap documented in docs/service.md

PROFILE = {"members": [{"kind": "association"}, {"kind": "scop"}], "objectives": ["share_staff"]}


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


# --- point 9: a client that disconnects mid-body --------------------------------------------------
def _disconnect_mid_body(app) -> dict:
    """Call the app directly: half a body, then the client goes away."""
    body = json.dumps(PROFILE).encode()
    messages = iter(
        [
            {"type": "http.request", "body": body[:10], "more_body": True},
            {"type": "http.disconnect"},
        ]
    )
    sent: dict = {"status": None}

    async def receive():
        return next(messages)

    async def send(message):
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]

    scope = post_recommend_scope((b"content-length", str(len(body)).encode()))
    asyncio.run(asyncio.wait_for(app(scope, receive, send), timeout=30))
    return sent


def test_client_disconnect_logs_one_info_line_and_no_traceback(app, caplog):
    caplog.set_level(logging.DEBUG)
    _disconnect_mid_body(app)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    assert not [r for r in caplog.records if r.exc_info], caplog.text
    ours = [r for r in caplog.records if r.name == "gesform.service"]
    assert len(ours) == 1 and ours[0].levelno == logging.INFO
    assert "\n" not in ours[0].getMessage()


# --- point 10: the 422 answer is capped -----------------------------------------------------------
def test_422_lists_at_most_max_errors_and_counts_the_rest(client):
    bad = {"members": [{"kind": f"bad{i}"} for i in range(500)]}
    response = client.post("/recommend", json=bad)
    assert response.status_code == 422
    data = response.json()
    assert len(data["detail"]) == MAX_ERRORS
    assert data["errors_omitted"] >= 500 - MAX_ERRORS
    assert len(response.content) < 50_000
    assert data["detail"][0]["field"] == "members.0.kind"


def test_422_under_the_cap_has_no_count(client):
    response = client.post("/recommend", json={"members": [{"kind": "bad"}, {"kind": "scop"}]})
    assert response.status_code == 422
    assert "errors_omitted" not in response.json()


def test_the_cap_is_in_the_openapi_description_of_422(client):
    spec = client.get("/openapi.json").json()
    for path in ("/recommend", "/explain/{form_id}"):
        description = spec["paths"][path]["post"]["responses"]["422"]["description"]
        assert str(MAX_ERRORS) in description and "errors_omitted" in description
        assert "415" in spec["paths"][path]["post"]["responses"]


# --- point 11: /docs works offline -----
_URL = re.compile(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_reference_no_outside_host_and_every_asset_is_served(client, page):
    response = client.get(page)
    assert response.status_code == 200
    html = response.text
    hosts = re.findall(r"https?://([^/'\"\s)]+)", html)
    assert [h for h in hosts if h not in ("testserver",)] == [], hosts
    urls = _URL.findall(html)
    assert any(u.endswith(".js") for u in urls), urls
    for url in urls:
        assert client.get(url).status_code == 200, url


# --- point 12: 415 for a body that is not JSON -----
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
@pytest.mark.parametrize("path", ["/recommend", "/explain/scic"])
def test_non_json_content_type_is_415_json(client, path, content_type):
    response = client.post(
        path, content=json.dumps(PROFILE), headers={"content-type": content_type}
    )
    assert response.status_code == 415
    assert response.headers["content-type"].startswith("application/json")
    detail = response.json()["detail"]
    assert detail.index("type de contenu") < detail.index("unsupported media type")


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/json; charset=utf-8", "application/ld+json"]
)
def test_json_content_types_are_accepted(client, content_type):
    response = client.post(
        "/recommend", content=json.dumps(PROFILE), headers={"content-type": content_type}
    )
    assert response.status_code == 200, response.text


def test_no_content_type_is_read_as_json(client):
    response = client.post("/recommend", content=json.dumps(PROFILE))
    assert response.status_code == 200, response.text
