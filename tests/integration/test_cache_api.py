"""The catalog routes over both cache tiers: in-process L1 over a real memcached (L2), failing open."""

from __future__ import annotations

import importlib
import socket
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from chalice.test import Client
from pymemcache.client.base import Client as MemcacheClient

from chalicelib import ops, wiring
from tests.support.api import call
from tests.support.auth import SigningKeys
from tests.support.memcached import MemcachedServer

STATS = "/admin/cache/stats"
MATCH = "/recipes/match"
VALIDATE = "/ingredients/validate"


@pytest.fixture
def cached_catalog(mock_aws: Any, memcached: MemcachedServer, local_keys: SigningKeys,
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[MemcachedServer]:
    """Seeded table in in-process moto, MEMCACHED_NODES at a real (empty) memcached, a cold instance."""
    # These tests prove which tier answers, not how fast: on a busy machine the 80 ms default times out,
    # and a timed-out node is (by design) skipped for 2 s, which would turn an expected hit into a miss.
    monkeypatch.setenv("MEMCACHED_TIMEOUT_MS", "2000")
    wiring.reset()
    ops.bootstrap()
    ops.seed()
    wiring.reset()
    memcached.flush()
    yield memcached
    wiring.reset()


@pytest.fixture
def chalice_client(tmp_path: Path) -> Iterator[Client]:
    """The app through chalice.test.Client, seeing exactly the environment the test set.

    Unlike the shared fixture, the project dir has no config.json, whose top-level variables the client
    would write over os.environ on each call (MEMCACHED_TIMEOUT_MS among them).
    """
    app = importlib.import_module("app").app
    with Client(app, stage_name="test", project_dir=str(tmp_path)) as client:
        yield client


@pytest.fixture
def admin_token(make_token: Callable[..., str]) -> str:
    return make_token("ops", admin=True)


def match_body(ingredients: list[str]) -> dict[str, Any]:
    return {"ingredients": ingredients, "max_missing": 1, "limit": 5}


def recipe_ids(body: dict[str, Any]) -> list[str]:
    return [r["recipe"]["id"] for r in body["recipes"]]


def class_stats(client: Any, token: str, name: str) -> dict[str, Any]:
    status, body = call(client, "GET", STATS, token=token)
    assert status == 200, body
    counts: dict[str, Any] = body["classes"].get(name, {})
    return counts


def stored_keys(server: MemcachedServer) -> list[str]:
    """Every key memcached holds, from `lru_crawler metadump all` (retried while the crawler is busy)."""
    for _ in range(50):
        with socket.create_connection((server.host, server.port), timeout=2) as sock:
            sock.sendall(b"lru_crawler metadump all\r\n")
            data = b""
            while not (data.endswith(b"END\r\n") or data.startswith((b"BUSY", b"ERROR", b"CLIENT_ERROR"))):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        if data.endswith(b"END\r\n"):
            lines = data.decode().splitlines()  # one "key=... exp=..." line per item
            return [unquote(line.split(" ", 1)[0].removeprefix("key=")) for line in lines
                    if line.startswith("key=")]
        time.sleep(0.05)
    raise AssertionError(f"memcached never listed its keys: {data[:200]!r}")


def eventually_healthy(client: Any, attempts: int = 50) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for _ in range(attempts):
        status, body = call(client, "GET", "/health")
        if status == 200 and body["status"] == "ok":
            return body
        time.sleep(0.1)
    raise AssertionError(f"health never came back to ok: {body}")


def test_same_ingredients_in_any_order_case_or_accents_hit_the_cache(
        cached_catalog: MemcachedServer, chalice_client: Any) -> None:
    # Given a cold instance and an empty memcached
    # When a person asks with accents and then another types the same without, reordered, shouting
    status, first = call(chalice_client, "POST", MATCH, match_body(["Trứng", "Cà chua"]))
    assert status == 200, first
    status, second = call(chalice_client, "POST", MATCH, match_body(["ca chua", "TRUNG"]))
    assert status == 200, second

    # Then the first is computed and the second answered from this instance's memory
    assert first["cache"] == "computed"
    assert second["cache"] == "l1"
    assert recipe_ids(second) == recipe_ids(first)
    assert {"ca_chua_xao_trung", "canh_trung_ca_chua"} & set(recipe_ids(first))
    assert [i["ingredient"]["id"] for i in second["ingredients"]] == ["tomato", "chicken_egg"]

    # And a new instance (empty L1) gets it from memcached, also for decomposed (NFD) accents
    wiring.reset()
    decomposed = [unicodedata.normalize("NFD", text) for text in ("Cà chua", "trứng")]
    status, third = call(chalice_client, "POST", MATCH, match_body(decomposed))
    assert status == 200, third
    assert third["cache"] == "l2"
    assert recipe_ids(third) == recipe_ids(first)
    assert third["recipes"] == first["recipes"]


def test_validation_repeats_are_cache_hits_and_stats_are_admin_only(
        cached_catalog: MemcachedServer, chalice_client: Any, make_token: Callable[..., str],
        admin_token: str) -> None:
    items = {"items": ["ca chua", "tomatoe", "Thịt Heo", "hanh la", "xyz"]}
    status, first = call(chalice_client, "POST", VALIDATE, items)
    assert status == 200, first
    before = class_stats(chalice_client, admin_token, "validation")
    assert before["misses"] == 5 and before["l1_hits"] == 0 and before["sets"] == 5

    # The same items again on this instance: all five from memory, same answer
    status, again = call(chalice_client, "POST", VALIDATE, items)
    assert status == 200 and again == first
    after = class_stats(chalice_client, admin_token, "validation")
    assert after["l1_hits"] == before["l1_hits"] + 5
    assert after["misses"] == before["misses"]

    # A new instance: all five from memcached, same answer
    wiring.reset()
    status, fresh = call(chalice_client, "POST", VALIDATE, items)
    assert status == 200 and fresh == first
    counts = class_stats(chalice_client, admin_token, "validation")
    assert counts["l2_hits"] == 5 and counts["misses"] == 0 and counts["hit_rate"] == 1.0

    # Stats are for admins only, in our JSON error shape
    status, body = call(chalice_client, "GET", STATS, token=make_token("alice"))
    assert status == 403 and body["error"]["code"] == "forbidden"
    status, body = call(chalice_client, "GET", STATS, token="not-a-token")
    assert status == 401 and body["error"]["code"] == "invalid_token"


def test_memcached_outage_degrades_but_keeps_serving(
        cached_catalog: MemcachedServer, chalice_client: Any, admin_token: str) -> None:
    # Given answers computed while memcached is up
    match = match_body(["thịt ba chỉ", "trứng", "hành lá"])
    _, matched = call(chalice_client, "POST", MATCH, match)
    _, validated = call(chalice_client, "POST", VALIDATE, {"items": ["ca chua", "hanh la"]})
    _, detail = call(chalice_client, "GET", "/recipes/thit_kho_trung")
    _, listing = call(chalice_client, "GET", "/recipes?cuisine=vietnamese&max_minutes=30&limit=5")
    assert matched["recipes"] and listing["items"] and detail["id"] == "thit_kho_trung"
    assert eventually_healthy(chalice_client)["components"]["cache"]["status"] == "ok"

    # When memcached dies and a new instance (nothing in memory) takes the traffic
    cached_catalog.stop()
    wiring.reset()

    # Then every route still answers from the database, with the same content
    status, body = call(chalice_client, "POST", MATCH, match)
    assert status == 200 and body["cache"] == "computed"
    assert body["recipes"] == matched["recipes"]
    status, body = call(chalice_client, "POST", VALIDATE, {"items": ["ca chua", "hanh la"]})
    assert status == 200 and body == validated
    status, body = call(chalice_client, "GET", "/recipes/thit_kho_trung")
    assert status == 200 and body == detail
    status, body = call(chalice_client, "GET", "/recipes?cuisine=vietnamese&max_minutes=30&limit=5")
    assert status == 200 and body == listing

    # And health says degraded (still 200), the cache down
    status, health = call(chalice_client, "GET", "/health")
    assert status == 200
    assert health["status"] == "degraded"
    assert health["components"]["cache"]["status"] == "down"
    assert health["components"]["table"]["status"] == "ok"

    # And the failures are counted
    status, stats = call(chalice_client, "GET", STATS, token=admin_token)
    assert status == 200 and stats["shared_tier"] == "degraded"
    assert stats["classes"]["suggestions"]["errors"] >= 1
    assert stats["classes"]["validation"]["errors"] >= 1
    assert stats["classes"]["recipe"]["errors"] >= 1

    # When memcached comes back, health returns to ok after the node's short pause
    cached_catalog.start()
    assert eventually_healthy(chalice_client)["components"]["cache"]["status"] == "ok"
    status, body = call(chalice_client, "POST", MATCH, match)
    assert status == 200 and body["recipes"] == matched["recipes"]


GARBAGE = {
    "not_utf8": b"\xff\xfe\x00\x81 binary junk",
    "not_json": b"this is not json",
    "json_list": b"[1, 2, 3]",
    "missing_fields": b'{"v": "1"}',
    "old_schema": b'{"v": "0", "exp": 99999999999, "d": {"recipes": []}}',
}


@pytest.mark.parametrize("garbage", GARBAGE.values(), ids=GARBAGE.keys())
def test_corrupt_values_in_memcached_are_misses(
        cached_catalog: MemcachedServer, chalice_client: Any, admin_token: str, garbage: bytes) -> None:
    # Given one match request has filled memcached
    match = match_body(["Trứng", "Cà chua", "hành lá"])
    status, first = call(chalice_client, "POST", MATCH, match)
    assert status == 200 and first["recipes"]
    keys = stored_keys(cached_catalog)
    assert any(":suggestions:" in key for key in keys), keys
    assert any(":validation:" in key for key in keys), keys

    # When every value it holds is overwritten with garbage, and a new instance answers
    writer = MemcacheClient((cached_catalog.host, cached_catalog.port), connect_timeout=2, timeout=2)
    try:
        for key in keys:
            assert writer.set(key, garbage, expire=600, noreply=False)
    finally:
        writer.close()
    wiring.reset()

    # Then the request is answered as if nothing were cached, with the same recipes
    status, body = call(chalice_client, "POST", MATCH, match)
    assert status == 200, body
    assert body["cache"] == "computed"
    assert body["recipes"] == first["recipes"]
    assert [i["ingredient"]["id"] for i in body["ingredients"]] == ["chicken_egg", "tomato", "scallion"]
    classes = call(chalice_client, "GET", STATS, token=admin_token)[1]["classes"]
    assert classes["suggestions"]["corrupt"] == 1
    assert classes["validation"]["corrupt"] == 3

    # And the garbage was replaced: the next new instance reads a good value from memcached
    wiring.reset()
    status, body = call(chalice_client, "POST", MATCH, match)
    assert status == 200 and body["cache"] == "l2"
    assert body["recipes"] == first["recipes"]
