"""Admin routes (admin group only): cache statistics."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api.routing import route
from chalicelib.wiring import services

admin_blueprint = Blueprint(__name__)


@route(admin_blueprint, "/admin/cache/stats", access="admin")
def cache_stats() -> dict[str, Any]:
    """Hit/miss counters per cache class for the instance that answers (CloudWatch has the fleet's sum)."""
    svc = services()
    return {
        "scope": "instance",
        "shared_tier": "disabled" if svc.store is None else
                       ("degraded" if svc.cache.degraded_since is not None else "ok"),
        "classes": svc.cache.stats.snapshot(),
        "ttl_seconds": {name: getattr(svc.classes, name).ttl for name in svc.classes.__dataclass_fields__},
    }
