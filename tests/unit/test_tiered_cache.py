"""Two-tier cache behaviour with an in-memory shared tier and a controllable clock."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.services.cache_keys import cache_key
from chalicelib.services.cache_stats import CacheStats
from chalicelib.services.tiered_cache import CacheClass, TieredCache
from tests.support.fake_store import FakeStore

RECIPES = CacheClass("suggestions", ttl=100, l1_ttl=10, grace=50)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


def instance(store: FakeStore | None, clock: Clock) -> TieredCache:
    return TieredCache(store, CacheStats(), clock=clock, wait_seconds=0.05)


def test_second_instance_hits_the_shared_tier(store: FakeStore, clock: Clock) -> None:
    # Given one instance stored a value
    first, second = instance(store, clock), instance(store, clock)
    first.put(RECIPES, ["egg", "tomato"], {"recipes": [1, 2]})
    # When another instance (empty memory) asks / Then it is an L2 hit, then an L1 hit
    assert second.get_or_compute(RECIPES, ["egg", "tomato"], lambda: pytest.fail("recomputed")).source == "l2"
    assert second.get_or_compute(RECIPES, ["egg", "tomato"], lambda: pytest.fail("recomputed")).source == "l1"
    assert second.stats.snapshot()["suggestions"]["hit_rate"] == 1.0


def test_entry_expires_after_its_ttl(store: FakeStore, clock: Clock) -> None:
    cache = instance(store, clock)
    cache.put(RECIPES, "k", 1)
    clock.now += RECIPES.ttl + RECIPES.grace + 1
    store.data.clear()  # memcached dropped it at ttl + grace
    assert cache.get_or_compute(RECIPES, "k", lambda: 2) .value == 2


def test_corrupt_or_old_schema_values_are_misses(store: FakeStore, clock: Clock) -> None:
    cache = instance(store, clock)
    key = cache.key(RECIPES, "k")
    store.data[key] = b"\x80not json"
    assert cache.get_or_compute(RECIPES, "k", lambda: "fresh").value == "fresh"
    other = instance(store, clock)
    store.data[key] = json.dumps({"v": "0", "exp": clock.now + 50, "d": "old"}).encode()
    assert other.get(RECIPES, "k") is None
    assert cache.stats.snapshot()["suggestions"]["corrupt"] == 1
    assert other.stats.snapshot()["suggestions"]["corrupt"] == 1


def test_oversized_values_stay_out_of_the_shared_tier(store: FakeStore, clock: Clock) -> None:
    cache = instance(store, clock)
    cache.put(RECIPES, "big", "x" * 10_000)
    assert store.data == {}
    assert cache.stats.snapshot()["suggestions"]["oversize"] == 1
    assert cache.get(RECIPES, "big") == "x" * 10_000  # still in this instance's memory


def test_invalidate_removes_both_tiers(store: FakeStore, clock: Clock) -> None:
    cache = instance(store, clock)
    cache.put(RECIPES, "k", 1)
    cache.invalidate(RECIPES, "k")
    assert cache.get(RECIPES, "k") is None
    assert store.data == {}


def test_stale_value_served_while_another_caller_refreshes(store: FakeStore, clock: Clock) -> None:
    # Given a hot entry past its TTL but within grace, and a refresh lock held by another caller
    writer, reader = instance(store, clock), instance(store, clock)
    writer.put(RECIPES, "hot", "old")
    clock.now += RECIPES.ttl + 1
    store.add(reader.key(RECIPES, "hot") + ":lock", b"1", 30)
    # When a second caller asks / Then it gets the stale value and does not recompute
    lookup = reader.get_or_compute(RECIPES, "hot", lambda: pytest.fail("stampede"))
    assert (lookup.value, lookup.source) == ("old", "stale")


def test_lock_holder_recomputes_stale_value_and_releases_lock(store: FakeStore, clock: Clock) -> None:
    cache = instance(store, clock)
    cache.put(RECIPES, "hot", "old")
    clock.now += RECIPES.ttl + 1
    other = instance(store, clock)
    assert other.get_or_compute(RECIPES, "hot", lambda: "new").value == "new"
    assert not any(k.endswith(":lock") for k in store.data)
    assert instance(store, clock).get(RECIPES, "hot") == "new"


def test_missing_entry_with_lock_held_computes_after_a_short_wait(store: FakeStore, clock: Clock) -> None:
    cache = instance(store, clock)
    store.add(cache.key(RECIPES, "cold") + ":lock", b"1", 30)
    assert cache.get_or_compute(RECIPES, "cold", lambda: "computed").value == "computed"
    assert cache.stats.snapshot()["suggestions"]["waits"] == 1


def test_shared_tier_down_fails_open(store: FakeStore, clock: Clock) -> None:
    # Given the shared tier is unreachable
    cache = instance(store, clock)
    store.down = True
    # When values are read and written / Then callers still get answers, and the outage is visible
    assert cache.get_or_compute(RECIPES, "k", lambda: 7).value == 7
    assert cache.get_or_compute(RECIPES, "k", lambda: pytest.fail("L1 should answer")).source == "l1"
    assert cache.degraded_since is not None
    assert cache.stats.snapshot()["suggestions"]["errors"] >= 2
    store.down = False
    cache.put(RECIPES, "k2", 1)
    assert cache.degraded_since is None


def test_without_shared_tier_memory_still_caches(clock: Clock) -> None:
    cache = instance(None, clock)
    assert cache.get_or_compute(RECIPES, "k", lambda: 1).source == "computed"
    assert cache.get_or_compute(RECIPES, "k", lambda: 2).value == 1
    clock.now += RECIPES.l1_ttl + 1
    assert cache.get_or_compute(RECIPES, "k", lambda: 2).value == 2


def test_get_many_reads_shared_tier_once(store: FakeStore, clock: Clock) -> None:
    instance(store, clock).put(RECIPES, "a", 1)
    cache = instance(store, clock)
    store.calls = 0
    found = cache.get_many(RECIPES, {"x": "a", "y": "b"})
    assert found == {"x": 1}
    assert store.calls == 1


def test_version_bump_retires_old_entries(store: FakeStore, clock: Clock) -> None:
    cache = instance(store, clock)
    cache.put(RECIPES, "k", "v1 answer")
    bumped = CacheClass("suggestions", ttl=100, l1_ttl=10, version="2")
    assert cache.get(bumped, "k") is None


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(), lambda inner: st.lists(inner)
                    | st.dictionaries(st.text(), inner), max_leaves=30))
def test_keys_are_short_ascii_and_spaceless(parts: object) -> None:
    key = cache_key("suggestions", "1", parts)
    assert len(key) < 250 and key.isascii() and " " not in key and "\n" not in key


def test_key_ignores_dict_order_and_set_order() -> None:
    assert cache_key("c", "1", {"a": 1, "b": {2, 1}}) == cache_key("c", "1", {"b": {1, 2}, "a": 1})


def test_values_of_the_wrong_shape_are_misses(store: FakeStore, clock: Clock) -> None:
    # Given a class whose callers expect an object with "recipes"
    shaped = CacheClass("suggestions", ttl=100, l1_ttl=10, check=lambda v: isinstance(v, dict) and "recipes" in v)
    cache = instance(store, clock)
    # When memcached holds a readable envelope with something else inside
    store.data[cache.key(shaped, "k")] = json.dumps({"v": "1", "exp": clock.now + 50, "d": "junk"}).encode()
    # Then it is a miss, recomputed, and counted as corrupt
    assert cache.get_or_compute(shaped, "k", lambda: {"recipes": []}).value == {"recipes": []}
    assert cache.stats.snapshot()["suggestions"]["corrupt"] == 1
