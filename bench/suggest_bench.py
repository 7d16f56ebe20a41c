"""Latency of POST /suggestions through the route, in-process: cache hit, DB-only miss, AI pending.

Calls the real route (`chalice.test.Client`, a signed token, moto in-process, one real memcached that this
script starts) with count=3 and prints p50/p95 per case:

- (b) DB-only, first time: a basket the seeded database covers (3 recipes scoring >= MIX_MIN_DB_SCORE) that
  nobody asked for before: the ranked DB query is computed (one Query per ingredient). Typed items may still
  hit the validation cache, as they would in production.
- (c) AI pending, first time: a basket the database does not cover: the response returns with the AI part
  `pending` and a generation handed to the in-process AI function (`ThreadInvoker`). The invoker is drained
  after each sample, outside the timing, so background work does not slow the next sample.
- (a) cache hit: each (b) and (c) request repeated at once, accent-stripped, case-changed and reordered:
  the same canonical request, so validation, ranked DB recipes and (for (c), now `ready`) the AI answer all
  come from the cache. "same instance" is answered from the process's L1; "other instance" first empties
  this instance's L1, so everything comes from memcached, as on another warm Lambda instance.
  The `hits` column counts samples whose request recorded no cache miss (a check, not a filter). A (c)
  request whose generation failed (the offline composer wrote nothing) is not repeated: failures are not
  cached, so its repeat would start a new generation.

Also printed: the time until AI recipes are ready with the offline provider (submit -> drain), from the start
of the POST and from its response. Latencies include moto's in-process cost for every DynamoDB call (the
suggestion record, the stats counters, the generation claim), so absolute figures are an emulator's, and
the comparison between the cases is the point. The app's per-request metrics line is switched off
(`bench.support.quiet_metrics`).

moto sorts the whole table on every Query (O(table) per call, ~100 ms at this catalog's ~2,500 items).
DynamoDB reads only the asked partition, so by default the bench narrows base-table Queries to that
partition (same items, same order); `--stock-moto` measures moto as shipped.

    python bench/suggest_bench.py [--samples 200] [--stock-moto]

Needs the memcached binary (it starts its own server on a free port).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    AWS_DEFAULT_REGION="us-east-1", AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
    TABLE_NAME="bench-suggest", AI_PROVIDER="offline", AI_FALLBACK="offline", AI_INVOKE="thread",
    AI_RATE_PER_MINUTE="1000000", AI_FALLBACK_PER_MINUTE="1000000", AI_DAILY_QUOTA_PER_USER="1000000",
    # The config's top-level variables, which chalice.test.Client applies during each call: set them here too
    # so that code outside the calls (drain, checks) sees the same settings, hence the same services.
    MEMCACHED_TIMEOUT_MS="80", AUTH_ADMIN_GROUP="admin", AUTH_TOKEN_USE="",
)
os.environ.pop("AWS_ENDPOINT_URL", None)

from moto import mock_aws  # noqa: E402

COUNT = 3
USERS = 20




def local_auth() -> ModuleType:
    """scripts/local_auth.py (scripts/ is not a package): the same keys and tokens `make token` makes."""
    spec = importlib.util.spec_from_file_location("local_auth", ROOT / "scripts" / "local_auth.py")
    if spec is None or spec.loader is None:
        raise SystemExit("scripts/local_auth.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=200, help="timed requests per first-time case")
    parser.add_argument("--stock-moto", action="store_true", help="do not narrow moto's Query (see above)")
    args = parser.parse_args()
    from bench.support import quiet_metrics, start_memcached

    if not args.stock_moto:
        from bench.support import narrow_moto_queries

        narrow_moto_queries()
    quiet_metrics()
    proc, port = start_memcached()
    os.environ["MEMCACHED_NODES"] = f"127.0.0.1:{port}"
    try:
        with tempfile.TemporaryDirectory() as keys, mock_aws():
            auth = local_auth()
            from chalicelib.config import Settings

            defaults = Settings()
            os.environ.update(AUTH_JWKS_URL=str(Path(keys) / auth.JWKS_FILE), AUTH_ISSUER=defaults.auth_issuer,
                              AUTH_AUDIENCE=defaults.auth_audience)
            tokens = [auth.make_token(Path(keys), f"cook{n:02d}", False, 3600) for n in range(USERS)]
            rows, extra = run(args, tokens)
    finally:
        proc.kill()
        proc.wait()
    report(args, rows, extra)


class Baskets:
    """Ingredient baskets classified by what the seeded database covers, each asked for at most once."""

    def __init__(self, rng: random.Random) -> None:
        from chalicelib import wiring
        from chalicelib.config import get_settings
        from chalicelib.domain.catalog_files import load_catalog
        from chalicelib.domain.mix_policy import MixPolicy
        from chalicelib.domain.summary import summarize

        settings = get_settings()
        # A separate instance without memcached: classifying a basket must not warm the measured caches.
        self._probe = wiring.build(settings.model_copy(update={"memcached_nodes": ""}))
        self._policy = MixPolicy(settings.mix_min_db_score, settings.mix_max_ai_share)
        self._rng = rng
        catalog = load_catalog()
        by_id = {i.id: i for i in catalog.ingredients}
        self.by_id = by_id
        self._recipes = [set(summarize(r, by_id).required) for r in catalog.recipes]
        usage: Counter[str] = Counter()
        for recipe in catalog.recipes:
            usage.update(line.ingredient_id for line in recipe.ingredients)
        self._popular = [i for i, _ in usage.most_common() if not by_id[i].staple]
        self._weights = [float(usage[i]) for i in self._popular]
        self._seen: set[tuple[str, ...]] = set()

    def ai_wanted(self, ids: Sequence[str]) -> int:
        from chalicelib.domain.mix_policy import decide
        from chalicelib.services.recipe_service import MatchRequest

        typed = [self.by_id[i].name_vi for i in ids]
        recipes = self._probe.recipes
        request = MatchRequest(ingredients=typed, max_missing=2, limit=10)
        query = recipes.match_query(request, self._probe.ingredients.resolve(typed))
        ranked = recipes.ranked(query, 10)["recipes"]
        return decide(COUNT, [r["score"] for r in ranked], self._policy).ai_wanted

    def _fresh(self, ids: set[str]) -> tuple[str, ...] | None:
        key = tuple(sorted(ids))
        if key in self._seen or not 1 <= len(key) <= 30:
            return None
        self._seen.add(key)
        return key

    def db_covered(self, n: int) -> list[tuple[str, ...]]:
        """Unions of three recipes' required ingredients (two of them chosen to overlap the first)."""
        out: list[tuple[str, ...]] = []
        while len(out) < n:
            first = self._rng.choice(self._recipes)
            near = sorted((r for r in self._recipes if r is not first), key=lambda r: -len(r & first))[:8]
            ids = first.union(*self._rng.sample(near, 2))
            key = self._fresh(ids) if len(ids) <= 14 else None
            if key is not None and self.ai_wanted(key) == 0:
                out.append(key)
        return out

    def ai_needed(self, n: int) -> list[tuple[str, ...]]:
        """2-5 ingredients drawn by how often the seeded recipes use them, that the database does not cover."""
        out: list[tuple[str, ...]] = []
        while len(out) < n:
            key = self._fresh(set(self._rng.choices(self._popular, self._weights, k=self._rng.randint(2, 5))))
            if key is not None and self.ai_wanted(key) > 0:
                out.append(key)
        return out


