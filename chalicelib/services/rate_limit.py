"""Rate limits shared by every instance through the shared cache tier.

The estimate is a sliding window over two fixed windows (the previous one weighted by how much of it still
overlaps), so a burst at a window edge cannot pass twice the limit. When the shared tier is unreachable a
limiter falls back to a per-instance window with its own, conservative limit: the AI limit uses a small
fallback so a cache outage cannot let an unbounded number of model calls through.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from chalicelib.services.cache_ports import CacheUnavailable, SharedStore


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    used: float
    retry_after: int
    """Seconds until the window moves enough to admit one more."""
    shared: bool
    """False when the decision came from the per-instance fallback."""


class RateLimiter:
    def __init__(self, store: SharedStore | None, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._clock = clock
        self._local: dict[str, int] = {}
        self._lock = threading.Lock()

    def hit(self, name: str, limit: int, window: int, fallback_limit: int) -> Decision:
        """Count one use of `name` if it fits under `limit` per `window` seconds."""
        now = self._clock()
        slot = int(now // window)
        elapsed = (now % window) / window
        retry = max(1, int(window - now % window))
        if limit <= 0:
            return Decision(False, limit, 0, retry, True)
        if self._store is not None:
            try:
                return self._shared_hit(name, limit, window, slot, elapsed, retry)
            except CacheUnavailable:
                pass
        return self._local_hit(name, fallback_limit, slot, retry)

    def refund(self, name: str, window: int) -> None:
        """Give back one use counted in the current window (the call it allowed did not happen)."""
        slot = int(self._clock() // window)
        if self._store is not None:
            try:
                self._store.decr(f"rl:{name}:{slot}", 1)
                return
            except CacheUnavailable:
                pass
        with self._lock:
            key = f"{name}:{slot}"
            if self._local.get(key):
                self._local[key] -= 1

    def _shared_hit(self, name: str, limit: int, window: int, slot: int, elapsed: float, retry: int) -> Decision:
        assert self._store is not None
        current_key, previous_key = f"rl:{name}:{slot}", f"rl:{name}:{slot - 1}"
        current = self._store.incr(current_key, 1, ttl=2 * window + 5)
        previous_raw = self._store.get_many([previous_key]).get(previous_key)
        previous = int(previous_raw) if previous_raw and previous_raw.strip().isdigit() else 0
        used = previous * (1 - elapsed) + current
        if used > limit:
            self._store.decr(current_key, 1)  # a refused call must not use up the next caller's room
            return Decision(False, limit, used - 1, retry, True)
        return Decision(True, limit, used, 0, True)

    def _local_hit(self, name: str, limit: int, slot: int, retry: int) -> Decision:
        key = f"{name}:{slot}"
        with self._lock:
            for stale in [k for k in self._local if k.startswith(f"{name}:") and k != key]:
                del self._local[stale]
            used = self._local.get(key, 0)
            if used >= limit:
                return Decision(False, limit, used, retry, False)
            self._local[key] = used + 1
        return Decision(True, limit, used + 1, 0, False)
