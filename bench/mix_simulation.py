"""The flexible mix over time: how AI share and DB coverage move as approved AI recipes join the database.

Replays a stream of suggestion requests from simulated users through the real services (matching, mix
decision, AI generation with the offline provider in the in-process AI function, feedback and promotion
with its near-duplicate check) on moto in-process, starting from the 158 seeded recipes:

- each request asks for count=3 recipes for 2-5 ingredients, drawn (with replacement, repeats merged) from
  the non-staple ingredients the seeded recipes use, weighted by how many recipes use each one raised to
  `--skew` (a Zipf-like head: scallion, onion, egg, chili, tomato ...), typed in Vietnamese with or
  without accents or in English; the asking user is drawn Zipf-like from `--users`;
- when the AI part is `pending` or `ready`, the AI function is drained, the suggestion is read back
  (`get`) and each AI recipe in it gets a verdict: approve with probability `--approve` (seeded), else
  reject. An approved recipe is promoted into the database unless it is a near-duplicate of one there.

Printed per block of `--block` requests (figures for the block, DB size at its end):

- AI share: AI recipes served / (AI recipes served + DB recipes served). DB recipes served are the good
  matches the mix counted (score >= MIX_MIN_DB_SCORE, at most 3 per request: `mix.from_db`); AI recipes
  served are those in the suggestion once its AI part settled (after the drain and `get`).
- DB coverage: requests fully served from the database (the mix wanted no AI: `mix.from_ai == 0`) / requests.
- AI calls per 1,000 requests: model calls made by the AI function (a request joining a generation that is
  reused within its 24 h reuse window makes none) x 1000 / requests.
- short: requests that got fewer than 3 good recipes in all (DB good matches + AI recipes served); the
  reasons are totalled under the table.
- approved / promoted / dupes: approvals given, recipes that joined the database, approved recipes
  refused as near-duplicates (or already promoted from an earlier request).
- DB size: the seeded recipes (158) + recipes promoted so far (counted from feedback outcomes).

The first three figures are read from the app's own mix statistics (the daily sharded counters behind
GET /admin/stats/mix, read raw and differenced per block, so no rounding); the script also counts them
from the responses and prints whether the two agree. Nothing runs concurrently (each request is drained
before the next), so both are exact.

Two costs of moto grow with the table and would make a run take hours: it sorts the whole table on every
Query, and it deep-copies the whole table before every TransactWriteItems (a rollback copy; the promotion
of a recipe is one transaction). The simulation narrows base-table Queries to the asked partition (same
items, same order, as DynamoDB reads them) and skips that rollback copy: the app's recipe transaction has
no conditions, and any failed transaction raises through the app and stops the run, so no half-written
state is ever simulated on. `--stock-moto` runs moto as shipped (far slower, the same figures).

    python bench/mix_simulation.py [--requests 4000] [--users 200] [--block 500] [--approve 0.4]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    AWS_DEFAULT_REGION="us-east-1", AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
    TABLE_NAME="bench-mix-simulation", MEMCACHED_NODES="", AI_PROVIDER="offline", AI_FALLBACK="offline",
    AI_INVOKE="thread",
    # Without memcached the shared limiters fall back to per-instance windows: raise those limits as well.
    AI_RATE_PER_MINUTE="1000000", AI_FALLBACK_PER_MINUTE="1000000", AI_DAILY_QUOTA_PER_USER="1000000",
)
os.environ.pop("AWS_ENDPOINT_URL", None)

from moto import mock_aws  # noqa: E402

COUNT = 3
COUNTERS = ("requests", "db_only", "db_recipes_served", "ai_recipes_served", "ai_calls")




def typed_form(ingredient: Any, rng: random.Random) -> str:
    """How a person might type it: Vietnamese with or without accents, or English."""
    from chalicelib.domain.normalize import strip_accents

    choice = rng.random()
    if choice < 0.5:
        return str(ingredient.name_vi)
    if choice < 0.8:
        return str(strip_accents(ingredient.name_vi))
    return str(ingredient.name_en)


class Stream:
    """Requests from simulated users: who asks, and which ingredients they have."""

    def __init__(self, users: int, skew: float, rng: random.Random) -> None:
        from chalicelib.domain.catalog_files import load_catalog

        catalog = load_catalog()
        self.by_id = {i.id: i for i in catalog.ingredients}
        self.seeded = len(catalog.recipes)
        usage: Counter[str] = Counter()
        for recipe in catalog.recipes:
            usage.update(line.ingredient_id for line in recipe.ingredients)
        self.popular = [i for i, _ in usage.most_common() if not self.by_id[i].staple]
        self._weights = [usage[i] ** skew for i in self.popular]
        self._users = [f"user{n:03d}" for n in range(users)]
        self._user_weights = [1 / (rank + 1) for rank in range(users)]
        self._rng = rng

    def next(self) -> tuple[str, list[str]]:
        user = self._rng.choices(self._users, self._user_weights)[0]
        ids = dict.fromkeys(self._rng.choices(self.popular, self._weights, k=self._rng.randint(2, 5)))
        return user, [typed_form(self.by_id[i], self._rng) for i in ids]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--block", type=int, default=500, help="requests per printed row")
    parser.add_argument("--approve", type=float, default=0.4, help="probability a user approves an AI recipe")
    parser.add_argument("--skew", type=float, default=1.0, help="exponent on ingredient usage counts")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--stock-moto", action="store_true", help="do not narrow moto's Query (see above)")
    args = parser.parse_args()
    if not args.stock_moto:
        from bench.support import narrow_moto_queries, skip_transaction_table_copies

        narrow_moto_queries()
        skip_transaction_table_copies()
    with mock_aws():
        simulate(args)


def stats_totals(repository: Any, days: set[str]) -> Counter[str]:
    """The app's mix counters summed over the days the run touched (raw, unrounded)."""
    total: Counter[str] = Counter()
    for counters in repository.read(sorted(days)).values():
        total.update(counters)
    return total


