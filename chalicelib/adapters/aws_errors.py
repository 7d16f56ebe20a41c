"""Classify AWS SDK failures, so the API can answer 503 (try again) instead of 500 (our bug)."""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError

THROTTLING = {"ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
              "TooManyRequestsException"}


def dependency_failure(exc: BaseException) -> str | None:
    """A short reason when `exc` means an AWS dependency is unavailable or throttling; None otherwise."""
    if isinstance(exc, ClientError):
        code = str(exc.response.get("Error", {}).get("Code", ""))
        status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
        if code in THROTTLING:
            return "throttled"
        if code == "ResourceNotFoundException" or status >= 500:
            return "unavailable"
        return None
    if isinstance(exc, BotoCoreError):
        return "unreachable"
    return None
