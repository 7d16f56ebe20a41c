"""The shared cache tier as the services see it (memcached in every deployed stage)."""

from __future__ import annotations

from typing import Protocol


class CacheUnavailable(Exception):
    """The shared tier did not answer (down, slow, restarting): callers fail open."""


class SharedStore(Protocol):
    """Byte values with a TTL; every method raises CacheUnavailable rather than hang or crash."""

    max_value_bytes: int

    def get_many(self, keys: list[str]) -> dict[str, bytes]: ...

    def set(self, key: str, value: bytes, ttl: int) -> bool: ...

    def add(self, key: str, value: bytes, ttl: int) -> bool:
        """Store only if absent; True when this caller stored it (the basis of locks)."""
        ...

    def delete(self, key: str) -> None: ...

    def incr(self, key: str, delta: int, ttl: int) -> int:
        """Atomic counter, created at `delta` with `ttl` when missing; returns the new value."""
        ...

    def decr(self, key: str, delta: int) -> None: ...

    def ping(self) -> bool: ...
