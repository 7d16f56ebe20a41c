"""`chalice local` on a free port, serving a copy of the app whose `local` stage points at test servers.

`chalice local` writes the stage's environment variables from .chalice/config.json over the process
environment, so the only way to repoint it is to give it a config that says so: a copy of the project.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import ROOT
from tests.support.net import HOST, free_port, wait_for
from tests.support.ops import run_ops

STAGE = "local"


def chalice_command() -> list[str]:
    """The chalice CLI of this interpreter's environment (chalice has no ``python -m chalice``)."""
    beside = Path(sys.executable).parent / "chalice"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("chalice")
    if found:
        return [found]
    raise RuntimeError("the chalice CLI is not installed in this environment (make venv)")


def copy_project(destination: Path, stage_env: Mapping[str, str]) -> Path:
    """Copy app.py, chalicelib/ and .chalice/config.json; merge ``stage_env`` into the copy's stage."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "app.py", destination / "app.py")
    shutil.copytree(ROOT / "chalicelib", destination / "chalicelib",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (destination / ".chalice").mkdir(exist_ok=True)
    config = json.loads((ROOT / ".chalice" / "config.json").read_text(encoding="utf-8"))
    config["stages"][STAGE].setdefault("environment_variables", {}).update(stage_env)
    (destination / ".chalice" / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    return destination


def answers_health(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@dataclass
class ChaliceLocal:
    """One `chalice local` process; ``stage_env`` is what its `local` stage was rewritten to."""

    project_dir: Path
    stage_env: dict[str, str]
    port: int = field(default_factory=free_port)
    log_path: Path | None = None
    _process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def prepare(self) -> None:
        """Create the tables and load the catalog for the copy's stage (both idempotent)."""
        for command in ("bootstrap", "seed"):
            run_ops(command, self.stage_env, cwd=self.project_dir, stage=STAGE)

    def start(self, timeout: float = 60.0) -> None:
        self.log_path = self.project_dir / "chalice-local.log"
        env = {**os.environ, **self.stage_env}
        env.pop("AWS_PROFILE", None)
        command = [*chalice_command(), "local", "--stage", STAGE, "--host", HOST, "--port", str(self.port),
                   "--no-autoreload"]
        with self.log_path.open("wb") as log:
            # Its own process group, so stop() reaches anything chalice may have started.
            self._process = subprocess.Popen(command, cwd=self.project_dir, env=env, stdout=log,
                                             stderr=subprocess.STDOUT, start_new_session=True)
        process = self._process

        def ready() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"chalice local exited with {process.returncode}:\n{self.log()}")
            return answers_health(self.base_url)

        try:
            wait_for(ready, f"chalice local on {self.base_url}", timeout=timeout, interval=0.2)
        except TimeoutError as error:
            self.stop()
            raise TimeoutError(f"{error}\n{self.log()}") from error

    def log(self) -> str:
        """What the server printed so far (for failure messages)."""
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-20000:]

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
