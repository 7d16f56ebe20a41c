"""boto3 clients, created on first use (never at import) and reused by a warm instance."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

_lock = threading.Lock()


@lru_cache(maxsize=8)
def _client(service: str, endpoint: str | None, region: str | None) -> Any:
    """One client per service and endpoint; the key lets tests repoint the SDK between cases."""
    # Short timeouts and standard retries: a request path must not hang on AWS.
    config = Config(connect_timeout=2, read_timeout=5, retries={"max_attempts": 3, "mode": "standard"},
                    max_pool_connections=32)
    with _lock:  # creating clients from one session at once is not thread-safe
        return boto3.session.Session().client(service, config=config)  # type: ignore[call-overload]


def client(service: str) -> Any:
    """A client for `service`; the endpoint comes from the SDK's own settings (AWS_ENDPOINT_URL)."""
    return _client(service, os.environ.get("AWS_ENDPOINT_URL"), os.environ.get("AWS_DEFAULT_REGION"))


def dynamodb() -> DynamoDBClient:
    return client("dynamodb")  # type: ignore[no-any-return]


def reset_clients() -> None:
    """Forget cached clients (tests that start a new in-process mock)."""
    _client.cache_clear()
