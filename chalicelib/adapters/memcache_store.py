"""memcached through pymemcache's HashClient: short timeouts, and a node that fails is skipped for a while."""

from __future__ import annotations

import socket
from typing import Any

from pymemcache.client.hash import HashClient
from pymemcache.exceptions import MemcacheError

from chalicelib.services.cache_ports import CacheUnavailable

# memcached's default item limit is 1 MB; keep a margin for the key and item header.
MAX_VALUE_BYTES = 1024 * 1024 - 1024
_ERRORS = (OSError, socket.timeout, MemcacheError)


class MemcacheStore:
    """A SharedStore over one or more memcached nodes (an ElastiCache cluster's node endpoints).

    A node that fails (refused, reset, timed out) is taken out of rotation at once and tried again after
    `dead_seconds`, so an outage costs at most one timeout per node per window, not one per request.
    """

    max_value_bytes = MAX_VALUE_BYTES

    def __init__(self, servers: list[tuple[str, int]], timeout_s: float, dead_seconds: float = 2.0,
                 namespace: str = "") -> None:
        # The namespace (the stage's table name) keeps stages that share a cluster from reading each other.
        self._client = HashClient(
            servers, connect_timeout=timeout_s, timeout=timeout_s, use_pooling=True, max_pool_size=16,
            retry_attempts=0, dead_timeout=dead_seconds, ignore_exc=False, default_noreply=False,
            no_delay=True, key_prefix=f"{namespace}:".encode() if namespace else b"",
        )

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(self._client, name)(*args, **kwargs)
        except _ERRORS as exc:
            raise CacheUnavailable(f"memcached {name}: {type(exc).__name__}: {exc}") from exc

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        if not keys:
            return {}
        return dict(self._call("get_many", keys))

    def set(self, key: str, value: bytes, ttl: int) -> bool:
        return bool(self._call("set", key, value, expire=ttl, noreply=False))

    def add(self, key: str, value: bytes, ttl: int) -> bool:
        return bool(self._call("add", key, value, expire=ttl, noreply=False))

    def delete(self, key: str) -> None:
        self._call("delete", key, noreply=False)

    def incr(self, key: str, delta: int, ttl: int) -> int:
        value = self._call("incr", key, delta, noreply=False)
        if value is None:
            # Missing: create it; if another caller created it first, increment theirs.
            if self._call("add", key, str(delta).encode(), expire=ttl, noreply=False):
                return delta
            value = self._call("incr", key, delta, noreply=False)
        return int(value or 0)

    def decr(self, key: str, delta: int) -> None:
        self._call("decr", key, delta, noreply=False)

    def ping(self) -> bool:
        self._call("get", "health:ping")
        return True
