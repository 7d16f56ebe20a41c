"""Suggestions, generations, profiles and sharded daily counters in the single table (docs/data-model.md)."""

from __future__ import annotations

import json
import random
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters.aws_clients import dynamodb
from chalicelib.adapters.dynamo_values import n as _n
from chalicelib.adapters.dynamo_values import s as _s
from chalicelib.adapters.table_bootstrap import TTL_ATTRIBUTE
from chalicelib.domain.suggestion import AiPart, Generation, Suggestion


def suggestion_key(user_id: str, suggestion_id: str) -> dict[str, dict[str, str]]:
    # The owner is part of the key: another user's id simply finds nothing.
    return {"PK": _s(f"USER#{user_id}"), "SK": _s(f"SUGG#{suggestion_id}")}


def generation_key(key: str) -> dict[str, dict[str, str]]:
    return {"PK": _s(f"GEN#{key}"), "SK": _s("META")}


def _conditional_failed(exc: ClientError) -> bool:
    return exc.response["Error"]["Code"] == "ConditionalCheckFailedException"


class DynamoSuggestionRepository:
    def __init__(self, table_name: str) -> None:
        self.table = table_name

    def put(self, suggestion: Suggestion) -> None:
        body = suggestion.model_dump(mode="json", exclude={"ai", "feedback"})
        dynamodb().put_item(TableName=self.table, Item={
            **suggestion_key(suggestion.user_id, suggestion.id),
            "d": _s(json.dumps(body, ensure_ascii=False, separators=(",", ":"))),
            "ai": _s(suggestion.ai.model_dump_json()),
            "ai_state": _s(suggestion.ai.state.value),
            "feedback": {"M": {k: _s(v) for k, v in suggestion.feedback.items()}},
            TTL_ATTRIBUTE: _n(suggestion.expires_at),
        })

    def get(self, user_id: str, suggestion_id: str, now: int) -> Suggestion | None:
        item = dynamodb().get_item(TableName=self.table, Key=suggestion_key(user_id, suggestion_id),
                                   ConsistentRead=True).get("Item")
        # DynamoDB deletes expired items only eventually (up to days later): expiry is checked on read.
        if not item or int(item[TTL_ATTRIBUTE]["N"]) <= now:
            return None
        body = json.loads(item["d"]["S"])
        return Suggestion.model_validate({
            **body, "ai": json.loads(item["ai"]["S"]),
            "feedback": {k: v["S"] for k, v in item.get("feedback", {}).get("M", {}).items()},
        })

    def set_ai(self, user_id: str, suggestion_id: str, ai: AiPart) -> bool:
        """Settle a pending AI part; False when it was no longer pending (someone else settled it)."""
        try:
            dynamodb().update_item(
                TableName=self.table, Key=suggestion_key(user_id, suggestion_id),
                UpdateExpression="SET ai = :ai, ai_state = :state",
                ConditionExpression="attribute_exists(PK) AND ai_state = :pending",
                ExpressionAttributeValues={":ai": _s(ai.model_dump_json()), ":state": _s(ai.state.value),
                                           ":pending": _s("pending")},
            )
        except ClientError as exc:
            if _conditional_failed(exc):
                return False
            raise
        return True

    def record_feedback(self, user_id: str, suggestion_id: str, recipe_id: str, verdict: str) -> bool:
        try:
            dynamodb().update_item(
                TableName=self.table, Key=suggestion_key(user_id, suggestion_id),
                UpdateExpression="SET feedback.#r = :v",
                ConditionExpression="attribute_exists(PK) AND attribute_not_exists(feedback.#r)",
                ExpressionAttributeNames={"#r": recipe_id}, ExpressionAttributeValues={":v": _s(verdict)},
            )
        except ClientError as exc:
            if _conditional_failed(exc):
                return False
            raise
        return True

    def claim_generation(self, key: str, now: int, stale_after: int, reuse_for: int, ttl: int) -> bool:
        try:
            dynamodb().put_item(
                TableName=self.table,
                Item={**generation_key(key), "status": _s("pending"), "started_at": _n(now),
                      "d": _s(Generation(key=key, status="pending", started_at=now).model_dump_json()),
                      TTL_ATTRIBUTE: _n(now + ttl)},
                # Free when absent, failed, expired, ready but older than the reuse window, or pending for so
                # long that its worker must have died.
                ConditionExpression=("attribute_not_exists(PK) OR #st = :failed OR #ttl <= :now "
                                     "OR (#st = :pending AND started_at < :stale) "
                                     "OR (#st = :ready AND finished_at < :reuse)"),
                ExpressionAttributeNames={"#st": "status", "#ttl": TTL_ATTRIBUTE},
                ExpressionAttributeValues={":failed": _s("failed"), ":pending": _s("pending"), ":now": _n(now),
                                           ":stale": _n(now - stale_after), ":ready": _s("ready"),
                                           ":reuse": _n(now - reuse_for)},
            )
        except ClientError as exc:
            if _conditional_failed(exc):
                return False
            raise
        return True

    def get_generation(self, key: str) -> Generation | None:
        item = dynamodb().get_item(TableName=self.table, Key=generation_key(key), ConsistentRead=True).get("Item")
        return Generation.model_validate_json(item["d"]["S"]) if item else None

    def finish_generation(self, generation: Generation, ttl: int) -> None:
        dynamodb().put_item(TableName=self.table, Item={
            **generation_key(generation.key), "status": _s(generation.status),
            "started_at": _n(generation.started_at), "finished_at": _n(generation.finished_at or 0),
            "d": _s(generation.model_dump_json()),
            TTL_ATTRIBUTE: _n((generation.finished_at or generation.started_at) + ttl),
        })


