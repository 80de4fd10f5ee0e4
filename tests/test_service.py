"""The REST service: every endpoint, its JSON errors (404, 405, 413, 422), and a real server."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gesform import explain, load_catalog, recommend
from gesform.reading import MAX_PROFILE_BYTES
from gesform.schema import schema_for

fastapi = pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")
uvicorn = pytest.importorskip("uvicorn")

with warnings.catch_warnings():  # starlette deprecates httpx in its test client
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from gesform.cli import cli  # noqa: E402
from gesform.commands.serve import serve  # noqa: E402
from gesform.errors import GesformError  # noqa: E402
from gesform.service import (  # noqa: E402
    ENGINE_ENV,
    MAX_BODY_BYTES,
    create_app,
    create_app_from_env,
)

from ._asgi import post_recommend_scope  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BELFORT = ROOT / "examples" / "belfort.yaml"


def _body(path: Path) -> bytes:
    return json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))).encode()


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


def _field_errors(response) -> list[str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/json")
    return [e["field"] for e in response.json()["detail"]]


# --- endpoints ---------------------------------------------------------------------------------
def test_health(client):
    data = client.get("/health").json()
    rec = recommend(BELFORT)
    assert data["status"] == "ok"
    assert data["version"] == rec.gesform_version
    assert data["engine"] == rec.engine
    assert data["rules_version"] == rec.rules_version


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_recommend_equals_the_library_and_the_cli(client, path):
    response = client.post("/recommend", content=_body(path))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    expected = recommend(path).to_json()
    assert response.json() == json.loads(expected)
    assert response.text == expected
    cli_out = CliRunner().invoke(cli, ["recommend", str(path), "--format", "json"])
    assert cli_out.exit_code == 0
    assert response.text == cli_out.output.rstrip("\n")


def test_explain_equals_the_library(client):
    response = client.post("/explain/gcsms", content=_body(BELFORT))
    assert response.status_code == 200
    assert response.text == explain(BELFORT, "gcsms").model_dump_json(indent=2)


def test_explain_unknown_form_is_404_before_reading_the_body(client):
    response = client.post("/explain/nope", content=b"not even json")
    assert response.status_code == 404
    data = response.json()
    assert data["form_id"] == "nope"
    assert "gie" in data["valid"] and "nope" in data["detail"]


def test_structures(client):
    data = client.get("/structures").json()
    catalog = load_catalog()
    assert data == json.loads(catalog.model_dump_json())
    assert [f["id"] for f in data["forms"]] == list(catalog.ids)


def test_one_structure_and_unknown_structure(client):
    gie = client.get("/structures/gie")
    assert gie.status_code == 200
    assert gie.json() == json.loads(load_catalog()["gie"].model_dump_json())
    missing = client.get("/structures/nope")
    assert missing.status_code == 404
    assert "groupement_employeurs" in missing.json()["valid"]


def test_questions_endpoint_gives_the_library_questions(client):
    from gesform import next_questions, pivotal_questions

    group = {
        "members": [{"kind": "association"}, {"kind": "association"}],
        "objectives": ["share_staff"],
    }
    response = client.post("/questions", json=group)
    assert response.status_code == 200
    expected = [q.model_dump(mode="json") for q in pivotal_questions(group)]
    assert response.json() == expected and expected
    assert all(q["new_leaders"] for q in response.json())
    wider = client.post("/questions", params={"k": 5, "pivotal": "false"}, json=group)
    assert wider.json() == [q.model_dump(mode="json") for q in next_questions(group, 5)]
    for bad in ({"k": 0}, {"k": 21}, {"pivotal": "peut-être"}):
        refused = client.post("/questions", params=bad, json=group)
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["field"] in bad
    assert client.post("/questions", json={"capital": 3}).status_code == 422


def test_precedents_endpoint_gives_the_library_precedents(client):
    from gesform import precedents

    group = {
        "members": [{"kind": "association"}, {"kind": "association"}],
        "objectives": ["share_staff"],
    }
    response = client.post("/precedents", json=group)
    assert response.status_code == 200
    assert response.json() == precedents(group).model_dump(mode="json")
    from gesform.casebase import PRECEDENT_K

    assert len(response.json()["neighbours"]) == PRECEDENT_K
    fewer = client.post("/precedents", params={"k": 2}, json=group)
    assert fewer.json() == precedents(group, k=2).model_dump(mode="json")
    for bad in ({"k": 0}, {"k": 51}):
        refused = client.post("/precedents", params=bad, json=group)
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["field"] in bad
    assert client.post("/precedents", json={"capital": 3}).status_code == 422


def test_schema_endpoint(client):
    assert client.get("/schema/profile").json() == schema_for("profile")
    assert client.get("/schema/rules").json() == schema_for("rules")
    unknown = client.get("/schema/nope")
    assert unknown.status_code == 404 and "profile" in unknown.json()["valid"]


def test_openapi_documents_the_endpoints_and_the_profile_body(client):
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    for path in (
        "/recommend",
        "/explain/{form_id}",
        "/questions",
        "/structures",
        "/structures/{form_id}",
    ):
        assert path in spec["paths"]
    assert "/schema/{name}" in spec["paths"] and "/health" in spec["paths"]
    body = spec["paths"]["/recommend"]["post"]["requestBody"]["content"]["application/json"]
    ref = body["schema"]["$ref"].rsplit("/", 1)[1]
    assert "independence" in spec["components"]["schemas"][ref]["properties"]
    assert "413" in spec["paths"]["/recommend"]["post"]["responses"]


# --- 422 -----------------------------------------------------------------------------------------
def test_invalid_profile_names_the_fields(client):
    body = {"members": [{"kind": "asso"}, {"kind": "scop"}], "independence": "total"}
    fields = _field_errors(client.post("/recommend", json=body))
    assert fields == ["members.0.kind", "independence"]
    detail = client.post("/recommend", json=body).json()["detail"][0]
    assert detail["loc"] == ["body", "members", 0, "kind"] and detail["msg"]


def test_unknown_field_is_422(client):
    assert _field_errors(client.post("/recommend", json={"colour": "blue"})) == ["colour"]


@pytest.mark.parametrize(
    "raw",
    [b"{bad", b"[1, 2]", b'"text"', b"", b'{"a": 1, "a": 2}', b"\xff\xfe", b'{"x": NaN}'],
    ids=["malformed", "list", "string", "empty", "duplicate", "not-utf8", "nan"],
)
def test_malformed_bodies_are_422(client, raw):
    response = client.post("/recommend", content=raw)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]


def test_too_deep_json_is_422(client):
    response = client.post("/recommend", content=b"[" * 100 + b"]" * 100)
    assert response.status_code == 422
    assert "imbrication" in response.json()["detail"][0]["msg"]


def test_newer_schema_version_is_422(client):
    fields = _field_errors(client.post("/recommend", json={"schema_version": 2}))
    assert fields == ["schema_version"]


def test_explain_invalid_profile_is_422(client):
    assert _field_errors(client.post("/explain/gie", json={"capital": 3})) == ["capital"]


# --- 413 -----------------------------------------------------------------------------------------
def test_limit_is_the_profile_file_limit():
    assert MAX_BODY_BYTES == MAX_PROFILE_BYTES == 1024 * 1024


def test_body_over_the_limit_is_413(client):
    response = client.post("/recommend", content=b" " * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    assert response.json()["limit"] == MAX_BODY_BYTES


def test_body_at_the_limit_is_read(client):
    body = b"{}" + b" " * (MAX_BODY_BYTES - 2)
    assert client.post("/recommend", content=body).status_code == 200


def test_declared_length_over_the_limit_is_413_without_reading(app):
    messages = _call(app, headers=[(b"content-length", str(10 * MAX_BODY_BYTES).encode())])
    assert messages["status"] == 413
    assert messages["chunks_read"] == 0


def test_streamed_body_stops_being_read_past_the_limit(app):
    """A chunked body without Content-Length: reading stops just past the limit."""
    messages = _call(app, headers=[(b"transfer-encoding", b"chunked")], endless=True)
    assert messages["status"] == 413
    chunk = 64 * 1024
    assert messages["chunks_read"] <= MAX_BODY_BYTES // chunk + 1


def _call(app, headers, endless: bool = False) -> dict:
    """Call the ASGI app directly with a body that never ends; count the chunks it reads."""
    state = {"chunks_read": 0, "status": None, "body": b""}

    async def receive():
        if not endless:
            await asyncio.sleep(3600)  # the app must answer without reading
        state["chunks_read"] += 1
        if state["chunks_read"] > 1000:  # pragma: no cover - the test failed: stop it
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": b" " * 64 * 1024, "more_body": True}

    async def send(message):
        if message["type"] == "http.response.start":
            state["status"] = message["status"]
        elif message["type"] == "http.response.body":
            state["body"] += message.get("body", b"")

    scope = post_recommend_scope(*headers)
    asyncio.run(asyncio.wait_for(app(scope, receive, send), timeout=30))
    assert json.loads(state["body"])["limit"] == MAX_BODY_BYTES
    return state


# --- 404 / 405 -----------------------------------------------------------------------------------
def test_wrong_method_is_405_json(client):
    response = client.get("/recommend")
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("application/json")
    assert "POST" in response.headers["allow"]
    assert response.json()["detail"]
    assert client.delete("/structures").status_code == 405


def test_unknown_path_is_404_json(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.json()["detail"]


# --- without the extra, and the command ----------------------------------------------------------
def test_without_fastapi_create_app_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "fastapi", None)
    with pytest.raises(ImportError, match=r"pip install 'gesform\[server\]'"):
        create_app()


def test_serve_without_uvicorn_exits_1_naming_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    result = CliRunner().invoke(serve, [])
    assert result.exit_code == 1
    assert "pip install 'gesform[server]'" in result.output


def test_serve_runs_uvicorn_with_the_app(monkeypatch):
    calls = {}

    def fake_run(app, **kwargs):
        calls["app"], calls["kwargs"] = app, kwargs

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(serve, ["--port", "8123", "--engine", "python"])
    assert result.exit_code == 0, result.output
    assert isinstance(calls["app"], fastapi.FastAPI)
    assert calls["kwargs"]["host"] == "127.0.0.1" and calls["kwargs"]["port"] == 8123


def test_serve_with_workers_runs_the_factory_with_the_engine_in_the_environment(monkeypatch):
    calls = {}

    def fake_run(app, **kwargs):
        calls["app"], calls["kwargs"] = app, kwargs

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv(ENGINE_ENV, raising=False)
    result = CliRunner().invoke(serve, ["--workers", "2", "--engine", "python"])
    assert result.exit_code == 0, result.output
    assert calls["app"] == "gesform.service:create_app_from_env"
    assert calls["kwargs"]["factory"] is True and calls["kwargs"]["workers"] == 2
    assert os.environ[ENGINE_ENV] == "python"  # undone by monkeypatch.delenv above


def test_the_factory_reads_the_engine_and_refuses_an_unknown_one(monkeypatch):
    monkeypatch.setenv(ENGINE_ENV, "python")
    client = TestClient(create_app_from_env())
    assert client.post("/recommend", content=_body(BELFORT)).json()["engine"] == "python"
    monkeypatch.setenv(ENGINE_ENV, "drools")
    with pytest.raises(GesformError, match="GESFORM_ENGINE"):
        create_app_from_env()


def test_requests_are_served_first_come_first_served_by_one_engine_thread(app):
    """Concurrent requests all get the library's answer (one engine thread, in order)."""
    bodies = [_body(p) for p in EXAMPLES]

    async def main() -> list[str]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            responses = await asyncio.gather(
                *(http.post("/recommend", content=b) for b in bodies * 3)
            )
        return [r.text for r in responses]

    expected = [recommend(p).to_json() for p in EXAMPLES] * 3
    assert asyncio.run(main()) == expected


def test_the_app_outlives_its_lifespans():
    """A test client (or a server restart in-process) runs one lifespan per session."""
    app = create_app()
    expected = recommend(BELFORT).to_json()
    for _ in range(2):
        with TestClient(app) as client:
            assert client.post("/recommend", content=_body(BELFORT)).text == expected


def test_serve_help_is_french_with_examples():
    result = CliRunner().invoke(serve, ["--help"])
    assert result.exit_code == 0
    assert "Lance le service REST" in result.output and "Exemples" in result.output


# --- the real server -----------------------------------------------------------------------------
def test_real_server_on_a_free_loopback_port(app):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline, "le serveur n'a pas démarré / server did not start"
            time.sleep(0.02)
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30) as http:
            assert http.get("/health").json()["status"] == "ok"
            expected = recommend(BELFORT).to_json()
            body = _body(BELFORT)
            results: list[str] = []

            def call() -> None:
                results.append(http.post("/recommend", content=body).text)

            threads = [threading.Thread(target=call) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert results == [expected] * 4
            assert http.post("/explain/nope", content=body).status_code == 404
            assert http.post("/recommend", content=b"{bad").status_code == 422
            assert http.get("/recommend").status_code == 405
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
    assert not thread.is_alive()
