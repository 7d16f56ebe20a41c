"""Canonical, versioned cache keys that fit memcached's rules for any input."""

from __future__ import annotations

import hashlib
import json
from typing import Any

SCHEMA_VERSION = "1"
"""Bump when the shape of cached values changes: old entries are then simply never read again."""


def canonical(parts: Any) -> str:
    """Stable JSON: sorted keys, no spaces, sets as sorted lists."""
    return json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot key on {type(value).__name__}")


def cache_key(class_name: str, class_version: str, parts: Any) -> str:
    """'<class>:<schema>.<version>:<sha256>' — ASCII, no spaces, under 100 bytes whatever `parts` holds."""
    digest = hashlib.sha256(canonical(parts).encode()).hexdigest()[:40]
    return f"{class_name}:{SCHEMA_VERSION}.{class_version}:{digest}"
