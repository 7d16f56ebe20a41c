"""Cost of POST /recipes/match as the catalog grows: 1k, 10k, 100k synthetic recipes.

Prints, per catalog size, p50/p95 latency of the match route called in-process, DynamoDB calls, items
and read units per request, next to a naive baseline that scans every recipe and ranks them all.
Read units are computed the way DynamoDB bills them (0.5 per started 4 KB read, eventually consistent).
moto answers each Query from its partition (bench.support.narrow_moto_queries): as shipped it sorts the
whole table on every Query, a cost that grows with the table and that DynamoDB does not have. Latencies are
in-process against moto: compare them between sizes, not with DynamoDB's.

    python bench/match_bench.py                 # 1k and 10k
    python bench/match_bench.py --sizes 1000 10000 100000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from moto import mock_aws

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.update(AWS_DEFAULT_REGION="us-east-1", AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ["MEMCACHED_NODES"] = ""  # the database path, not the cache



def synthetic_recipes(n: int, ingredients: Sequence[Any], rng: random.Random) -> list[Any]:
    from chalicelib.domain.models import Recipe

    pool = [i.id for i in ingredients if not i.staple]
    staples = [i.id for i in ingredients if i.staple]
    weights = [1 / (rank + 1) for rank in range(len(pool))]  # Zipf-like: a few very common ingredients
    out = []
    for k in range(n):
        size = rng.randint(3, 10)
        chosen: list[str] = []
        while len(chosen) < size:
            pick = rng.choices(pool, weights)[0]
            if pick not in chosen:
                chosen.append(pick)
        lines = [{"ingredient_id": i, "quantity": 100, "unit": "g"} for i in chosen]
        lines += [{"ingredient_id": s, "quantity": 1, "unit": "tsp"} for s in rng.sample(staples, 2)]
        out.append(Recipe.model_validate({
            "id": f"syn_{k}", "title_vi": f"Món {k}", "title_en": f"Dish {k}", "cuisine": rng.choice(
                ["vietnamese", "thai", "italian"]), "tags": ["main"], "ingredients": lines,
            "steps": ["Cook everything."], "prep_minutes": rng.randint(5, 30), "cook_minutes": rng.randint(5, 90),
            "servings": 2, "difficulty": "easy"}))
    return out


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def naive_scan(table: str, have: set[str]) -> tuple[int, float]:
    """Baseline: read every item of the table, keep recipe items, rank them all in memory."""
    from chalicelib.adapters.aws_clients import dynamodb
    from chalicelib.adapters.catalog_repository import read_units
    from chalicelib.domain.matching import MatchQuery, rank
    from chalicelib.domain.summary import RecipeSummary

    calls, units, summaries = 0, 0.0, []
    params: dict[str, Any] = {"TableName": table}
    while True:
        page = dynamodb().scan(**params)
        calls += 1
        units += read_units(page["Items"])
        summaries += [RecipeSummary.model_validate_json(i["summary"]["S"]) for i in page["Items"] if "summary" in i]
        if "LastEvaluatedKey" not in page:
            break
        params["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    rank(summaries, MatchQuery(have=frozenset(have)), 10)
    return calls, units


def run_size(n: int, requests: int, baseline_runs: int, rng: random.Random) -> dict[str, Any]:
    from chalice.test import Client

    from app import app
    from bench.support import narrow_moto_queries, quiet_metrics

    quiet_metrics()
    narrow_moto_queries()
    from chalicelib import wiring
    from chalicelib.adapters.aws_clients import reset_clients
    from chalicelib.adapters.table_bootstrap import ensure_table
    from chalicelib.domain.catalog_files import load_ingredients
    from chalicelib.domain.summary import summarize

    table = f"bench-{n}"
    os.environ["TABLE_NAME"] = table
    reset_clients()
    wiring.reset()
    ensure_table(table)
    ingredients = load_ingredients()
    by_id = {i.id: i for i in ingredients}
    repo = wiring.services().repository
    repo.put_ingredients(ingredients, "bench")
    started = time.perf_counter()
    recipes = synthetic_recipes(n, ingredients, rng)
    for chunk in range(0, n, 2000):
        repo.put_recipes_bulk([(r, summarize(r, by_id)) for r in recipes[chunk:chunk + 2000]])
    seed_s = time.perf_counter() - started

    pool = [i.name_vi for i in ingredients if not i.staple]
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    latencies, calls, items, units, found = [], [], [], [], []
    with Client(app, stage_name="bench", project_dir=str(ROOT)) as client:
        for _ in range(requests):
            have = list(dict.fromkeys(rng.choices(pool, weights, k=rng.randint(3, 6))))
            body = json.dumps({"ingredients": have, "max_missing": 2, "limit": 10})
            t0 = time.perf_counter()
            response = client.http.post("/recipes/match", body=body, headers={"Content-Type": "application/json"})
            elapsed = (time.perf_counter() - t0) * 1000
            result = json.loads(response.body)
            if result["cache"] != "computed":
                continue  # a repeated request answered from the cache: not a database cost
            latencies.append(elapsed)
            stats = result["stats"]
            calls.append(stats["db_calls"])
            items.append(stats["items_read"])
            units.append(stats["read_units"])
            found.append(len(result["recipes"]))
    base_calls, base_units, base_ms = [], [], []
    for _ in range(baseline_runs):
        have_ids = set(rng.sample(list(by_id), 4))
        t0 = time.perf_counter()
        c, u = naive_scan(table, have_ids)
        base_ms.append((time.perf_counter() - t0) * 1000)
        base_calls.append(c)
        base_units.append(u)
    return {
        "recipes": n, "seed_s": seed_s, "p50": pct(latencies, 50), "p95": pct(latencies, 95),
        "calls": statistics.mean(calls), "items": statistics.mean(items), "units": statistics.mean(units),
        "max_units": max(units), "found": statistics.mean(found),
        "scan_ms": statistics.mean(base_ms) if base_ms else float("nan"),
        "scan_calls": statistics.mean(base_calls) if base_calls else float("nan"),
        "scan_units": statistics.mean(base_units) if base_units else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--baseline-runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(42)
    print(f"\nPOST /recipes/match, in-process (moto), {args.requests} requests per size")
    header = (f"{'recipes':>8} {'p50 ms':>7} {'p95 ms':>7} {'calls':>6} {'items':>7} {'RCU':>6} {'RCU max':>7} "
              f"{'hits':>5} | {'scan ms':>8} {'scan calls':>10} {'scan RCU':>9}")
    print(header)
    print("-" * len(header), flush=True)
    with mock_aws():
        for n in args.sizes:
            r = run_size(n, args.requests, args.baseline_runs, rng)
            # Printed as each size finishes: the largest takes long to seed.
            print(f"{r['recipes']:>8} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['calls']:>6.1f} {r['items']:>7.0f} "
                  f"{r['units']:>6.1f} {r['max_units']:>7.1f} {r['found']:>5.1f} | {r['scan_ms']:>8.0f} "
                  f"{r['scan_calls']:>10.0f} {r['scan_units']:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