def simulate(args: argparse.Namespace) -> None:
    from chalicelib import ops, wiring
    from chalicelib.adapters.suggestion_repository import DynamoStatsRepository
    from chalicelib.services.mix_stats import day_of
    from chalicelib.services.suggestion_service import SuggestionRequest

    ops.bootstrap()
    ops.seed()
    svc = wiring.services()
    invoker = svc.invoker
    assert hasattr(invoker, "drain"), "AI_INVOKE=thread is required"
    stats_repo = DynamoStatsRepository(svc.settings.table_name, svc.settings.stats_shards)
    stream = Stream(args.users, args.skew, random.Random(args.seed))
    verdicts = random.Random(args.seed + 1)
    days = {day_of(time.time())}
    before = stats_totals(stats_repo, days)
    mine: Counter[str] = Counter()
    block: Counter[str] = Counter()
    states: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    rows: list[dict[str, Any]] = []
    promoted_total = 0
    started = time.perf_counter()

    for n in range(1, args.requests + 1):
        user, typed = stream.next()
        out = svc.suggestions.create(user, SuggestionRequest(ingredients=typed, count=COUNT))
        mix, ai = out["mix"], out["ai"]
        states[f"at create: {ai['state']}"] += 1
        block["requests"] += 1
        block["db_only"] += int(mix["from_ai"] == 0)
        block["db_recipes_served"] += mix["from_db"]
        block["ai_calls"] += int(ai["state"] == "pending")  # sequential: every pending request started a call
        if ai["state"] in ("pending", "ready"):
            invoker.drain()
            ai = svc.suggestions.get(user, out["id"])["ai"]
            states[f"after drain: {ai['state']}"] += 1
            for recipe in ai["recipes"]:
                verdict: Literal["approve", "reject"] = "approve" if verdicts.random() < args.approve else "reject"
                outcome = svc.feedback.give(user, out["id"], recipe["id"], verdict)
                block[verdict + "d"] += 1
                if outcome.get("promoted") and not outcome.get("already_in_database"):
                    block["promoted"] += 1
                elif verdict == "approve":
                    block["duplicates"] += 1
        block["ai_recipes_served"] += len(ai["recipes"])
        if mix["from_db"] + len(ai["recipes"]) < COUNT:
            block["short"] += 1
            why = ("generation failed" if ai["state"] == "unavailable" else
                   "reused a smaller generation" if out["ai"]["state"] == "ready" else
                   "AI wrote fewer than asked" if ai["state"] == "ready" else f"AI part {ai['state']}")
            reasons[why] += 1

        if n % args.block == 0 or n == args.requests:
            days.add(day_of(time.time()))
            after = stats_totals(stats_repo, days)
            app = {k: after[k] - before[k] for k in COUNTERS}
            before = after
            promoted_total += block["promoted"]
            rows.append({"last": n, "app": app, "mine": dict(block), "db_size": stream.seeded + promoted_total,
                         "seconds": time.perf_counter() - started})
            mine.update(block)
            print(f"  {n} requests, {time.perf_counter() - started:.0f} s", file=sys.stderr)
            block = Counter()

    report(args, stream.seeded, rows, mine, states, reasons)


