"""Two cache tiers: a bounded in-process TTL cache (L1) over a shared memcached tier (L2), failing open.

Values are JSON-able data wrapped in an envelope {"v": schema, "exp": soft expiry, "d": data}. A value
past its soft expiry but still within the class's grace period is *stale*: one caller (holding a lock
taken with `add`) recomputes it while the others are served the stale value, so a hot entry expiring
does not send every caller to the database or the model at once.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cachetools import TTLCache

from chalicelib.services.cache_keys import SCHEMA_VERSION, cache_key
from chalicelib.services.cache_ports import CacheUnavailable, SharedStore
from chalicelib.services.cache_stats import CacheStats

log = logging.getLogger(__name__)
_MISSING = object()


@dataclass(frozen=True)
class CacheClass:
    """One kind of cached thing and how long each tier may keep it."""

    name: str
    ttl: int
    """Seconds a value is fresh in the shared tier."""
    l1_ttl: int
    """Seconds a value may be served from one instance's memory (short where writes invalidate)."""
    l1_size: int = 1024
    version: str = "1"
    """Part of every key: bumping it (a prompt or format change) retires old entries without a flush."""
    grace: int = 0
    """Seconds past `ttl` a stale value may be served while one caller refreshes it (0: no stampede guard)."""
    check: Callable[[Any], bool] = lambda value: True
    """Whether a value read back has the shape callers expect; anything else is a corrupt entry (a miss)."""


@dataclass(frozen=True)
class Lookup:
    value: Any
    source: str
    """l1, l2, stale, computed or none."""


