"""Admin routes (admin group only): cache statistics and the DB/AI mix."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict, Field

from chalicelib.api.routing import parse_query, route
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


class MixQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    days: int = Field(default=7, ge=1, le=90)


@route(admin_blueprint, "/admin/stats/mix", access="admin")
def mix_stats() -> dict[str, Any]:
    """Per day: AI share of served recipes, DB coverage, approval rate, AI calls, throttled and failed calls."""
    query = parse_query(admin_blueprint, MixQuery)
    return {"days": services().stats.report(query.days)}
