"""Two ways to hand an AI job to the AI suggestion function: one interface, two transports."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from chalicelib.adapters.aws_clients import client

log = logging.getLogger(__name__)


class LambdaInvoker:
    """Deployed stages: an asynchronous (`Event`) invocation of the AI function; returns at once."""

    def __init__(self, function_name: str) -> None:
        self._function_name = function_name

    def submit(self, job: dict[str, Any]) -> None:
        response = client("lambda").invoke(FunctionName=self._function_name, InvocationType="Event",
                                           Payload=json.dumps(job).encode())
        if response.get("StatusCode") != 202:
            raise RuntimeError(f"AI function did not accept the job: status {response.get('StatusCode')}")


class ThreadInvoker:
    """Local stage and tests: the same function body runs in-process, in a background thread."""

    def __init__(self, handler: Callable[[dict[str, Any]], Any]) -> None:
        self._handler = handler
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def submit(self, job: dict[str, Any]) -> None:
        thread = threading.Thread(target=self._run, args=(job,), name="ai-job", daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def _run(self, job: dict[str, Any]) -> None:
        try:
            self._handler(job)
        except Exception:  # a background job has no caller to raise to
            log.exception("AI job failed")

    def drain(self, timeout: float = 30.0) -> None:
        """Wait for submitted jobs (tests and benches that need the result)."""
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)
