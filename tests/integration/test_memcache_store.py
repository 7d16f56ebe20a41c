"""The memcached adapter against a real server: sharing, atomic counters, and outages."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from chalicelib.adapters.memcache_store import MemcacheStore
from chalicelib.services.cache_ports import CacheUnavailable
from chalicelib.services.cache_stats import CacheStats
from chalicelib.services.tiered_cache import CacheClass, TieredCache
from tests.support.memcached import MemcachedServer

CLASS = CacheClass("suggestions", ttl=60, l1_ttl=0, grace=30)


def store_for(server: MemcachedServer, dead_seconds: float = 0.5) -> MemcacheStore:
    # Generous timeouts: these tests are about behaviour, and a loaded CI machine must not turn them flaky.
    return MemcacheStore([(server.host, server.port)], timeout_s=0.5, dead_seconds=dead_seconds)


def eventually(check: object, attempts: int = 100) -> None:
    for _ in range(attempts):
        try:
            if check():  # type: ignore[operator]
                return
        except CacheUnavailable:
            pass
        time.sleep(0.05)
    raise AssertionError("condition never became true")


def test_two_clients_share_values_and_add_is_exclusive(memcached: MemcachedServer) -> None:
    a, b = store_for(memcached), store_for(memcached)
    assert a.set("k", b"v", 60)
    assert b.get_many(["k", "missing"]) == {"k": b"v"}
    assert a.add("lock", b"1", 60) is True
    assert b.add("lock", b"1", 60) is False
    b.delete("k")
    assert a.get_many(["k"]) == {}


def test_incr_creates_then_counts_atomically(memcached: MemcachedServer) -> None:
    stores = [store_for(memcached) for _ in range(4)]
    results: list[int] = []
    lock = threading.Lock()

    def bump(store: MemcacheStore) -> None:
        for _ in range(25):
            value = store.incr("counter", 1, 60)
            with lock:
                results.append(value)

    threads = [threading.Thread(target=bump, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # 100 increments from 4 clients: every value 1..100 handed out exactly once
    assert sorted(results) == list(range(1, 101))


def test_server_stopped_mid_run_then_restarted(memcached: MemcachedServer) -> None:
    # Given a working cache shared by the store
    store = store_for(memcached)
    cache = TieredCache(store, CacheStats())
    assert cache.get_or_compute(CLASS, "k", lambda: "db answer").source == "computed"
    # When memcached dies
    memcached.stop()
    # Then reads still answer (computed from the source), and the outage is reported
    assert cache.get_or_compute(CLASS, "other", lambda: "still served").value == "still served"
    with pytest.raises(CacheUnavailable):
        store.ping()
    assert cache.degraded_since is not None
    # When it comes back (empty), the store reconnects on its own
    memcached.start()
    eventually(store.ping)
    cache.put(CLASS, "k", "after restart")
    assert TieredCache(store, CacheStats()).get(CLASS, "k") == "after restart"
    assert cache.degraded_since is None


@pytest.fixture
def silent_server() -> Iterator[tuple[str, int]]:
    """Accepts connections and never answers: a hung node."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_hung_node_times_out_instead_of_blocking(silent_server: tuple[str, int]) -> None:
    # Given a node that accepts but never replies / When read / Then the read gives up (no hang)
    store = MemcacheStore([silent_server], timeout_s=0.05, dead_seconds=30)
    with pytest.raises(CacheUnavailable):
        store.get_many(["k"])
    # and the node is skipped afterwards rather than waited on again
    with pytest.raises(CacheUnavailable, match="down"):
        store.get_many(["k"])


def test_namespaces_keep_stages_apart(memcached: MemcachedServer) -> None:
    dev = MemcacheStore([(memcached.host, memcached.port)], timeout_s=0.5, namespace="cooking-dev")
    prod = MemcacheStore([(memcached.host, memcached.port)], timeout_s=0.5, namespace="cooking-prod")
    dev.set("versions:1.1:abc", b"dev", 60)
    assert prod.get_many(["versions:1.1:abc"]) == {}
    assert dev.get_many(["versions:1.1:abc"]) == {"versions:1.1:abc": b"dev"}
