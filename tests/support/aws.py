"""A moto server for the test session and the environment that points the AWS SDK at it."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from tests.support.net import HOST, free_port, wait_for

REGION = "us-east-1"
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": REGION,
}
"""Enough for botocore to sign requests; never valid anywhere real."""
REAL_ACCOUNT_VARIABLES = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_SECURITY_TOKEN")
"""Unset in every test so a developer's shell cannot steer the SDK to a real account or region."""


@dataclass(frozen=True)
class AwsEnv:
    """What a test's environment points at: the endpoint (None under in-process mocking) and its table."""

    endpoint_url: str | None
    table_name: str
    region: str = REGION


def unique_table_name(hint: str) -> str:
    """A table name no other test uses (moto state lives as long as the server)."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", hint)[-40:].strip("-.") or "test"
    return f"t-{slug}-{uuid.uuid4().hex[:8]}"


def moto_answers(endpoint: str) -> bool:
    try:
        with urllib.request.urlopen(f"{endpoint}/moto-api/data.json", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


class MotoServer:
    """moto in server mode, in its own process, on a free loopback port.

    Not a ThreadedMotoServer: moto keeps its state per process, and every in-process ``mock_aws`` resets
    that state when it ends, which would wipe the server's tables in the middle of the session.
    """

    def __init__(self, log_path: Path | None = None) -> None:
        self.port = free_port()
        self.endpoint_url = f"http://{HOST}:{self.port}"
        self.log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(self.port)]
        log = self.log_path.open("wb") if self.log_path else subprocess.DEVNULL
        try:
            self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        finally:
            if not isinstance(log, int):
                log.close()
        process = self._process

        def ready() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"moto server exited with {process.returncode} (log: {self.log_path})")
            return moto_answers(self.endpoint_url)

        wait_for(ready, f"moto on {self.endpoint_url}", timeout=30)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
