"""CloudWatch metrics as embedded metric format (EMF) log lines: no API call on the request path."""

from __future__ import annotations

import json
import sys
import time
from typing import Any, TextIO

NAMESPACE = "CookingApp"
_UNITS = {"latency_ms": "Milliseconds"}


def emf_line(dimensions: dict[str, str], values: dict[str, float], namespace: str = NAMESPACE) -> str:
    """One EMF record: CloudWatch turns each named value into a metric under these dimensions."""
    record: dict[str, Any] = {
        "_aws": {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [{
                "Namespace": namespace,
                "Dimensions": [sorted(dimensions)],
                "Metrics": [{"Name": name, "Unit": _UNITS.get(name, "Count")} for name in sorted(values)],
            }],
        },
        **dimensions,
        **values,
    }
    return json.dumps(record, separators=(",", ":"))


def emit(dimensions: dict[str, str], values: dict[str, float], stream: TextIO | None = None) -> None:
    if values:
        print(emf_line(dimensions, values), file=stream or sys.stdout, flush=True)
