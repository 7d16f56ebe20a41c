"""The circuit breaker opens after consecutive failures, shares its state, and closes after a while."""

from __future__ import annotations

from chalicelib.services.circuit_breaker import CircuitBreaker
from tests.support.fake_store import FakeStore


class Clock:
    now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_opens_after_consecutive_failures_only() -> None:
    clock = Clock()
    breaker = CircuitBreaker("bedrock", None, failures=3, open_seconds=60, clock=clock)
    breaker.record_failure()
    breaker.record_failure()
    breaker.record_success()  # a success resets the count
    breaker.record_failure()
    breaker.record_failure()
    assert not breaker.is_open()
    breaker.record_failure()
    assert breaker.is_open()
    clock.now += 61
    assert not breaker.is_open()


def test_other_instances_see_it_open_through_the_shared_store() -> None:
    store, clock = FakeStore(), Clock()
    worker = CircuitBreaker("bedrock", store, failures=1, open_seconds=60, clock=clock)
    api = CircuitBreaker("bedrock", store, failures=1, open_seconds=60, clock=clock)
    worker.record_failure()
    assert api.is_open()
    assert store.ttls["circuit:bedrock"] == 60  # memcached forgets it when the pause ends


def test_store_outage_keeps_the_local_state() -> None:
    store, clock = FakeStore(), Clock()
    breaker = CircuitBreaker("bedrock", store, failures=1, open_seconds=60, clock=clock)
    store.down = True
    breaker.record_failure()
    assert breaker.is_open()
    other = CircuitBreaker("bedrock", store, failures=1, open_seconds=60, clock=clock)
    assert not other.is_open()  # cannot know: fails towards trying
