"""Load test of the REST service on loopback: requests/s, p50/p99 latency, errors, wrong answers.

Starts the real service (uvicorn, in a subprocess, on a free 127.0.0.1 port handed over as a
file descriptor), checks the JSON errors (413, 422, 404, 405), then runs a bounded load:
``--connections`` concurrent keep-alive connections for ``--seconds`` seconds, from a minimal
HTTP/1.1 client on asyncio streams in this process (httpx alone kept a core busy and
became the bottleneck on a 2-core machine). The mix: the bundled ``examples/*.yaml`` posted
as JSON to ``/recommend`` (most requests), ``/explain/{form}``, ``/health``, and a few bad bodies
(malformed JSON, unknown form). Every response must have its expected status; one
answer in ``--sample-every`` is compared byte for byte with the library's JSON
(a difference counts as a wrong answer). Only 127.0.0.1 is ever contacted. The figures
include the cores kept busy by the service and by the client.

    python benchmarks/load_service.py [--seconds 30] [--connections 50] [--workers 1] [--json]

Exit code 1 when there is any server error (5xx), wrong status, wrong answer or transport
error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from gesform import recommend
from gesform.service import MAX_BODY_BYTES

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Shot:
    """One kind of request and the status it must get."""

    name: str
    method: str
    path: str
    body: bytes | None
    expected_status: int
    expected_text: str | None = None  # the library's answer, for the sampled checks


@dataclass
class Tally:
    """What the load saw."""

    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    per_kind: Counter[str] = field(default_factory=Counter)
    wrong_status: int = 0
    wrong_answers: int = 0
    checked_answers: int = 0
    transport_errors: int = 0
    examples: list[str] = field(default_factory=list)  # first problems, for the report


def build_shots(engine: str | None = None) -> tuple[list[Shot], list[float]]:
    """The request mix and its weights; expected answers from the library with *engine*."""
    shots: list[Shot] = []
    weights: list[float] = []
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    for path in examples:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        rec = recommend(data, engine=engine)  # type: ignore[arg-type]
        shots.append(Shot(f"recommend {path.stem}", "POST", "/recommend", body, 200, rec.to_json()))
        weights.append(80 / len(examples))
        top = rec.top.structure_id
        shots.append(
            Shot(
                f"explain {path.stem}",
                "POST",
                f"/explain/{top}",
                body,
                200,
                rec[top].model_dump_json(indent=2),
            )
        )
        weights.append(8 / len(examples))
    shots += [
        Shot("health", "GET", "/health", None, 200),
        Shot("malformed JSON", "POST", "/recommend", b'{"members": [', 422),
        Shot("invalid profile", "POST", "/recommend", b'{"independence": "total"}', 422),
        Shot("unknown form", "POST", "/explain/nope", b"{}", 404),
    ]
    weights += [4, 3, 3, 2]
    return shots, weights


def error_checks(base: str) -> dict[str, dict[str, Any]]:
    """Oversize body → 413, malformed JSON → 422, unknown form → 404, wrong method → 405."""
    probes = {
        "oversize body": ("POST", "/recommend", b" " * (MAX_BODY_BYTES + 1), 413),
        "malformed JSON": ("POST", "/recommend", b"{bad", 422),
        "unknown form": ("POST", "/explain/nope", b"{}", 404),
        "wrong method": ("GET", "/recommend", None, 405),
    }
    out = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for name, (method, path, body, expected) in probes.items():
            response = client.request(method, path, content=body)
            try:
                json_body = bool(response.json()["detail"])
            except (ValueError, KeyError, TypeError):
                json_body = False
            json_type = response.headers.get("content-type", "").startswith("application/json")
            out[name] = {
                "expected": expected,
                "status": response.status_code,
                "json_body": json_body and json_type,
                "ok": response.status_code == expected and json_body and json_type,
            }
    return out


class RawConnection:
    """One keep-alive HTTP/1.1 connection on asyncio streams: a client light enough that the
    load generator does not take the service's core (httpx costs ~1 core at ~100 req/s)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        """Send one request, return (status, body); reconnects when the server closed."""
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        payload = body or b""
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        ).encode("ascii")
        self.writer.write(head + payload)
        await self.writer.drain()
        header = await self.reader.readuntil(b"\r\n\r\n")
        lines = header.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        fields = {
            k.strip().lower(): v.strip()
            for k, _, v in (line.partition(":") for line in lines[1:] if line)
        }
        content = await self.reader.readexactly(int(fields.get("content-length", "0")))
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return status, content

    async def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def _worker(
    connection: RawConnection,
    shots: list[Shot],
    weights: list[float],
    deadline: float,
    tally: Tally,
    seed: int,
    sample_every: int,
) -> None:
    rng = random.Random(seed)
    n = 0
    while time.perf_counter() < deadline:
        shot = rng.choices(shots, weights)[0]
        start = time.perf_counter()
        try:
            status, content = await connection.request(shot.method, shot.path, shot.body)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as e:
            tally.transport_errors += 1
            if len(tally.examples) < 5:
                tally.examples.append(f"{shot.name}: {type(e).__name__} {e}")
            await connection.close()
            continue
        tally.latencies_ms.append((time.perf_counter() - start) * 1e3)
        tally.statuses[status] += 1
        tally.per_kind[shot.name] += 1
        if status != shot.expected_status:
            tally.wrong_status += 1
            if len(tally.examples) < 5:
                tally.examples.append(f"{shot.name}: {status} {content[:200]!r}")
            continue
        n += 1
        if shot.expected_text is not None and n % sample_every == 0:
            tally.checked_answers += 1
            # Byte for byte: the service must send exactly the library's JSON.
            if content.decode("utf-8") != shot.expected_text:
                tally.wrong_answers += 1
                if len(tally.examples) < 5:
                    tally.examples.append(f"{shot.name}: réponse différente / wrong answer")


