"""Run the operations CLI (python -m chalicelib.ops) the way make and deployment do."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from tests.support import ROOT


def run_ops(command: str, env: Mapping[str, str], cwd: Path = ROOT, stage: str = "local") -> str:
    """``python -m chalicelib.ops COMMAND --stage STAGE`` with ``env`` over the current environment.

    Returns the output; raises AssertionError with the output when the command fails.
    """
    result = subprocess.run(
        [sys.executable, "-m", "chalicelib.ops", command, "--stage", stage],
        cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=300, check=False,
    )
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise AssertionError(f"chalicelib.ops {command} failed ({result.returncode}):\n{output}")
    return output
