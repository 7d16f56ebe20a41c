"""Create the table, its GSI and TTL setting: idempotent, shared by `make run`, tests and deployment."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters.aws_clients import dynamodb

TTL_ATTRIBUTE = "ttl"
GSI1 = "GSI1"


def table_definition(name: str) -> dict[str, Any]:
    """Single-table design; see docs/data-model.md for the access patterns."""
    return {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": n, "AttributeType": "S"} for n in ("PK", "SK", "GSI1PK", "GSI1SK")
        ],
        "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        "GlobalSecondaryIndexes": [{
            "IndexName": GSI1,
            "KeySchema": [{"AttributeName": "GSI1PK", "KeyType": "HASH"},
                          {"AttributeName": "GSI1SK", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "ALL"},
        }],
    }


def ensure_table(name: str) -> bool:
    """Create `name` if missing and make sure TTL is on; True when the table was created."""
    client = dynamodb()
    created = False
    try:
        client.create_table(**table_definition(name))
        created = True
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "ResourceInUseException":
            raise
    client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    ttl = client.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
    if ttl.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
        client.update_time_to_live(TableName=name, TimeToLiveSpecification={
            "Enabled": True, "AttributeName": TTL_ATTRIBUTE})
    return created


def table_status(name: str) -> str:
    """ACTIVE, CREATING, ... or MISSING; raises on connection errors."""
    try:
        return str(dynamodb().describe_table(TableName=name)["Table"]["TableStatus"])
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "ResourceNotFoundException":
            return "MISSING"
        raise
