"""What each request reports to CloudWatch once it is answered."""

from __future__ import annotations

import logging

from chalicelib.adapters.metrics import emit
from chalicelib.wiring import built

log = logging.getLogger(__name__)


def flush_metrics() -> None:
    """Emit cache counters gathered since the last flush; never lets a metrics problem fail a request."""
    svc = built()
    if svc is None:
        return
    try:
        for cache_class, counts in svc.cache.stats.drain().items():
            emit({"Stage": svc.settings.stage, "CacheClass": cache_class}, {k: float(v) for k, v in counts.items()})
    except Exception:  # metrics are best effort
        log.exception("could not emit metrics")