def first_form(ingredient: Any) -> str:
    return str(ingredient.name_vi)


def other_form(ingredient: Any, rng: random.Random) -> str:
    """The same item typed another way: without accents, in another case."""
    from chalicelib.domain.normalize import strip_accents

    text = strip_accents(ingredient.name_vi)
    return str(text.upper() if rng.random() < 0.3 else text.capitalize() if rng.random() < 0.5 else text)


def run(args: argparse.Namespace, tokens: list[str]) -> tuple[dict[str, list[float]], dict[str, Any]]:
    from chalice.test import Client

    from app import app
    from chalicelib import ops, wiring

    ops.bootstrap()
    ops.seed()
    rng = random.Random(11)
    svc = wiring.services()
    baskets = Baskets(rng)
    db_baskets = baskets.db_covered(args.samples)
    ai_baskets = baskets.ai_needed(args.samples)
    print(f"  baskets chosen: {len(db_baskets)} DB-covered, {len(ai_baskets)} needing AI", file=sys.stderr)

    times: dict[str, list[float]] = {}
    extra: dict[str, Any] = {"hits": Counter(), "states": Counter(), "sizes": {}, "ai_recipes": []}
    invoker = svc.invoker
    assert hasattr(invoker, "drain"), "AI_INVOKE=thread is required"

    def misses() -> int:
        snap = svc.cache.stats.snapshot()
        return sum(int(snap.get(c, {}).get("misses", 0)) for c in ("validation", "suggestions", "ai"))

    with Client(app, stage_name="bench", project_dir=str(ROOT)) as client:
        def post(typed: list[str], user: int) -> tuple[float, dict[str, Any]]:
            body = json.dumps({"ingredients": typed, "count": COUNT})
            headers = {"Content-Type": "application/json", "Authorization": f"Bearer {tokens[user % USERS]}"}
            t0 = time.perf_counter()
            response = client.http.post("/suggestions", body=body, headers=headers)
            elapsed = (time.perf_counter() - t0) * 1000
            if response.status_code != 201:
                raise SystemExit(f"POST /suggestions answered {response.status_code}: {response.body!r}")
            return elapsed, json.loads(response.body)

        def get(suggestion_id: str, user: int) -> dict[str, Any]:
            headers = {"Authorization": f"Bearer {tokens[user % USERS]}"}
            response = client.http.get(f"/suggestions/{suggestion_id}", headers=headers)
            return dict(json.loads(response.body))

        # Warm-up (untimed): imports, the signing keys, the master list in memory.
        for k, basket in enumerate(baskets.ai_needed(5) + baskets.db_covered(5)):
            post([first_form(baskets.by_id[i]) for i in basket], k)
            invoker.drain()
        if wiring._build.cache_info().currsize != 1:
            raise SystemExit("the route built other services than this script sees: check the environment")

        def repeat(kind: str, basket: tuple[str, ...], user: int) -> None:
            for where in ("same instance (L1)", "other instance (L2)"):
                if "L2" in where:
                    svc.cache._l1.clear()  # as a warm instance that never saw this request
                typed = [other_form(baskets.by_id[i], rng) for i in basket]
                rng.shuffle(typed)
                before = misses()
                elapsed, _ = post(typed, user + 1)
                name = f"(a) hit, {where}: {kind}"
                times.setdefault(name, []).append(elapsed)
                extra["hits"][name] += int(misses() == before)
                extra["sizes"][name] = extra["sizes"].get(name, 0) + len(basket)
                invoker.drain()

        for n, basket in enumerate(db_baskets):
            typed = [first_form(baskets.by_id[i]) for i in basket]
            elapsed, out = post(typed, n)
            name = "(b) DB-only, first time"
            times.setdefault(name, []).append(elapsed)
            extra["states"][(name, out["ai"]["state"])] += 1
            extra["sizes"][name] = extra["sizes"].get(name, 0) + len(basket)
            repeat("DB-only", basket, n)

        for n, basket in enumerate(ai_baskets):
            typed = [first_form(baskets.by_id[i]) for i in basket]
            t0 = time.perf_counter()
            elapsed, out = post(typed, n)
            responded = time.perf_counter()
            invoker.drain()
            ready = time.perf_counter()
            name = "(c) AI pending, first time"
            times.setdefault(name, []).append(elapsed)
            times.setdefault("AI ready: POST start -> drained", []).append((ready - t0) * 1000)
            times.setdefault("AI ready: response -> drained", []).append((ready - responded) * 1000)
            extra["states"][(name, out["ai"]["state"])] += 1
            extra["sizes"][name] = extra["sizes"].get(name, 0) + len(basket)
            after = get(out["id"], n)
            extra["states"][("after drain", after["ai"]["state"])] += 1
            extra["ai_recipes"].append(len(after["ai"]["recipes"]))
            if after["ai"]["state"] == "ready":  # a failed generation is not cached: its repeat would be a miss
                repeat("AI ready", basket, n)
    return times, extra


