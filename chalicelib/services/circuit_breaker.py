"""Stop calling a failing model for a while, and tell every instance so through the shared cache."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from chalicelib.services.cache_ports import CacheUnavailable, SharedStore


class CircuitBreaker:
    """Opens after `failures` consecutive failures, for `open_seconds`.

    The open state is also written to the shared cache, so the API instances (which do not call the model
    themselves) can report `unavailable` at once instead of queueing work that would fail.
    """

    def __init__(self, name: str, store: SharedStore | None, failures: int, open_seconds: int,
                 clock: Callable[[], float] = time.time) -> None:
        self._key = f"circuit:{name}"
        self._store = store
        self._threshold = failures
        self._open_seconds = open_seconds
        self._clock = clock
        self._consecutive = 0
        self._open_until = 0.0
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        if self._clock() < self._open_until:
            return True
        if self._store is None:
            return False
        try:
            return bool(self._store.get_many([self._key]))
        except CacheUnavailable:
            return False

    def record_success(self) -> None:
        with self._lock:
            self._consecutive = 0

    def record_failure(self) -> None:
        with self._lock:
            self._consecutive += 1
            if self._consecutive < self._threshold:
                return
            self._consecutive = 0
            self._open_until = self._clock() + self._open_seconds
        if self._store is not None:
            with contextlib.suppress(CacheUnavailable):  # this instance still stays open on its own
                self._store.set(self._key, b"open", self._open_seconds)
