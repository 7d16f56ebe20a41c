"""The authorizer and the route wrapper together: our JSON errors for bad tokens, roles, identity."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
from chalice.app import Blueprint, Chalice, Request
from chalice.test import Client
from cryptography.hazmat.primitives.asymmetric import rsa

from chalicelib.api import auth
from chalicelib.api.auth import auth_blueprint, current_identity, jwt_authorizer
from chalicelib.api.errors import ApiError
from chalicelib.api.routing import route
from tests.support.auth import SigningKeys, create_signing_keys

METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123/api/GET/me"


def build_app() -> Chalice:
    """A throwaway app: the auth blueprint plus views in another blueprint, as app.py wires them."""
    views = Blueprint("tests.unit.test_auth_routes.views")

    @route(views, "/me", access="user")
    def me() -> dict[str, Any]:
        identity = current_identity(views.current_request)
        return {"user_id": identity.user_id, "username": identity.username, "is_admin": identity.is_admin}

    @route(views, "/admin/ping", access="admin")
    def admin_ping() -> dict[str, Any]:
        return {"ok": True}

    @route(views, "/open")
    def open_view() -> dict[str, Any]:
        return {"ok": True}

    app = Chalice(app_name="auth-test")
    app.register_blueprint(auth_blueprint)
    app.register_blueprint(views)
    return app


@pytest.fixture(scope="module")
def app() -> Chalice:
    return build_app()


@pytest.fixture
def client(app: Chalice, local_keys: SigningKeys, tmp_path: Path) -> Iterator[Client]:
    # A project dir without config: the client adds no stage variables over what the test set.
    with Client(app, stage_name="test", project_dir=str(tmp_path)) as test_client:
        yield test_client


def call(client: Client, path: str, authorization: str | None) -> tuple[int, Any]:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.http.get(path, headers=headers)
    return response.status_code, json.loads(response.body)


def test_good_token_reaches_the_view_with_the_callers_sub(client: Client,
                                                           make_token: Callable[..., str]) -> None:
    # Given a valid token for alice
    token = make_token("alice")
    # When she calls a user route
    status, body = call(client, "/me", f"Bearer {token}")
    # Then the view sees her identity
    assert status == 200
    assert body == {"user_id": "alice", "username": "alice", "is_admin": False}


def test_non_admin_gets_403_on_admin_route(client: Client, make_token: Callable[..., str]) -> None:
    # Given a valid token without the admin group
    token = make_token("alice")
    # When it calls an admin route
    status, body = call(client, "/admin/ping", f"Bearer {token}")
    # Then the answer is 403 in our error shape
    assert status == 403
    assert body["error"]["code"] == "forbidden"


def test_admin_reaches_admin_route(client: Client, make_token: Callable[..., str]) -> None:
    # Given / When an admin calls an admin route
    status, body = call(client, "/admin/ping", f"Bearer {make_token('root', admin=True)}")
    # Then it is served
    assert (status, body) == (200, {"ok": True})


@pytest.mark.parametrize(("claims", "code"), [
    ({"exp": int(time.time()) - 600}, "token_expired"),
    ({"iss": "someone-else"}, "wrong_issuer"),
    ({"aud": "another-app"}, "wrong_audience"),
])
def test_bad_claims_get_401_with_their_code(client: Client, make_token: Callable[..., str],
                                            claims: dict[str, Any], code: str) -> None:
    # Given a signed token with one bad claim
    token = make_token("alice", **claims)
    # When it calls a user route
    status, body = call(client, "/me", f"Bearer {token}")
    # Then the answer is 401 with the specific code
    assert status == 401
    assert body["error"]["code"] == code


@pytest.mark.parametrize(("authorization", "code"), [
    ("Bearer garbage", "invalid_token"),
    ("garbage", "invalid_token"),
    ("Basic YWxpY2U6c2VjcmV0", "invalid_token"),
])
def test_malformed_headers_get_401(client: Client, authorization: str, code: str) -> None:
    # Given / When a user route is called with something that is not a bearer JWT
    status, body = call(client, "/me", authorization)
    # Then our JSON error answers, not the gateway's bare message
    assert status == 401
    assert body["error"]["code"] == code


def test_token_from_an_untrusted_key_gets_401(client: Client, local_keys: SigningKeys) -> None:
    # Given a token signed by another key under the trusted kid
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    payload = jwt.decode(local_keys.token("mallory"), options={"verify_signature": False})
    token = jwt.encode(payload, stranger, algorithm="RS256", headers={"kid": local_keys.kid})
    # When it calls a user route
    status, body = call(client, "/me", f"Bearer {token}")
    # Then the signature does not verify
    assert (status, body["error"]["code"]) == (401, "invalid_token")


def test_token_with_unknown_kid_gets_401(client: Client, tmp_path: Path) -> None:
    # Given a token from another key folder, whose kid the trusted JWKS does not list
    stranger = create_signing_keys(tmp_path / "stranger")
    # When / Then
    status, body = call(client, "/me", f"Bearer {stranger.token('mallory')}")
    assert (status, body["error"]["code"]) == (401, "unknown_key")


def test_missing_header_is_refused_by_the_gateway_itself(client: Client) -> None:
    # Given no Authorization header: API Gateway (and chalice's local gateway) never call the authorizer
    # When a user route is called
    status, body = call(client, "/me", None)
    # Then the gateway's own 401 answers (a GatewayResponse is needed to reshape it in AWS)
    assert (status, body) == (401, {"message": "Unauthorized"})


def test_public_route_needs_no_token(client: Client) -> None:
    # Given / When / Then
    assert call(client, "/open", None) == (200, {"ok": True})


def test_unreadable_keys_give_503(client: Client, make_token: Callable[..., str],
                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Given a JWKS location that cannot be read
    monkeypatch.setenv("AUTH_JWKS_URL", str(tmp_path / "missing" / "jwks.json"))
    # When a user route is called with an otherwise good token
    status, body = call(client, "/me", f"Bearer {make_token('alice')}")
    # Then the caller is told to retry, not that the token is bad
    assert (status, body["error"]["code"]) == (503, "auth_unavailable")


def test_authorizer_lives_on_the_auth_blueprint_and_guards_other_blueprints(app: Chalice) -> None:
    # Given the app built like app.py
    # When / Then one built-in authorizer is deployed, from chalicelib.api.auth, used by user/admin routes
    assert [(a.name, a.handler_string) for a in app.builtin_auth_handlers] == [
        ("jwt_auth", "chalicelib.api.auth.jwt_authorizer")]
    assert app.routes["/me"]["GET"].authorizer is jwt_authorizer
    assert app.routes["/admin/ping"]["GET"].authorizer is jwt_authorizer
    assert app.routes["/open"]["GET"].authorizer is None


def authorizer_event(authorization: str) -> dict[str, Any]:
    return {"type": "TOKEN", "authorizationToken": authorization, "methodArn": METHOD_ARN}


def test_authorizer_allows_every_route_with_the_identity(local_keys: SigningKeys) -> None:
    # Given an admin's token, as API Gateway hands it to the authorizer Lambda
    event = authorizer_event(f"Bearer {local_keys.token('root', admin=True)}")
    # When the authorizer runs
    result = jwt_authorizer(event, None)
    # Then it allows all routes (its answer is cached per token, not per route) and names the caller
    assert result["principalId"] == "root"
    assert result["context"] == {"sub": "root", "admin": "true", "username": "root"}
    statement = result["policyDocument"]["Statement"][0]
    assert statement["Effect"] == "Allow"
    assert statement["Resource"] == ["arn:aws:execute-api:us-east-1:123456789012:abc123/api/*/*"]


def test_authorizer_passes_failures_on_in_its_context(local_keys: SigningKeys) -> None:
    # Given / When the authorizer sees a bad token
    result = jwt_authorizer(authorizer_event("Bearer nope"), None)
    # Then it lets the request through as anonymous with the reason, for the route to answer
    assert result["principalId"] == auth.ANONYMOUS
    assert result["context"]["auth_error"] == "invalid_token"
    assert "sub" not in result["context"]


def request_with(authorizer: dict[str, Any], authorization: str | None = None) -> Request:
    headers = {} if authorization is None else {"authorization": authorization}
    return Request({"multiValueQueryStringParameters": None, "headers": headers, "pathParameters": None,
                    "body": None, "stageVariables": None,
                    "requestContext": {"httpMethod": "GET", "resourcePath": "/me", "authorizer": authorizer}})


def test_cached_outage_is_rechecked_by_the_route(local_keys: SigningKeys) -> None:
    # Given an authorizer answer, cached by the gateway, saying the keys were unavailable
    request = request_with({"auth_error": "auth_unavailable", "principalId": auth.ANONYMOUS},
                           f"Bearer {local_keys.token('alice')}")
    # When the route asks who is calling, now that keys are readable
    identity = current_identity(request)
    # Then the token is verified there
    assert identity.user_id == "alice"


def test_context_without_subject_is_401() -> None:
    # Given a request that did not pass through the authorizer
    # When / Then
    with pytest.raises(ApiError) as caught:
        current_identity(request_with({}))
    assert (caught.value.status, caught.value.code) == (401, "missing_token")
