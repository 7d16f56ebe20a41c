"""Health of the parts a request depends on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalicelib.services.cache_ports import CacheUnavailable

if TYPE_CHECKING:
    from chalicelib.wiring import Services


def check(svc: Services) -> dict[str, Any]:
    """`ok`, `degraded` (cache down: requests still served) or `down` (table unreachable)."""
    components: dict[str, Any] = {}
    try:
        components["table"] = {"status": "ok" if svc.repository.ping() == "ACTIVE" else "down"}
    except Exception as exc:  # whatever stops us reaching the table, the answer is "down"
        components["table"] = {"status": "down", "reason": type(exc).__name__}
    if svc.store is None:
        components["cache"] = {"status": "disabled", "detail": "in-process cache only"}
    else:
        try:
            svc.store.ping()
            components["cache"] = {"status": "ok", "nodes": len(svc.settings.memcached_servers)}
        except CacheUnavailable as exc:
            components["cache"] = {"status": "down", "reason": str(exc)[:200]}
    if components["table"]["status"] != "ok":
        status = "down"
    elif components["cache"]["status"] == "down":
        status = "degraded"
    else:
        status = "ok"
    return {"status": status, "stage": svc.settings.stage, "components": components}
