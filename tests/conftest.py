"""Shared fixtures: fake AWS (in-process or a moto server), a real memcached, signing keys, chalice local.

Every test runs with fake AWS credentials and without AWS_ENDPOINT_URL or a profile, so nothing can
reach a real account. Servers are session-wide and listen on free ports of 127.0.0.1; each test that
touches AWS gets its own table name, so tests never see each other's data.
"""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import moto
import pytest

from tests.support import ROOT
from tests.support.auth import AUDIENCE, ISSUER, SigningKeys, create_signing_keys
from tests.support.aws import FAKE_CREDENTIALS, REAL_ACCOUNT_VARIABLES, AwsEnv, MotoServer, unique_table_name
from tests.support.chalice_local import ChaliceLocal, copy_project
from tests.support.memcached import MEMCACHED_MISSING, MemcachedServer
from tests.support.ops import run_ops

LAYERS = ("unit", "integration", "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with the folder it lives in, so `-m unit` / `-m "not e2e"` select by layer."""
    for item in items:
        parts = item.path.relative_to(ROOT).parts if item.path.is_relative_to(ROOT) else ()
        layer = next((part for part in parts if part in LAYERS), None)
        if layer:
            item.add_marker(getattr(pytest.mark, layer))


def _reset_aws_clients() -> None:
    """Drop boto3 clients cached by the app: moto only intercepts clients created after it starts."""
    try:
        module = importlib.import_module("chalicelib.adapters.aws_clients")
    except ImportError:
        return
    reset = getattr(module, "reset_clients", None)
    if callable(reset):
        reset()


@pytest.fixture(autouse=True)
def _fake_aws_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*REAL_ACCOUNT_VARIABLES, "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in FAKE_CREDENTIALS.items():
        monkeypatch.setenv(name, value)


# --- AWS ------------------------------------------------------------------------------------------


@pytest.fixture
def mock_aws(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[AwsEnv]:
    """In-process moto for fast unit tests; TABLE_NAME is set to a fresh name (the table is not created)."""
    table_name = unique_table_name(request.node.name)
    monkeypatch.setenv("TABLE_NAME", table_name)
    with moto.mock_aws():
        _reset_aws_clients()
        yield AwsEnv(endpoint_url=None, table_name=table_name)
    _reset_aws_clients()


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A moto server process for the whole session; yields its endpoint URL (http://127.0.0.1:PORT)."""
    server = MotoServer(log_path=tmp_path_factory.mktemp("moto") / "moto.log")
    server.start()
    yield server.endpoint_url
    server.stop()


@pytest.fixture
def aws_env(moto_server: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> AwsEnv:
    """Points the SDK at the session's moto server with a TABLE_NAME of this test's own (not created)."""
    env = AwsEnv(endpoint_url=moto_server, table_name=unique_table_name(request.node.name))
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server)
    monkeypatch.setenv("TABLE_NAME", env.table_name)
    return env


@pytest.fixture
def bootstrapped_aws_env(aws_env: AwsEnv) -> AwsEnv:
    """`aws_env` after `python -m chalicelib.ops bootstrap` created this test's table(s)."""
    run_ops("bootstrap", {"AWS_ENDPOINT_URL": aws_env.endpoint_url or "", "TABLE_NAME": aws_env.table_name})
    return aws_env


# --- memcached ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def memcached_server() -> Iterator[MemcachedServer]:
    """A real memcached for the session: .host, .port, .nodes ("host:port"), .stop(), .start(), .flush()."""
    if shutil.which("memcached") is None:
        pytest.fail(MEMCACHED_MISSING, pytrace=False)
    server = MemcachedServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def memcached(
    memcached_server: MemcachedServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MemcachedServer]:
    """The session memcached, running and empty, with MEMCACHED_NODES pointing at it; restarted afterwards."""
    memcached_server.start()
    memcached_server.flush()
    monkeypatch.setenv("MEMCACHED_NODES", memcached_server.nodes)
    yield memcached_server
    memcached_server.start()


# --- auth -----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def signing_keys(tmp_path_factory: pytest.TempPathFactory) -> SigningKeys:
    """One RSA key pair and its jwks.json for the session (also trusted by the chalice_local server)."""
    return create_signing_keys(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def local_keys(signing_keys: SigningKeys, monkeypatch: pytest.MonkeyPatch) -> SigningKeys:
    """`signing_keys` with AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE set so the app trusts their tokens."""
    monkeypatch.setenv("AUTH_JWKS_URL", str(signing_keys.jwks_path))
    monkeypatch.setenv("AUTH_ISSUER", ISSUER)
    monkeypatch.setenv("AUTH_AUDIENCE", AUDIENCE)
    monkeypatch.setenv("AUTH_TOKEN_USE", "")
    return signing_keys


@pytest.fixture
def make_token(signing_keys: SigningKeys) -> Callable[..., str]:
    """``make_token("alice")`` / ``make_token("ops", admin=True)``: a signed bearer token (no "Bearer ")."""
    return signing_keys.token


# --- the app --------------------------------------------------------------------------------------


@pytest.fixture
def chalice_client() -> Iterator[Any]:
    """`chalice.test.Client` for app.py under a stage that config.json lacks.

    The client writes a stage's environment variables over os.environ during each call; an unknown stage
    adds only the top-level ones, so what the test (or aws_env, memcached, local_keys) set is what the
    app sees.
    """
    from chalice.test import Client

    app = importlib.import_module("app").app
    with Client(app, stage_name="test", project_dir=str(ROOT)) as client:
        yield client


@pytest.fixture(scope="session")
def chalice_local_server(
    tmp_path_factory: pytest.TempPathFactory,
    moto_server: str,
    memcached_server: MemcachedServer,
    signing_keys: SigningKeys,
) -> Iterator[ChaliceLocal]:
    """`chalice local` over a copy of the app whose `local` stage uses the session's servers and keys.

    Tables are bootstrapped and the catalog seeded first. Yields the ChaliceLocal: .base_url,
    .stage_env (TABLE_NAME, MEMCACHED_NODES, ...), .log() for what the server printed.
    """
    stage_env = {
        **FAKE_CREDENTIALS,
        "AWS_ENDPOINT_URL": moto_server,
        "MEMCACHED_NODES": memcached_server.nodes,
        "TABLE_NAME": unique_table_name("e2e"),
        "AUTH_JWKS_URL": str(signing_keys.jwks_path),
        "AUTH_ISSUER": ISSUER,
        "AUTH_AUDIENCE": AUDIENCE,
    }
    project_dir: Path = copy_project(tmp_path_factory.mktemp("chalice-local"), stage_env)
    server = ChaliceLocal(project_dir=project_dir, stage_env=stage_env)
    server.prepare()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chalice_local(chalice_local_server: ChaliceLocal) -> str:
    """Base URL (http://127.0.0.1:PORT, no trailing slash) of the session's `chalice local` server."""
    return chalice_local_server.base_url
