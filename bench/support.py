"""What the benches share: a private memcached, and silence from the app's per-request metrics lines."""

from __future__ import annotations

import copy
import os
import shutil
import socket
import subprocess
import threading
import time
from typing import Any

_partition = threading.local()


def quiet_metrics() -> None:
    """The app prints a CloudWatch metrics line per request; a bench prints its own table instead."""
    import chalicelib.observability

    chalicelib.observability.emit = lambda *args, **kwargs: None  # type: ignore[attr-defined]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_memcached(memory_mb: int = 64) -> tuple[subprocess.Popen[bytes], int]:
    """A memcached on a free loopback port; the caller kills it."""
    binary = shutil.which("memcached")
    if binary is None:
        raise SystemExit("memcached is not installed (apt-get install -y memcached)")
    port = free_port()
    user = ["-u", "root"] if os.geteuid() == 0 else []
    proc = subprocess.Popen([binary, "-l", "127.0.0.1", "-p", str(port), "-m", str(memory_mb), *user])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("memcached did not start")


def narrow_moto_queries() -> None:
    """Make moto answer a base-table Query from its partition instead of sorting the whole table first.

    Same items in the same order; only moto's own cost changes (it grows with the table, DynamoDB's does not).
    """
    from moto.dynamodb.models.table import Table

    original_query, original_all_items = Table.query, Table.all_items

    def all_items(self: Any) -> Any:
        key = getattr(_partition, "hash_key", None)
        if key is None:
            return original_all_items(self)
        items = self.items.get(key)
        return list(items.values()) if isinstance(items, dict) else [] if items is None else [items]

    def query(self: Any, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
        index_name = args[6] if len(args) > 6 else kwargs.get("index_name")
        if index_name is not None or hash_key is None:
            return original_query(self, hash_key, *args, **kwargs)
        _partition.hash_key = hash_key
        try:
            return original_query(self, hash_key, *args, **kwargs)
        finally:
            _partition.hash_key = None

    Table.all_items = all_items  # type: ignore[method-assign]
    Table.query = query  # type: ignore[method-assign]


def skip_transaction_table_copies() -> None:
    """moto deep-copies every table a TransactWriteItems touches (to roll back); the app's recipe
    transactions carry no conditions, so a bench can skip that copy, which grows with the table."""
    import moto.dynamodb.models as models
    from moto.dynamodb.models.table import Table

    class NoTableCopy:
        def __getattr__(self, name: str) -> Any:
            return getattr(copy, name)

        @staticmethod
        def deepcopy(value: Any, memo: Any = None) -> Any:
            return value if isinstance(value, Table) else copy.deepcopy(value, memo)

    setattr(models, "copy", NoTableCopy())  # noqa: B010 (a module attribute replaced on purpose)