class DynamoProfileRepository:
    def __init__(self, table_name: str) -> None:
        self.table = table_name

    @staticmethod
    def _key(user_id: str) -> dict[str, dict[str, str]]:
        return {"PK": _s(f"USER#{user_id}"), "SK": _s("PROFILE")}

    def get_profile(self, user_id: str) -> dict[str, Any] | None:
        item = dynamodb().get_item(TableName=self.table, Key=self._key(user_id)).get("Item")
        return dict(json.loads(item["d"]["S"])) if item else None

    def put_profile(self, user_id: str, profile: dict[str, Any]) -> None:
        dynamodb().put_item(TableName=self.table, Item={**self._key(user_id), "d": _s(json.dumps(profile))})


class DynamoStatsRepository:
    """Daily counters written to one of N shards at random, so a busy day is not one hot item."""

    def __init__(self, table_name: str, shards: int) -> None:
        self.table = table_name
        self.shards = shards

    def add(self, day: str, counters: dict[str, int]) -> None:
        counters = {k: v for k, v in counters.items() if v}
        if not counters:
            return
        names = {f"#c{i}": name for i, name in enumerate(counters)}
        values = {f":c{i}": _n(value) for i, value in enumerate(counters.values())}
        dynamodb().update_item(
            TableName=self.table,
            Key={"PK": _s(f"STATS#{day}#{random.randrange(self.shards)}"), "SK": _s("MIX")},
            UpdateExpression="ADD " + ", ".join(f"#c{i} :c{i}" for i in range(len(counters))),
            ExpressionAttributeNames=names, ExpressionAttributeValues=values,
        )

    def read(self, days: list[str]) -> dict[str, dict[str, int]]:
        totals: dict[str, dict[str, int]] = {day: {} for day in days}
        keys = [{"PK": _s(f"STATS#{day}#{shard}"), "SK": _s("MIX")} for day in days for shard in range(self.shards)]
        for start in range(0, len(keys), 100):
            pending: dict[str, Any] = {self.table: {"Keys": keys[start:start + 100]}}
            while pending:
                page = dynamodb().batch_get_item(RequestItems=pending)
                for item in page["Responses"].get(self.table, []):
                    day = item["PK"]["S"].split("#")[1]
                    for name, value in item.items():
                        if "N" in value:
                            totals[day][name] = totals[day].get(name, 0) + int(value["N"])
                pending = page.get("UnprocessedKeys") or {}
        return totals
