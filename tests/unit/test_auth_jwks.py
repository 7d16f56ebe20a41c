"""JwksKeySource: keys from a file or a URL, and the difference between a bad kid and an outage."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from chalicelib.adapters.jwks import JwksKeySource, get_key_source
from chalicelib.services.auth import AuthError, KeysUnavailableError
from tests.support.auth import SigningKeys, create_signing_keys
from tests.support.net import HOST, free_port


class JwksServer:
    """Serves one JWKS document over http on 127.0.0.1 and counts the fetches."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.fetches = 0
        body = json.dumps(document).encode()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.fetches += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer((HOST, 0), Handler)
        self.url = f"http://{HOST}:{self.httpd.server_address[1]}/.well-known/jwks.json"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def jwks_server(signing_keys: SigningKeys) -> Iterator[JwksServer]:
    server = JwksServer(json.loads(signing_keys.jwks_path.read_text(encoding="utf-8")))
    yield server
    server.stop()


def test_file_source_finds_the_key_by_kid(signing_keys: SigningKeys) -> None:
    # Given a JWKS file
    source = JwksKeySource(str(signing_keys.jwks_path))
    # When / Then the key named by the kid is found, and an unknown kid is the caller's problem
    assert source.signing_key(signing_keys.kid) is not None
    with pytest.raises(AuthError) as caught:
        source.signing_key("nope")
    assert caught.value.code == "unknown_key"


def test_file_with_one_key_serves_tokens_without_kid(signing_keys: SigningKeys) -> None:
    # Given / When / Then
    assert JwksKeySource(str(signing_keys.jwks_path)).signing_key(None) is not None


def test_missing_file_is_an_outage_until_it_appears(tmp_path: Path) -> None:
    # Given a source whose file does not exist yet
    source = JwksKeySource(str(tmp_path / "jwks.json"))
    # When / Then it is unavailable, not a bad token
    with pytest.raises(KeysUnavailableError):
        source.signing_key("any")
    # And once the keys are created, the same source serves them
    keys = create_signing_keys(tmp_path)
    assert source.signing_key(keys.kid) is not None


def test_url_source_fetches_once_and_caches(jwks_server: JwksServer, signing_keys: SigningKeys) -> None:
    # Given a source over http on loopback
    source = JwksKeySource(jwks_server.url, timeout=2)
    # When the same key is asked for twice
    source.signing_key(signing_keys.kid)
    source.signing_key(signing_keys.kid)
    # Then the JWKS was fetched once
    assert jwks_server.fetches == 1


def test_url_source_unknown_kid_is_unknown_key(jwks_server: JwksServer) -> None:
    # Given / When / Then a kid the JWKS lacks is the token's fault
    with pytest.raises(AuthError) as caught:
        JwksKeySource(jwks_server.url, timeout=2).signing_key("nope")
    assert caught.value.code == "unknown_key"


def test_unreachable_url_is_an_outage() -> None:
    # Given a URL where nothing listens
    source = JwksKeySource(f"http://{HOST}:{free_port()}/jwks.json", timeout=1)
    # When / Then
    with pytest.raises(KeysUnavailableError):
        source.signing_key("any")


def test_plain_http_is_only_for_loopback() -> None:
    # Given / When / Then
    with pytest.raises(ValueError):
        JwksKeySource("http://example.com/jwks.json")


def test_key_sources_are_shared_per_location(signing_keys: SigningKeys) -> None:
    # Given / When / Then warm invocations reuse one source (and its fetched keys)
    assert get_key_source(str(signing_keys.jwks_path)) is get_key_source(str(signing_keys.jwks_path))
