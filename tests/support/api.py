"""Helpers for calling the app through chalice.test.Client."""

from __future__ import annotations

import json
from typing import Any


def call(client: Any, method: str, path: str, body: Any = None, token: str | None = None,
         raw: bytes | str | None = None) -> tuple[int, Any]:
    """(status, parsed JSON body) for one request; `raw` sends a body as-is."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
    response = getattr(client.http, method.lower())(path, headers=headers, body=payload)
    return response.status_code, json.loads(response.body) if response.body else None
