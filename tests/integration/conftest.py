"""A seeded catalog in in-process moto, for API tests through chalice.test.Client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chalicelib import ops, wiring
from tests.support.aws import AwsEnv


@pytest.fixture
def seeded(mock_aws: AwsEnv, monkeypatch: pytest.MonkeyPatch) -> Iterator[AwsEnv]:
    """Table created and shipped catalog loaded, with the code `make run` uses; in-process cache only."""
    monkeypatch.setenv("MEMCACHED_NODES", "")
    wiring.reset()
    ops.bootstrap()
    ops.seed()
    yield mock_aws
    wiring.reset()
