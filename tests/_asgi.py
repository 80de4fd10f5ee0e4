"""The ASGI scope of a raw ``POST /recommend``, for the tests that drive the app by hand."""

from __future__ import annotations

from typing import Any


def post_recommend_scope(*headers: tuple[bytes, bytes]) -> dict[str, Any]:
    """An HTTP scope for ``POST /recommend`` with JSON content type and the extra *headers*."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/recommend",
        "raw_path": b"/recommend",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"test"), (b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