def share(part: float, whole: float) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def report(args: argparse.Namespace, seeded: int, rows: list[dict[str, Any]], mine: Counter[str],
           states: Counter[str], reasons: Counter[str]) -> None:
    print(f"\nMix simulation: {args.requests} requests (count={COUNT}) from {args.users} users, offline AI provider, "
          f"approval probability {args.approve:.0%}, seed {args.seed}, starting from {seeded} seeded recipes")
    print("Seed's path: AI share 100% at launch -> 20%; DB coverage 30% -> 60% -> 80% -> 90%\n")
    header = (f"{'requests':>11} {'AI share':>9} {'target':>6} {'coverage':>9} {'target':>6} {'AI calls/1k':>11} "
              f"{'short':>6} {'approved':>8} {'promoted':>8} {'dupes':>5} {'DB size':>7}")
    print(header)
    print("-" * len(header))
    first = 1
    for row in rows:
        app, own = row["app"], row["mine"]
        served = app["ai_recipes_served"] + app["db_recipes_served"]
        span = f"{first}-{row['last']}"
        print(f"{span:>11} {share(app['ai_recipes_served'], served):>9} {'20%':>6} "
              f"{share(app['db_only'], app['requests']):>9} {'90%':>6} "
              f"{1000 * app['ai_calls'] / app['requests']:>11.0f} {share(own.get('short', 0), app['requests']):>6} "
              f"{own.get('approved', 0):>8} {own.get('promoted', 0):>8} {own.get('duplicates', 0):>5} "
              f"{row['db_size']:>7}")
        first = row["last"] + 1
    totals = Counter[str]()
    for row in rows:
        totals.update(row["app"])
    served = totals["ai_recipes_served"] + totals["db_recipes_served"]
    print(f"{'all':>11} {share(totals['ai_recipes_served'], served):>9} {'':>6} "
          f"{share(totals['db_only'], totals['requests']):>9} {'':>6} "
          f"{1000 * totals['ai_calls'] / max(1, totals['requests']):>11.0f} "
          f"{share(mine['short'], totals['requests']):>6} "
          f"{mine['approved']:>8} {mine['promoted']:>8} {mine['duplicates']:>5} {rows[-1]['db_size']:>7}")
    differences = {k: (totals[k], mine[k]) for k in COUNTERS if totals[k] != mine[k]}
    print(f"\nApp mix statistics vs counts from the responses: "
          f"{'agree' if not differences else f'DIFFER (app, responses): {differences}'}")
    print("AI part: " + ", ".join(f"{k} {v}" for k, v in sorted(states.items())))
    print("Short requests: " + (", ".join(f"{k} {v}" for k, v in reasons.most_common()) or "none"))
    print(f"{rows[-1]['seconds']:.0f} s in all")


if __name__ == "__main__":
    main()