class TieredCache:
    def __init__(self, store: SharedStore | None, stats: CacheStats, clock: Callable[[], float] = time.time,
                 lock_seconds: int = 30, wait_seconds: float = 0.25) -> None:
        self.store = store
        self.stats = stats
        self._clock = clock
        self._lock_seconds = lock_seconds
        self._wait_seconds = wait_seconds
        self._l1: dict[str, TTLCache[str, tuple[float, Any]]] = {}
        self._l1_lock = threading.Lock()
        self.degraded_since: float | None = None

    # -- keys and tiers -------------------------------------------------------------------------------
    def key(self, cls: CacheClass, parts: Any) -> str:
        return cache_key(cls.name, cls.version, parts)

    def _l1_get(self, cls: CacheClass, key: str) -> Any:
        with self._l1_lock:
            entry = self._memory_unlocked(cls).get(key)
        if entry is not None and entry[0] > self._clock():
            return entry[1]
        return _MISSING

    def _memory_unlocked(self, cls: CacheClass) -> TTLCache[str, tuple[float, Any]]:
        cache = self._l1.get(cls.name)
        if cache is None:
            cache = self._l1[cls.name] = TTLCache(maxsize=cls.l1_size, ttl=cls.l1_ttl, timer=self._clock)
        return cache

    def _l1_put(self, cls: CacheClass, key: str, expires: float, value: Any) -> None:
        with self._l1_lock:
            self._memory_unlocked(cls)[key] = (expires, value)

    def _shared(self, action: Callable[[SharedStore], Any], cls: CacheClass) -> Any:
        """Run one shared-tier call; on failure count it, mark degraded and return _MISSING."""
        if self.store is None:
            return _MISSING
        try:
            result = action(self.store)
        except CacheUnavailable as exc:
            self.stats.count(cls.name, "errors")
            if self.degraded_since is None:
                self.degraded_since = self._clock()
                log.warning("shared cache unavailable; serving from memory and the database: %s", exc)
            return _MISSING
        self.degraded_since = None
        return result

    def _decode(self, cls: CacheClass, raw: bytes) -> tuple[float, Any] | None:
        try:
            envelope = json.loads(raw)
            if envelope["v"] != SCHEMA_VERSION or not cls.check(envelope["d"]):
                raise ValueError("old schema or unexpected shape")
            return float(envelope["exp"]), envelope["d"]
        except (ValueError, KeyError, TypeError, AttributeError):
            self.stats.count(cls.name, "corrupt")
            return None

    def _read_shared(self, cls: CacheClass, keys: list[str]) -> dict[str, tuple[float, Any]]:
        raw = self._shared(lambda s: s.get_many(keys), cls)
        if raw is _MISSING:
            return {}
        out = {}
        for key, value in raw.items():
            decoded = self._decode(cls, value)
            if decoded is not None:
                out[key] = decoded
        return out

    # -- public API -----------------------------------------------------------------------------------
    def get_many(self, cls: CacheClass, keyed_parts: dict[str, Any]) -> dict[str, Any]:
        """Fresh values for many entries in one shared-tier round trip; `keyed_parts` maps a label to parts."""
        found: dict[str, Any] = {}
        wanted: dict[str, str] = {}
        for label, parts in keyed_parts.items():
            key = self.key(cls, parts)
            value = self._l1_get(cls, key)
            if value is _MISSING:
                wanted[key] = label
            else:
                found[label] = value
                self.stats.count(cls.name, "l1_hits")
        now = self._clock()
        for key, (expires, value) in self._read_shared(cls, list(wanted)).items() if wanted else ():
            if expires > now:
                found[wanted.pop(key)] = value
                self._l1_put(cls, key, expires, value)
                self.stats.count(cls.name, "l2_hits")
        self.stats.count(cls.name, "misses", len(wanted))
        return found

    def get(self, cls: CacheClass, parts: Any) -> Any | None:
        return self.get_many(cls, {"_": parts}).get("_")

    def put(self, cls: CacheClass, parts: Any, value: Any) -> None:
        self._put_key(cls, self.key(cls, parts), value)

    def _put_key(self, cls: CacheClass, key: str, value: Any) -> None:
        expires = self._clock() + cls.ttl
        self._l1_put(cls, key, expires, value)
        raw = json.dumps({"v": SCHEMA_VERSION, "exp": expires, "d": value}, separators=(",", ":"),
                         ensure_ascii=False).encode()
        if self.store is not None and len(raw) > self.store.max_value_bytes:
            self.stats.count(cls.name, "oversize")
            return
        if self._shared(lambda s: s.set(key, raw, cls.ttl + cls.grace), cls) is not _MISSING:
            self.stats.count(cls.name, "sets")

    def invalidate(self, cls: CacheClass, parts: Any) -> None:
        """Drop an entry a write made stale, from this instance's memory and from the shared tier."""
        key = self.key(cls, parts)
        with self._l1_lock:
            self._memory_unlocked(cls).pop(key, None)
        self._shared(lambda s: s.delete(key), cls)

    def get_or_compute(self, cls: CacheClass, parts: Any, compute: Callable[[], Any]) -> Lookup:
        """The cached value, or `compute()` stored for next time; one caller recomputes a hot stale entry."""
        key = self.key(cls, parts)
        value = self._l1_get(cls, key)
        if value is not _MISSING:
            self.stats.count(cls.name, "l1_hits")
            return Lookup(value, "l1")
        entry = self._read_shared(cls, [key]).get(key)
        if entry is not None and entry[0] > self._clock():
            self._l1_put(cls, key, entry[0], entry[1])
            self.stats.count(cls.name, "l2_hits")
            return Lookup(entry[1], "l2")
        lock = self._shared(lambda s: s.add(f"{key}:lock", b"1", self._lock_seconds), cls)
        if lock is False:  # someone else is computing it
            if entry is not None:
                self.stats.count(cls.name, "stale_served")
                return Lookup(entry[1], "stale")
            waited = self._wait_for(cls, key)
            if waited is not _MISSING:
                return Lookup(waited, "l2")
        self.stats.count(cls.name, "misses")
        try:
            value = compute()
            self._put_key(cls, key, value)
        finally:
            if lock is True:
                self._shared(lambda s: s.delete(f"{key}:lock"), cls)
        return Lookup(value, "computed")

    def _wait_for(self, cls: CacheClass, key: str) -> Any:
        """Poll briefly for the value another caller is computing; _MISSING if it does not arrive."""
        deadline = time.monotonic() + self._wait_seconds
        self.stats.count(cls.name, "waits")
        while time.monotonic() < deadline:
            time.sleep(0.02)
            entry = self._read_shared(cls, [key]).get(key)
            if entry is not None and entry[0] > self._clock():
                self._l1_put(cls, key, entry[0], entry[1])
                self.stats.count(cls.name, "l2_hits")
                return entry[1]
        return _MISSING