async def run_load(
    base: str, seconds: float, connections: int, sample_every: int, engine: str | None
) -> Tally:
    """*connections* workers, one keep-alive connection and one request at a time each, until
    *seconds* have passed."""
    shots, weights = build_shots(engine)
    tally = Tally()
    host, port = base.removeprefix("http://").rsplit(":", 1)
    pool = [RawConnection(host, int(port)) for _ in range(connections)]
    deadline = time.perf_counter() + seconds
    try:
        await asyncio.gather(
            *(
                _worker(conn, shots, weights, deadline, tally, seed, sample_every)
                for seed, conn in enumerate(pool)
            )
        )
    finally:
        for conn in pool:
            await conn.close()
    return tally


def start_server(engine: str | None, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    """The real service in uvicorn (``workers`` processes), on a free loopback port passed as a
    socket; the app comes from ``create_app_from_env``, as with ``gesform serve``."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    sock.listen(1024)
    port = sock.getsockname()[1]
    factory = "gesform.service:create_app_from_env"
    env = dict(os.environ)
    env.pop("GESFORM_ENGINE", None)
    if engine:
        env["GESFORM_ENGINE"] = engine
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            factory,
            "--fd",
            str(sock.fileno()),
            "--log-level",
            "warning",
            "--no-access-log",
            "--backlog",
            "1024",
            "--workers",
            str(workers),
        ],
        pass_fds=[sock.fileno()],
        cwd=ROOT,
        env=env,
    )
    sock.close()  # the child holds its own copy
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise SystemExit("le service n'a pas démarré / the service did not start")
        time.sleep(0.2)


def _process_tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by *pid* and its child processes (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pending.extend(int(c) for c in children)
        except (OSError, IndexError, ValueError):
            continue
    return total


def percentile(values: list[float], q: float) -> float:
    """The *q*-th percentile (0–100) by nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def main() -> None:
    """Start the service, check its errors, load it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0, help="durée de la charge (s)")
    parser.add_argument("--connections", type=int, default=50, help="connexions simultanées")
    parser.add_argument(
        "--sample-every", type=int, default=10, help="comparer une réponse sur N à la bibliothèque"
    )
    parser.add_argument("--engine", choices=["durable", "python"], default=None)
    parser.add_argument(
        "--workers", type=int, default=1, help="processus du service (gesform serve --workers)"
    )
    parser.add_argument("--json", action="store_true", help="un seul objet JSON")
    args = parser.parse_args()
    if not 0 < args.seconds <= 600 or not 0 < args.connections <= 500:
        parser.error("--seconds dans ]0, 600], --connections dans ]0, 500]")

    proc, base = start_server(args.engine, args.workers)
    try:
        checks = error_checks(base)
        server_cpu_before = _process_tree_cpu_s(proc.pid)
        client_cpu_before = time.process_time()
        start = time.perf_counter()
        tally = asyncio.run(
            run_load(base, args.seconds, args.connections, args.sample_every, args.engine)
        )
        elapsed = time.perf_counter() - start
        client_cpu = time.process_time() - client_cpu_before
        server_cpu = _process_tree_cpu_s(proc.pid) - server_cpu_before
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    lat = tally.latencies_ms
    server_errors = sum(n for status, n in tally.statuses.items() if status >= 500)
    result = {
        "seconds": round(elapsed, 1),
        "connections": args.connections,
        "workers": args.workers,
        "requests": len(lat),
        "requests_per_s": round(len(lat) / elapsed, 1),
        "latency_ms": {
            "p50": round(percentile(lat, 50), 1),
            "p90": round(percentile(lat, 90), 1),
            "p99": round(percentile(lat, 99), 1),
            "max": round(max(lat), 1) if lat else None,
            "mean": round(statistics.fmean(lat), 1) if lat else None,
        },
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "server_errors": server_errors,
        "wrong_status": tally.wrong_status,
        "transport_errors": tally.transport_errors,
        "answers_checked": tally.checked_answers,
        "wrong_answers": tally.wrong_answers,
        "error_checks": checks,
        "problems": tally.examples,
        "cpu_count": os.cpu_count(),
        # Cores kept busy during the load: the service (all its processes) and this client.
        "server_cores_busy": round(server_cpu / elapsed, 2),
        "client_cores_busy": round(client_cpu / elapsed, 2),
    }
    ok = (
        server_errors == 0
        and tally.wrong_status == 0
        and tally.wrong_answers == 0
        and tally.transport_errors == 0
        and all(c["ok"] for c in checks.values())
    )
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        print(
            f"{result['requests']} requêtes en {result['seconds']} s, {args.connections} "
            f"connexions : {result['requests_per_s']} req/s"
        )
        lm = result["latency_ms"]
        print(
            f"latence p50 {lm['p50']} ms, p90 {lm['p90']} ms, p99 {lm['p99']} ms, max {lm['max']}"
        )
        print(f"statuts {result['statuses']}")
        print(
            f"cœurs occupés : service {result['server_cores_busy']}, "
            f"client {result['client_cores_busy']} (sur {result['cpu_count']})"
        )
        print(
            f"erreurs serveur (5xx) {server_errors}, mauvais statut {tally.wrong_status}, "
            f"erreurs de transport {tally.transport_errors}, réponses comparées "
            f"{tally.checked_answers}, réponses fausses {tally.wrong_answers}"
        )
        for name, c in checks.items():
            mark = "ok" if c["ok"] else "ÉCHEC"
            print(
                f"  {name}: {c['status']} (attendu {c['expected']}, JSON {c['json_body']}) {mark}"
            )
        for problem in tally.examples:
            print(f"  ! {problem}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
