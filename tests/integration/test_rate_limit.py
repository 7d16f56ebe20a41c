"""Shared rate limits through a real memcached: two clients, one limit."""

from __future__ import annotations

from chalicelib.adapters.memcache_store import MemcacheStore
from chalicelib.services.rate_limit import RateLimiter
from tests.support.memcached import MemcachedServer


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def limiter(server: MemcachedServer, clock: Clock) -> RateLimiter:
    return RateLimiter(MemcacheStore([(server.host, server.port)], timeout_s=0.5, dead_seconds=0.2), clock)


def test_two_instances_share_one_limit(memcached: MemcachedServer) -> None:
    # Given two instances with their own clients, and a limit of 5 per minute
    clock = Clock(60_000.0)  # the start of a window
    a, b = limiter(memcached, clock), limiter(memcached, clock)
    # When they take turns / Then only 5 calls pass in total
    allowed = [(a if n % 2 else b).hit("ai", 5, 60, fallback_limit=1).allowed for n in range(10)]
    assert allowed.count(True) == 5
    assert allowed[:5] == [True] * 5
    refused = a.hit("ai", 5, 60, fallback_limit=1)
    assert not refused.allowed and refused.shared and refused.retry_after == 60


def test_window_slides_and_resets(memcached: MemcachedServer) -> None:
    clock = Clock(120_000.0)
    a = limiter(memcached, clock)
    assert all(a.hit("ai", 4, 60, 1).allowed for _ in range(4))
    assert not a.hit("ai", 4, 60, 1).allowed
    # Half-way through the next window, half of the previous window still counts: 2 more fit
    clock.now += 90
    assert [a.hit("ai", 4, 60, 1).allowed for _ in range(3)] == [True, True, False]
    # Two windows later the old counts no longer matter
    clock.now += 120
    assert all(a.hit("ai", 4, 60, 1).allowed for _ in range(4))


def test_quotas_are_per_user(memcached: MemcachedServer) -> None:
    clock = Clock(86_400.0 * 100)
    a = limiter(memcached, clock)
    assert [a.hit("quota:alice", 2, 86_400, 2).allowed for _ in range(3)] == [True, True, False]
    assert a.hit("quota:bob", 2, 86_400, 2).allowed


def test_memcached_down_falls_back_to_a_conservative_local_limit(memcached: MemcachedServer) -> None:
    clock = Clock(180_000.0)
    a = limiter(memcached, clock)
    memcached.stop()
    # The shared limit is 200/min, but this instance may only make 3 calls while it cannot count globally
    decisions = [a.hit("ai", 200, 60, fallback_limit=3) for _ in range(5)]
    assert [d.allowed for d in decisions] == [True, True, True, False, False]
    assert not any(d.shared for d in decisions)


def test_a_refunded_use_frees_its_room(memcached: MemcachedServer) -> None:
    # Given a user whose only daily AI call was counted but never made (the model was busy)
    clock = Clock(86_400.0 * 200)
    a = limiter(memcached, clock)
    assert a.hit("quota:alice", 1, 86_400, 1).allowed
    assert not a.hit("quota:alice", 1, 86_400, 1).allowed
    # When it is refunded / Then the allowance is there again, and only once
    a.refund("quota:alice", 86_400)
    assert a.hit("quota:alice", 1, 86_400, 1).allowed
    assert not a.hit("quota:alice", 1, 86_400, 1).allowed


def test_refund_without_memcached_uses_the_local_window(memcached: MemcachedServer) -> None:
    clock = Clock(86_400.0 * 300)
    a = limiter(memcached, clock)
    memcached.stop()
    assert a.hit("quota:bob", 1, 86_400, 1).allowed
    a.refund("quota:bob", 86_400)
    assert a.hit("quota:bob", 1, 86_400, 1).allowed
