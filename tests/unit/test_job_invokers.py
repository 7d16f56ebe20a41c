"""The two transports that hand an AI job to the AI function."""

from __future__ import annotations

import json
import threading
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from chalicelib.adapters import job_invokers
from chalicelib.adapters.job_invokers import LambdaInvoker, ThreadInvoker


def test_lambda_invoker_sends_an_asynchronous_event(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a Lambda client that expects one Event invocation of the AI function
    client = boto3.client("lambda", region_name="us-east-1")
    job = {"generation_key": "gen:1.x:abc", "request": {}, "targets": []}
    with Stubber(client) as stub:
        stub.add_response("invoke", {"StatusCode": 202}, {
            "FunctionName": "cooking-api-prod-ai_suggestion:live", "InvocationType": "Event",
            "Payload": json.dumps(job).encode()})
        monkeypatch.setattr(job_invokers, "client", lambda service: client)
        # When a job is submitted / Then it is sent fire-and-forget, and nothing is left unsent
        LambdaInvoker("cooking-api-prod-ai_suggestion:live").submit(job)
        stub.assert_no_pending_responses()


def test_lambda_invoker_reports_a_refused_invocation(monkeypatch: pytest.MonkeyPatch) -> None:
    client = boto3.client("lambda", region_name="us-east-1")
    with Stubber(client) as stub:
        stub.add_client_error("invoke", "TooManyRequestsException", http_status_code=429)
        monkeypatch.setattr(job_invokers, "client", lambda service: client)
        with pytest.raises(Exception, match="TooManyRequests"):
            LambdaInvoker("fn").submit({})


def test_thread_invoker_runs_the_handler_in_the_background() -> None:
    started, release = threading.Event(), threading.Event()
    seen: list[dict[str, Any]] = []

    def handler(job: dict[str, Any]) -> None:
        started.set()
        release.wait(5)
        seen.append(job)

    invoker = ThreadInvoker(handler)
    invoker.submit({"n": 1})  # returns while the handler is still running
    assert started.wait(5) and seen == []
    release.set()
    invoker.drain()
    assert seen == [{"n": 1}]


def test_thread_invoker_logs_a_failing_job(caplog: pytest.LogCaptureFixture) -> None:
    def handler(job: dict[str, Any]) -> None:
        raise RuntimeError("model exploded")

    invoker = ThreadInvoker(handler)
    with caplog.at_level("ERROR", logger="chalicelib.adapters.job_invokers"):
        invoker.submit({})
        invoker.drain()
    assert any("AI job failed" in r.message and r.exc_info for r in caplog.records)
