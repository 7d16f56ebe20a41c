"""Converse payloads shaped like Bedrock's, a stubbed bedrock-runtime client, a fake endpoint over HTTP."""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import boto3
from botocore.stub import Stubber

from tests.support.aws import FAKE_CREDENTIALS, REGION
from tests.support.net import HOST

TOOL = "submit_recipes"


def recipe_payload(title_en: str, title_vi: str, ids: list[str], **overrides: Any) -> dict[str, Any]:
    """One recipe as the model writes it in the tool input."""
    recipe: dict[str, Any] = {
        "title_vi": title_vi,
        "title_en": title_en,
        "description": f"Món {title_vi.lower()} đậm đà, dễ làm cho bữa cơm gia đình.",
        "cuisine": "vietnamese",
        "tags": ["home_style", "quick"],
        "ingredients": [{"ingredient_id": i, "quantity": 200 if n == 0 else 1,
                         "unit": "g" if n == 0 else "tbsp", "note": "", "optional": False}
                        for n, i in enumerate(ids)],
        "steps": ["1. Sơ chế nguyên liệu, rửa sạch để ráo.",
                  "2. Phi thơm hành, cho nguyên liệu chính vào xào.",
                  "3. Nêm nếm vừa ăn, tắt bếp và dọn ra đĩa."],
        "prep_minutes": 10,
        "cook_minutes": 20,
        "servings": 2,
        "difficulty": "easy",
    }
    recipe.update(overrides)
    return recipe


def converse_response(tool_input: Any = None, *, stop_reason: str = "tool_use", text: str | None = None,
                      input_tokens: int = 812, output_tokens: int = 1460,
                      tool_use_id: str = "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q") -> dict[str, Any]:
    """A Converse response: optional text, then one toolUse block with `tool_input` (unless None)."""
    content: list[dict[str, Any]] = []
    if text is not None:
        content.append({"text": text})
    if tool_input is not None:
        content.append({"toolUse": {"toolUseId": tool_use_id, "name": TOOL, "input": tool_input}})
    return {
        "output": {"message": {"role": "assistant", "content": content}},
        "stopReason": stop_reason,
        "usage": {"inputTokens": input_tokens, "outputTokens": output_tokens,
                  "totalTokens": input_tokens + output_tokens},
        "metrics": {"latencyMs": 3184},
    }


@dataclass
class StubbedBedrock:
    """A real bedrock-runtime client answered by a Stubber; `calls` holds every converse call's params."""

    client: Any
    stubber: Stubber
    calls: list[dict[str, Any]] = field(default_factory=list)
    configs: list[Any] = field(default_factory=list)

    def factory(self, config: Any) -> Any:
        self.configs.append(config)
        return self.client

    def respond(self, response: dict[str, Any]) -> None:
        self.stubber.add_response("converse", response)

    def fail(self, code: str, status: int, message: str) -> None:
        self.stubber.add_client_error("converse", service_error_code=code, service_message=message,
                                      http_status_code=status)


@contextmanager
def stubbed_bedrock() -> Iterator[StubbedBedrock]:
    client = boto3.session.Session().client(
        "bedrock-runtime", region_name=REGION, aws_access_key_id=FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=FAKE_CREDENTIALS["AWS_SECRET_ACCESS_KEY"])
    stub = StubbedBedrock(client, Stubber(client))

    def capture(params: dict[str, Any], **_: Any) -> None:
        stub.calls.append(copy.deepcopy(params))

    client.meta.events.register("provide-client-params.bedrock-runtime.Converse", capture)
    with stub.stubber:
        yield stub
        stub.stubber.assert_no_pending_responses()


class FakeBedrockEndpoint:
    """Answers every request on 127.0.0.1 with one status and error code after `delay` s; counts them."""

    def __init__(self, status: int, error_code: str, delay: float = 0.0) -> None:
        self.requests = 0
        endpoint = self
        body = json.dumps({"message": "Too many requests, please wait before trying again."}).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                endpoint.requests += 1
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("x-amzn-ErrorType", f"{error_code}:http://internal.amazon.com/coral/")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up waiting
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer((HOST, 0), Handler)
        self.url = f"http://{HOST}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
