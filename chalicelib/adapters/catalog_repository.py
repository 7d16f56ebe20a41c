"""DynamoDB implementation of the catalog repository: Query and GetItem only, never Scan."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from chalicelib.adapters import catalog_keys as keys
from chalicelib.adapters.aws_clients import dynamodb
from chalicelib.adapters.dynamo_values import s as _s
from chalicelib.domain.models import Ingredient, Recipe
from chalicelib.domain.summary import RecipeSummary
from chalicelib.services.ports import Cursor, Page, ReadStats

_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="ddb")



def _key(plain: dict[str, str]) -> dict[str, dict[str, str]]:
    return {k: _s(v) for k, v in plain.items()}


def _item(plain_key: dict[str, str], data: str, **extra: str) -> dict[str, dict[str, str]]:
    return {**_key(plain_key), "d": _s(data), **{k: _s(v) for k, v in extra.items()}}


def item_size(item: dict[str, Any]) -> int:
    """Billable size: attribute names plus string values (all our attributes are strings)."""
    return sum(len(k.encode()) + len(v.get("S", "").encode()) for k, v in item.items())


def read_units(items: list[dict[str, Any]]) -> float:
    """What DynamoDB bills a Query returning `items`: 0.5 unit per started 4 KB, eventually consistent."""
    return math.ceil(sum(item_size(i) for i in items) / 4096) * 0.5 if items else 0.5


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class DynamoCatalogRepository:
    """Catalog items in the single table; the summary travels as one JSON attribute to keep reads small."""

    def __init__(self, table_name: str) -> None:
        self.table = table_name

    def ping(self) -> str:
        status = dynamodb().describe_table(TableName=self.table)["Table"]["TableStatus"]
        return str(status)

    def catalog_versions(self) -> dict[str, str]:
        item = dynamodb().get_item(TableName=self.table, Key=_key(keys.VERSION_KEY)).get("Item", {})
        return {"ingredients": item.get("ingredients", {}).get("S", "0"),
                "recipes": item.get("recipes", {}).get("N", "0")}

    def _bump_recipes_update(self) -> dict[str, Any]:
        return {"TableName": self.table, "Key": _key(keys.VERSION_KEY), "UpdateExpression": "ADD recipes :one",
                "ExpressionAttributeValues": {":one": {"N": "1"}}}

    def load_ingredients(self) -> list[Ingredient]:
        out: list[Ingredient] = []
        params: dict[str, Any] = {
            "TableName": self.table, "KeyConditionExpression": "PK = :pk",
            "ExpressionAttributeValues": {":pk": _s(keys.INGREDIENTS_PK)},
        }
        while True:
            page = dynamodb().query(**params)
            out += [Ingredient.model_validate_json(i["d"]["S"]) for i in page["Items"]]
            if "LastEvaluatedKey" not in page:
                return out
            params["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def get_recipe(self, recipe_id: str) -> Recipe | None:
        item = dynamodb().get_item(TableName=self.table, Key=_key(keys.recipe_key(recipe_id))).get("Item")
        return Recipe.model_validate_json(item["d"]["S"]) if item else None

    def list_recipes(self, facet: str, max_minutes: int | None, limit: int, cursor: Cursor | None) -> Page:
        condition = "PK = :pk"
        values = {":pk": _s(keys.listing_pk(facet))}
        if max_minutes is not None:
            condition += " AND SK < :bound"
            values[":bound"] = _s(keys.minutes_bound(max_minutes))
        params: dict[str, Any] = {"TableName": self.table, "KeyConditionExpression": condition,
                                  "ExpressionAttributeValues": values, "Limit": limit}
        if cursor:
            params["ExclusiveStartKey"] = cursor
        page = dynamodb().query(**params)
        items = [RecipeSummary.model_validate_json(i["d"]["S"]) for i in page["Items"]]
        return Page(items, page.get("LastEvaluatedKey"))

    def candidates(self, ingredient_ids: Sequence[str], max_size: int, budget: int,
                   stats: ReadStats) -> list[RecipeSummary]:
        """Recipes needing any of `ingredient_ids`, at most `max_size` ingredients, reading at most `budget` items.

        One Query per ingredient, run in parallel; each reads up to budget / n items, smallest recipes first.
        """
        if not ingredient_ids:
            return []
        per_ingredient = max(1, budget // len(ingredient_ids))
        pages = list(_POOL.map(lambda i: self._postings(i, max_size, per_ingredient), ingredient_ids))
        found: dict[str, RecipeSummary] = {}
        for ingredient_id, (items, calls, units, cut) in zip(ingredient_ids, pages, strict=True):
            stats.calls += calls
            stats.read_units += units
            stats.items += len(items)
            if cut:
                stats.truncated.append(ingredient_id)
            for raw in items:
                summary = RecipeSummary.model_validate_json(raw)
                found.setdefault(summary.id, summary)
        return list(found.values())

    def _postings(self, ingredient_id: str, max_size: int, limit: int) -> tuple[list[str], int, float, bool]:
        params: dict[str, Any] = {
            "TableName": self.table, "KeyConditionExpression": "PK = :pk AND SK < :bound",
            "ExpressionAttributeValues": {":pk": _s(keys.posting_pk(ingredient_id)),
                                          ":bound": _s(keys.size_bound(max_size))},
        }
        items: list[str] = []
        calls, units = 0, 0.0
        while True:
            params["Limit"] = limit - len(items)
            page = dynamodb().query(**params)
            calls += 1
            units += read_units(page["Items"])
            items += [i["d"]["S"] for i in page["Items"]]
            more = "LastEvaluatedKey" in page
            if not more or len(items) >= limit:
                return items, calls, units, more
            params["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def put_ingredients(self, ingredients: Sequence[Ingredient], version: str) -> None:
        """Write the master list, then its version (readers reload when the version changes)."""
        requests = [{"PutRequest": {"Item": _item(keys.ingredient_key(i.id), i.model_dump_json())}}
                    for i in ingredients]
        self._batch_write(requests)
        dynamodb().update_item(TableName=self.table, Key=_key(keys.VERSION_KEY),
                               UpdateExpression="SET ingredients = :v",
                               ExpressionAttributeValues={":v": _s(version)})

    def put_recipe(self, recipe: Recipe, summary: RecipeSummary) -> None:
        """All items of one recipe in one transaction, deleting index items its previous version owned."""
        old_keys = self._stored_index_keys(recipe.id)
        writes = self._recipe_items(recipe, summary)
        new_keys = {(k["PK"]["S"], k["SK"]["S"]) for k in (w["Item"] for w in writes)}
        actions: list[Any] = [{"Put": {"TableName": self.table, "Item": w["Item"]}} for w in writes]
        actions += [{"Delete": {"TableName": self.table, "Key": _key(k)}}
                    for k in old_keys if (k["PK"], k["SK"]) not in new_keys]
        actions.append({"Update": self._bump_recipes_update()})
        if len(actions) > 100:
            raise ValueError(f"recipe {recipe.id} needs {len(actions)} writes; a transaction allows 100")
        dynamodb().transact_write_items(TransactItems=actions)

    def put_recipes_bulk(self, pairs: Sequence[tuple[Recipe, RecipeSummary]]) -> None:
        """Seeding: batch writes (idempotent; a re-run completes an interrupted one)."""
        requests = [{"PutRequest": w} for recipe, summary in pairs for w in self._recipe_items(recipe, summary)]
        self._batch_write(requests)
        dynamodb().update_item(**self._bump_recipes_update())

    def _recipe_items(self, recipe: Recipe, summary: RecipeSummary) -> list[dict[str, Any]]:
        data = summary.model_dump_json()
        full = {"Item": _item(keys.recipe_key(recipe.id), recipe.model_dump_json(), summary=data)}
        return [full, *({"Item": _item(k, data)} for k in keys.index_keys(summary))]

    def _stored_index_keys(self, recipe_id: str) -> list[dict[str, str]]:
        item = dynamodb().get_item(TableName=self.table, Key=_key(keys.recipe_key(recipe_id)),
                                   ProjectionExpression="summary").get("Item", {})
        if "summary" not in item:
            return []
        return keys.index_keys(RecipeSummary.model_validate_json(item["summary"]["S"]))

    def _batch_write(self, requests: list[dict[str, Any]]) -> None:
        client = dynamodb()
        for chunk in _chunks(requests, 25):
            pending: dict[str, Any] = {self.table: list(chunk)}
            for _ in range(10):
                unprocessed = client.batch_write_item(RequestItems=pending).get("UnprocessedItems", {})
                if not unprocessed:
                    break
                pending = unprocessed
            else:
                raise RuntimeError("DynamoDB left items unprocessed after 10 attempts")
