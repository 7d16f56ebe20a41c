"""A real memcached process on a loopback port that tests can stop and start again."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess

from tests.support.net import HOST, free_port, wait_for

MEMCACHED_MISSING = (
    "memcached is not installed: the cache tests need a real server. "
    "Install it (Debian/Ubuntu: apt-get install -y memcached); .ci/run does this by itself."
)


class MemcachedServer:
    """One memcached on ``host:port``; ``stop()`` then ``start()`` brings it back on the same port, empty."""

    def __init__(self, port: int | None = None, memory_mb: int = 64) -> None:
        binary = shutil.which("memcached")
        if binary is None:
            raise RuntimeError(MEMCACHED_MISSING)
        self.host = HOST
        self.port = port or free_port()
        # memcached refuses to start as root unless told which user to run as.
        user = ["-u", "root"] if os.geteuid() == 0 else []
        self._command = [binary, "-l", self.host, "-p", str(self.port), "-U", "0", "-m", str(memory_mb)]
        self._command += user
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def nodes(self) -> str:
        """The value for MEMCACHED_NODES."""
        return f"{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        if self.running:
            return
        self._process = subprocess.Popen(self._command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        process = self._process

        def ready() -> bool:
            if process.poll() is not None:
                stderr = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"memcached exited with {process.returncode}: {stderr.strip()}")
            return self.command("version").startswith("VERSION")

        wait_for(ready, f"memcached on {self.nodes}", timeout=10)

    def stop(self) -> None:
        """Kill the server (SIGKILL, like a crashed node); its port refuses connections afterwards."""
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        if self._process.stderr:
            self._process.stderr.close()
        self._process = None

    def flush(self) -> None:
        """Forget every item (between tests)."""
        if self.running:
            self.command("flush_all")

    def command(self, line: str) -> str:
        """Send one text-protocol command and return the first reply line ('' when nothing answers)."""
        try:
            with socket.create_connection((self.host, self.port), timeout=1) as sock:
                sock.sendall(line.encode() + b"\r\n")
                return sock.recv(4096).decode(errors="replace").split("\r\n", 1)[0]
        except OSError:
            return ""
