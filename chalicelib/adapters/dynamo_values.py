"""DynamoDB's typed attribute values, for the low-level client."""

from __future__ import annotations


def s(value: str) -> dict[str, str]:
    return {"S": value}


def n(value: int) -> dict[str, str]:
    return {"N": str(value)}
