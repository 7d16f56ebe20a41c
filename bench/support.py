"""What the benches share: a private memcached, and silence from the app's per-request metrics lines."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time


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
