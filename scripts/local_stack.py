"""Run the whole stack on 127.0.0.1 with no AWS account: moto, memcached, tables, catalog, chalice local.

Usage: ``python scripts/local_stack.py [--port 8000]`` (``make run`` does this inside the virtualenv).

Addresses come from the ``local`` stage of ``.chalice/config.json`` (AWS_ENDPOINT_URL, MEMCACHED_NODES), so
the servers started here are the ones ``chalice local`` will talk to. A moto or memcached server already
answering on its port (say, left over from an earlier run) is reused and left running on exit; anything
else holding one of those ports is an error. Ctrl-C stops everything this script started.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
STAGE = "local"
HOST = "127.0.0.1"


class StackError(RuntimeError):
    """A step of the local stack could not be done; the message says what to do."""


def say(message: str) -> None:
    print(f"[local-stack] {message}", flush=True)


def stage_environment(stage: str = STAGE) -> dict[str, str]:
    """The environment variables chalice gives the app in ``stage`` (top level, then the stage's own)."""
    config = json.loads((ROOT / ".chalice" / "config.json").read_text(encoding="utf-8"))
    env = dict(config.get("environment_variables", {}))
    env.update(config["stages"][stage].get("environment_variables", {}))
    return env


def is_listening(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def wait_until(check: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise StackError(f"{what} did not come up within {timeout:.0f} s")
        time.sleep(0.1)


def answers_like_moto(endpoint: str) -> bool:
    try:
        with urllib.request.urlopen(f"{endpoint}/moto-api/data.json", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def answers_like_memcached(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(b"version\r\n")
            return sock.recv(64).startswith(b"VERSION")
    except OSError:
        return False


@contextmanager
def moto_server(endpoint: str) -> Iterator[None]:
    """Serve moto at ``endpoint`` in a thread of this process, or reuse a moto already there."""
    parts = urlsplit(endpoint)
    host, port = parts.hostname or HOST, parts.port or 80
    if is_listening(host, port):
        if not answers_like_moto(endpoint):
            raise StackError(f"port {port} is taken by something that is not moto; stop it and retry")
        say(f"reusing the moto server already on {endpoint} (left from an earlier run?); its data is kept")
        yield
        return
    from moto.server import ThreadedMotoServer

    # One log line per AWS call would drown chalice's own request log.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    try:
        wait_until(lambda: answers_like_moto(endpoint), "moto")
        say(f"moto (local AWS) on {endpoint}")
        yield
    finally:
        server.stop()
        say("moto stopped")


def memcached_user_args() -> list[str]:
    """memcached refuses to run as root unless told which user to become."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("memcache")
    except KeyError:
        return ["-u", "root"]
    return ["-u", "memcache"]


@contextmanager
def memcached(nodes: str) -> Iterator[None]:
    """Start memcached for the first node of MEMCACHED_NODES, reuse one already there, or go without."""
    first = next((n.strip() for n in nodes.split(",") if n.strip()), "")
    if not first:
        say("MEMCACHED_NODES is empty: the app runs with its in-process cache only")
        yield
        return
    host, _, port_text = first.rpartition(":")
    port = int(port_text)
    if is_listening(host, port):
        if not answers_like_memcached(host, port):
            raise StackError(f"port {port} is taken by something that is not memcached; stop it and retry")
        say(f"reusing the memcached already on {host}:{port} (left from an earlier run?)")
        yield
        return
    binary = shutil.which("memcached")
    if binary is None:
        say("memcached is not installed: the app runs with its in-process cache only")
        say("(to get the shared cache too: apt-get install -y memcached, then make run again)")
        yield
        return
    command = [binary, "-l", host, "-p", str(port), "-U", "0", "-m", "64", *memcached_user_args()]
    process = subprocess.Popen(command)
    try:
        wait_until(lambda: process.poll() is None and answers_like_memcached(host, port), "memcached")
        say(f"memcached on {host}:{port}")
        yield
    finally:
        stop(process, "memcached")


def stop(process: subprocess.Popen[bytes], name: str, grace: float = 5.0) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    say(f"{name} stopped")


def run_step(args: list[str], env: dict[str, str], what: str) -> None:
    say(what)
    result = subprocess.run(args, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise StackError(f"{what} failed (exit {result.returncode}); see the output above")


def chalice_command() -> str:
    """The chalice script of this interpreter's environment (``python -m chalice`` does not exist)."""
    beside = Path(sys.executable).parent / "chalice"
    found = str(beside) if beside.exists() else shutil.which("chalice")
    if not found:
        raise StackError("chalice is not installed in this environment: run make venv")
    return found


def serve(port: int) -> int:
    stage_env = stage_environment()
    # Make every step use the stage's own settings: chalice local applies them over the environment anyway.
    env = {**os.environ, **stage_env}
    env.pop("AWS_PROFILE", None)
    if is_listening(HOST, port):
        raise StackError(f"port {port} is already in use (another chalice local?); stop it or pass --port")
    with ExitStack() as stack:
        stack.enter_context(moto_server(stage_env["AWS_ENDPOINT_URL"]))
        stack.enter_context(memcached(stage_env.get("MEMCACHED_NODES", "")))
        python = sys.executable
        run_step([python, "scripts/local_auth.py", "keys"], env, "signing keys (.local/)")
        run_step([python, "-m", "chalicelib.ops", "bootstrap", "--stage", STAGE], env, "creating tables")
        run_step([python, "-m", "chalicelib.ops", "seed", "--stage", STAGE], env, "loading the catalog")
        command = [chalice_command(), "local", "--stage", STAGE, "--host", HOST, "--port", str(port)]
        say(f"API on http://{HOST}:{port} (Ctrl-C stops everything)")
        server = subprocess.Popen([*command, "--no-autoreload"], cwd=ROOT, env=env)
        try:
            return server.wait()
        finally:
            stop(server, "chalice local")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8000, help="port for chalice local (default 8000)")
    args = parser.parse_args(argv)
    # `kill` (SIGTERM) must clean up like Ctrl-C: SystemExit unwinds the context managers above.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        return serve(args.port)
    except KeyboardInterrupt:
        return 0  # Ctrl-C is the normal way to stop
    except StackError as error:
        say(f"error: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
