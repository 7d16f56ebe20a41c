"""Cache hit rates and hit latency on a skewed stream of ingredient requests.

Replays requests through the real match path (validation + ranked DB recipes) on several simulated Lambda
instances (each with its own in-process cache) sharing one real memcached, then prints the hit rate per
cache class next to the seed's targets, and the latency of a cache hit next to a bare memcached `get` of
the same bytes (the floor).

    python bench/cache_bench.py [--requests 5000] [--instances 4]

Needs the memcached binary (it starts its own server on a free port).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(AWS_DEFAULT_REGION="us-east-1", AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
                  TABLE_NAME="bench-cache")
os.environ.pop("AWS_ENDPOINT_URL", None)

from moto import mock_aws  # noqa: E402

TARGETS = {"validation": "90%+", "suggestions": "70% (month 12), 40% (month 6)"}




def typed_forms(ingredient: Any, rng: random.Random) -> str:
    """How a person might type it: Vietnamese with or without accents, English, odd case."""
    from chalicelib.domain.normalize import strip_accents

    choice = rng.random()
    if choice < 0.45:
        text = ingredient.name_vi
    elif choice < 0.7:
        text = strip_accents(ingredient.name_vi)
    elif choice < 0.9:
        text = ingredient.name_en
    else:
        text = rng.choice(ingredient.aliases or (ingredient.name_en,))
    return str(text.upper() if rng.random() < 0.05 else text.lower() if rng.random() < 0.5 else text)


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (rank + 1) ** s for rank in range(n)]


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--instances", type=int, default=4)
    parser.add_argument("--baskets", type=int, default=400, help="distinct popular ingredient combinations")
    args = parser.parse_args()
    rng = random.Random(7)
    from bench.support import start_memcached

    proc, port = start_memcached()
    os.environ["MEMCACHED_NODES"] = f"127.0.0.1:{port}"
    try:
        with mock_aws():
            run(args, rng, port)
    finally:
        proc.kill()
        proc.wait()


def run(args: argparse.Namespace, rng: random.Random, port: int) -> None:
    from pymemcache.client.base import Client as RawClient

    from bench.support import quiet_metrics
    from chalicelib import ops, wiring

    quiet_metrics()
    from chalicelib.config import get_settings
    from chalicelib.domain.catalog_files import load_catalog
    from chalicelib.domain.models import Diet
    from chalicelib.services.recipe_service import MatchRequest
    from chalicelib.services.tiered_cache import TieredCache

    ops.bootstrap()
    ops.seed()
    settings = get_settings()
    fleet = [wiring.build(settings) for _ in range(args.instances)]
    index = fleet[0].ingredients.index
    # Ingredients people actually type, most common first: those the catalog's recipes use most.
    usage: Counter[str] = Counter()
    for recipe in load_catalog().recipes:
        usage.update(line.ingredient_id for line in recipe.ingredients)
    popular = [index.by_id[i] for i, _ in usage.most_common() if i in index.by_id]
    weights = zipf_weights(len(popular))
    baskets = [sorted({p.id for p in rng.choices(popular, weights, k=rng.randint(2, 4))})
               for _ in range(args.baskets)]
    basket_weights = zipf_weights(len(baskets))
    diets: list[Diet | None] = [None] * 8 + [Diet.vegetarian, Diet.vegan]

    latency: dict[str, list[float]] = {"l1": [], "l2": [], "computed": []}
    for _ in range(args.requests):
        if rng.random() < 0.8:
            ids = rng.choices(baskets, basket_weights)[0]
        else:
            ids = sorted({p.id for p in rng.choices(popular, weights, k=rng.randint(2, 5))})
        typed = [typed_forms(index.by_id[i], rng) for i in ids]
        rng.shuffle(typed)
        request = MatchRequest(ingredients=typed, diet=rng.choice(diets), limit=10)
        instance = rng.choice(fleet)
        t0 = time.perf_counter()
        result = instance.recipes.match(request)
        latency[result["cache"] if result["cache"] in latency else "l2"].append((time.perf_counter() - t0) * 1000)

    totals: dict[str, Counter[str]] = {}
    for svc in fleet:
        for name, counts in svc.cache.stats.snapshot().items():
            totals.setdefault(name, Counter()).update({k: v for k, v in counts.items() if isinstance(v, int)})
    print(f"\n{args.requests} match requests over {args.instances} instances sharing one memcached "
          f"({args.baskets} popular baskets take 80% of requests, Zipf-weighted)\n")
    print(f"{'class':<12} {'lookups':>8} {'L1 hits':>8} {'L2 hits':>8} {'misses':>7} {'hit rate':>9}  seed target")
    for name in ("validation", "suggestions", "versions"):
        c = totals.get(name, Counter())
        hits = c["l1_hits"] + c["l2_hits"] + c["stale_served"]
        lookups = hits + c["misses"]
        rate = f"{hits / lookups:.1%}" if lookups else "-"
        print(f"{name:<12} {lookups:>8} {c['l1_hits']:>8} {c['l2_hits']:>8} {c['misses']:>7} {rate:>9}  "
              f"{TARGETS.get(name, '')}")

    # Hit latency on one stored suggestions value: L1, L2 through the cache, and a bare get (the floor).
    svc = fleet[0]
    cls = svc.classes.suggestions
    sample_parts = {"bench": "latency"}
    value = svc.recipes.match(MatchRequest(ingredients=["trứng", "cà chua"], limit=10))
    svc.cache.put(cls, sample_parts, value)
    # The store prefixes every key with the stage's table name (one cluster may serve several stages).
    key = f"{settings.table_name}:{svc.cache.key(cls, sample_parts)}"
    raw = RawClient(("127.0.0.1", port), connect_timeout=0.1, timeout=0.1)
    size = len(raw.get(key) or b"")
    timings: dict[str, list[float]] = {"L1 hit (in-process)": [], "L2 hit (memcached + decode)": [],
                                       "bare memcached get": []}
    cold = TieredCache(svc.store, svc.cache.stats)
    for _ in range(2000):
        t0 = time.perf_counter()
        svc.cache.get(cls, sample_parts)
        timings["L1 hit (in-process)"].append((time.perf_counter() - t0) * 1e6)
        cold._l1.clear()
        t0 = time.perf_counter()
        cold.get(cls, sample_parts)
        timings["L2 hit (memcached + decode)"].append((time.perf_counter() - t0) * 1e6)
        t0 = time.perf_counter()
        raw.get(key)
        timings["bare memcached get"].append((time.perf_counter() - t0) * 1e6)
    print(f"\nHit latency for one suggestions value ({size} bytes), 2000 reads each, microseconds")
    print(f"{'path':<30} {'p50':>8} {'p95':>8}")
    for name, values in timings.items():
        print(f"{name:<30} {pct(values, 50):>8.0f} {pct(values, 95):>8.0f}")
    print("\nWhole match request (validation + suggestions), milliseconds")
    print(f"{'answered from':<30} {'count':>6} {'p50':>8} {'p95':>8}")
    for name, values in latency.items():
        if len(values) > 1:
            print(f"{name:<30} {len(values):>6} {pct(values, 50):>8.2f} {pct(values, 95):>8.2f}")


if __name__ == "__main__":
    main()
