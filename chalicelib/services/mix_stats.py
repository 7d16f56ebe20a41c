"""Daily counters of the mix (requests, DB coverage, AI share, approvals) and the report built from them."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.services.suggestion_ports import StatsRepository

log = logging.getLogger(__name__)


def day_of(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


class MixStats:
    def __init__(self, repository: StatsRepository, clock: Callable[[], float] = time.time) -> None:
        self._repository = repository
        self._clock = clock

    def record(self, **counters: int) -> None:
        """Add to today's counters. Statistics never fail a request: a lost update is logged as an error."""
        try:
            self._repository.add(day_of(self._clock()), counters)
        except Exception:  # whatever went wrong, the user's request must still succeed
            log.exception("could not record mix statistics %s", counters)

    def report(self, days: int) -> list[dict[str, Any]]:
        """One row per day, newest first: AI share, DB coverage, approval rate, AI calls and failures."""
        today = datetime.fromtimestamp(self._clock(), UTC).date()
        names = [(today - timedelta(days=n)).isoformat() for n in range(days)]
        totals = self._repository.read(names)
        return [_row(day, totals.get(day, {})) for day in names]


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _row(day: str, c: dict[str, int]) -> dict[str, Any]:
    served_ai, served_db = c.get("ai_recipes_served", 0), c.get("db_recipes_served", 0)
    requests = c.get("requests", 0)
    return {
        "day": day,
        "requests": requests,
        "ai_share": _ratio(served_ai, served_ai + served_db),
        "db_coverage": _ratio(c.get("db_only", 0), requests),
        "approval_rate": _ratio(c.get("approved", 0), c.get("generated", 0)),
        "ai_calls": c.get("ai_calls", 0),
        "ai_throttled": c.get("ai_throttled", 0) + c.get("limited", 0),
        "ai_failed": c.get("ai_failed", 0),
        "quota_exceeded": c.get("quota_exceeded", 0),
        "served": {"db": served_db, "ai": served_ai},
        "generated": c.get("generated", 0),
        "approved": c.get("approved", 0),
        "rejected": c.get("rejected", 0),
        "promoted": c.get("promoted", 0),
    }
