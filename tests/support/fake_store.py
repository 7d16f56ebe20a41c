"""An in-memory SharedStore for unit tests, with a switch that makes it fail like a dead memcached."""

from __future__ import annotations

from chalicelib.services.cache_ports import CacheUnavailable


class FakeStore:
    max_value_bytes = 4096

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}
        self.ttls: dict[str, int] = {}
        self.down = False
        self.calls = 0

    def _check(self) -> None:
        self.calls += 1
        if self.down:
            raise CacheUnavailable("fake store is down")

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        self._check()
        return {k: self.data[k] for k in keys if k in self.data}

    def set(self, key: str, value: bytes, ttl: int) -> bool:
        self._check()
        self.data[key], self.ttls[key] = value, ttl
        return True

    def add(self, key: str, value: bytes, ttl: int) -> bool:
        self._check()
        if key in self.data:
            return False
        self.data[key], self.ttls[key] = value, ttl
        return True

    def delete(self, key: str) -> None:
        self._check()
        self.data.pop(key, None)

    def incr(self, key: str, delta: int, ttl: int) -> int:
        self._check()
        value = int(self.data.get(key, b"0")) + delta
        self.data[key] = str(value).encode()
        return value

    def decr(self, key: str, delta: int) -> None:
        self._check()
        self.data[key] = str(max(0, int(self.data.get(key, b"0")) - delta)).encode()

    def ping(self) -> bool:
        self._check()
        return True
