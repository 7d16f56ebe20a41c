"""Hit/miss counters per cache class, readable at an admin route and emitted as CloudWatch metrics."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

EVENTS = ("l1_hits", "l2_hits", "misses", "stale_served", "errors", "oversize", "corrupt", "sets", "waits")


class CacheStats:
    """Counters since this instance started, plus the part not yet emitted as metrics."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._total: dict[str, Counter[str]] = {}
        self._pending: dict[str, Counter[str]] = {}

    def count(self, cache_class: str, event: str, n: int = 1) -> None:
        with self._lock:
            self._total.setdefault(cache_class, Counter())[event] += n
            self._pending.setdefault(cache_class, Counter())[event] += n

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """Totals per class with the hit rate ((L1 + L2 hits) / lookups)."""
        with self._lock:
            return {name: summarize(counts) for name, counts in sorted(self._total.items())}

    def drain(self) -> dict[str, dict[str, int]]:
        """Counts since the last drain (what the next metrics line reports)."""
        with self._lock:
            pending, self._pending = self._pending, {}
        return {name: dict(counts) for name, counts in pending.items() if counts}


def summarize(counts: Counter[str]) -> dict[str, Any]:
    hits = counts["l1_hits"] + counts["l2_hits"] + counts["stale_served"]
    lookups = hits + counts["misses"]
    return {**{e: counts[e] for e in EVENTS}, "lookups": lookups,
            "hit_rate": round(hits / lookups, 4) if lookups else None}
