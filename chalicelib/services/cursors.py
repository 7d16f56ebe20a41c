"""Opaque pagination cursors: what the client passes back is checked, never trusted."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any


class InvalidCursor(ValueError):
    """The cursor was not made by us for this listing."""


def encode(position: dict[str, Any] | str | None) -> str | None:
    if position is None:
        return None
    raw = json.dumps(position, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str | None) -> Any:
    if not token:
        return None
    try:
        return json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError) as exc:
        raise InvalidCursor("The cursor is not one this service issued.") from exc