def report(args: argparse.Namespace, times: dict[str, list[float]], extra: dict[str, Any]) -> None:
    moto = "moto as shipped" if args.stock_moto else "moto with partition-narrowed Query"
    print(f"\nPOST /suggestions (count={COUNT}) in-process through the route, {moto}, one memcached; milliseconds")
    header = f"{'case':<42} {'n':>4} {'items':>5} {'p50':>7} {'p95':>7} {'hits':>5}"
    print(header)
    print("-" * len(header))
    order = [f"(a) hit, {where}: {kind}" for where in ("same instance (L1)", "other instance (L2)")
             for kind in ("DB-only", "AI ready")] + ["(b) DB-only, first time", "(c) AI pending, first time"]
    for name in order:
        values = times.get(name, [])
        if not values:
            continue
        hits = str(extra["hits"][name]) if name.startswith("(a)") else ""
        size = extra["sizes"].get(name, 0) / len(values)
        print(f"{name:<42} {len(values):>4} {size:>5.1f} {pct(values, 50):>7.1f} {pct(values, 95):>7.1f} {hits:>5}")
    print(f"\nTime until AI recipes are ready, offline provider ({args.samples} generations), milliseconds")
    print(f"{'span':<42} {'n':>4} {'':>5} {'p50':>7} {'p95':>7}")
    for name in ("AI ready: POST start -> drained", "AI ready: response -> drained"):
        values = times[name]
        print(f"{name:<42} {len(values):>4} {'':>5} {pct(values, 50):>7.1f} {pct(values, 95):>7.1f}")
    states = ", ".join(f"{case.split(',')[0]} {state}: {n}" for (case, state), n in sorted(extra["states"].items()))
    recipes = extra["ai_recipes"]
    print(f"\nAI states seen: {states}")
    if recipes:
        print(f"AI recipes per generation after drain: mean {statistics.mean(recipes):.2f} "
              f"(of up to {COUNT}); none written: {sum(1 for r in recipes if r == 0)}")
    print("items = mean ingredients per request; hits = samples that recorded no cache miss")


if __name__ == "__main__":
    main()
