"""GET /health: is the table reachable, is the cache; never fails because the cache is down."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api.errors import JSON_HEADERS
from chalicelib.api.routing import route
from chalicelib.services.health import check
from chalicelib.wiring import services

health_blueprint = Blueprint(__name__)


@route(health_blueprint, "/health")
def health() -> Response:
    report: dict[str, Any] = check(services())
    status = 200 if report["status"] != "down" else 503
    return Response(body=report, status_code=status, headers=JSON_HEADERS)
