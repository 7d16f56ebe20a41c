"""TokenVerifier: which tokens are accepted, and the stable code for each one that is not."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.utils import base64url_encode

from chalicelib.api.auth import bearer_token
from chalicelib.services.auth import AuthError, Identity, TokenVerifier

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Test"
CLIENT_ID = "client-123"
KID = "key-1"


class FakeKeys:
    """An in-memory KeySource."""

    def __init__(self, keys: dict[str, Any]) -> None:
        self.keys = keys

    def signing_key(self, kid: str | None) -> Any:
        if kid not in self.keys:
            raise AuthError("unknown_key", "unknown kid")
        return self.keys[kid]


@pytest.fixture(scope="module")
def private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def other_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {"sub": "user-1", "iss": ISSUER, "aud": CLIENT_ID, "iat": now, "exp": now + 600,
                            "token_use": "id", "cognito:username": "alice"}
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def sign(key: rsa.RSAPrivateKey, payload: dict[str, Any], kid: str = KID) -> str:
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid})


def verifier(key: rsa.RSAPrivateKey, token_use: str = "") -> TokenVerifier:
    return TokenVerifier(FakeKeys({KID: key.public_key()}), ISSUER, CLIENT_ID, token_use, "admin")


def error_code(check: TokenVerifier, token: str) -> str:
    with pytest.raises(AuthError) as caught:
        check.verify(token)
    return caught.value.code


def test_valid_token_gives_identity(private_key: rsa.RSAPrivateKey) -> None:
    # Given a token signed by the trusted key for our issuer and audience
    token = sign(private_key, claims())
    # When it is verified
    identity = verifier(private_key).verify(token)
    # Then the caller is its subject, not an admin
    assert identity == Identity(user_id="user-1", is_admin=False, username="alice")


def test_admin_group_makes_admin(private_key: rsa.RSAPrivateKey) -> None:
    # Given a token whose cognito:groups include the admin group
    token = sign(private_key, claims(**{"cognito:groups": ["cooks", "admin"]}))
    # When / Then the identity is an admin
    assert verifier(private_key).verify(token).is_admin


def test_other_groups_are_not_admin(private_key: rsa.RSAPrivateKey) -> None:
    # Given a token in other groups only
    token = sign(private_key, claims(**{"cognito:groups": ["administrators"]}))
    # When / Then the identity is not an admin
    assert not verifier(private_key).verify(token).is_admin


@pytest.mark.parametrize(("overrides", "code"), [
    ({"exp": int(time.time()) - 120}, "token_expired"),
    ({"iss": "https://evil.example"}, "wrong_issuer"),
    ({"aud": "another-client"}, "wrong_audience"),
    ({"aud": None}, "wrong_audience"),
    ({"sub": None}, "invalid_token"),
    ({"exp": None}, "invalid_token"),
])
def test_rejected_claims(private_key: rsa.RSAPrivateKey, overrides: dict[str, Any], code: str) -> None:
    # Given a correctly signed token with one bad or missing claim
    token = sign(private_key, claims(**overrides))
    # When / Then verification fails with the claim's code
    assert error_code(verifier(private_key), token) == code


def test_small_clock_skew_is_tolerated(private_key: rsa.RSAPrivateKey) -> None:
    # Given a token that expired five seconds ago
    token = sign(private_key, claims(exp=int(time.time()) - 5))
    # When / Then it is still accepted (leeway)
    assert verifier(private_key).verify(token).user_id == "user-1"


def test_signature_from_another_key_is_rejected(private_key: rsa.RSAPrivateKey,
                                                other_key: rsa.RSAPrivateKey) -> None:
    # Given a token signed by a key we do not trust, under our key's kid
    token = sign(other_key, claims())
    # When / Then it is rejected
    assert error_code(verifier(private_key), token) == "invalid_token"


def test_unknown_kid_is_rejected(private_key: rsa.RSAPrivateKey) -> None:
    # Given a token naming a key the source does not have
    token = sign(private_key, claims(), kid="other-kid")
    # When / Then the code says so
    assert error_code(verifier(private_key), token) == "unknown_key"


def test_alg_none_is_rejected(private_key: rsa.RSAPrivateKey) -> None:
    # Given an unsigned token (alg "none")
    token = jwt.encode(claims(), "", algorithm="none", headers={"kid": KID})
    # When / Then it is rejected
    assert error_code(verifier(private_key), token) == "invalid_token"


def test_hs256_signed_with_public_key_is_rejected(private_key: rsa.RSAPrivateKey) -> None:
    # Given a token HMAC-signed with the (public) RSA key as the secret: the classic confusion attack
    public_pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    header = base64url_encode(json.dumps({"alg": "HS256", "typ": "JWT", "kid": KID}).encode())
    payload = base64url_encode(json.dumps(claims()).encode())
    mac = hmac.new(public_pem, header + b"." + payload, hashlib.sha256).digest()
    token = b".".join([header, payload, base64url_encode(mac)]).decode()
    # When / Then it is rejected
    assert error_code(verifier(private_key), token) == "invalid_token"


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "", "x" * 10000])
def test_garbage_is_rejected(private_key: rsa.RSAPrivateKey, token: str) -> None:
    # Given something that is not a JWT
    # When / Then it is rejected as an invalid token
    assert error_code(verifier(private_key), token) == "invalid_token"


def test_cognito_access_token_uses_client_id(private_key: rsa.RSAPrivateKey) -> None:
    # Given a Cognito access token: no aud, the app client in client_id, username in "username"
    token = sign(private_key, claims(aud=None, client_id=CLIENT_ID, token_use="access", username="bob",
                                     **{"cognito:username": None, "cognito:groups": ["admin"]}))
    # When it is verified by a verifier that wants access tokens
    identity = verifier(private_key, token_use="access").verify(token)
    # Then it is accepted
    assert identity == Identity(user_id="user-1", is_admin=True, username="bob")


def test_access_token_for_another_client_is_rejected(private_key: rsa.RSAPrivateKey) -> None:
    # Given an access token for another app client
    token = sign(private_key, claims(aud=None, client_id="other", token_use="access"))
    # When / Then the audience is wrong
    assert error_code(verifier(private_key, token_use="access"), token) == "wrong_audience"


def test_client_id_does_not_count_on_id_tokens(private_key: rsa.RSAPrivateKey) -> None:
    # Given an id token with our client in client_id but no matching aud
    token = sign(private_key, claims(aud="other", client_id=CLIENT_ID))
    # When / Then the audience is wrong
    assert error_code(verifier(private_key), token) == "wrong_audience"


def test_cognito_id_token_uses_aud(private_key: rsa.RSAPrivateKey) -> None:
    # Given a Cognito id token (aud = app client)
    token = sign(private_key, claims())
    # When it is verified by a verifier that wants id tokens
    identity = verifier(private_key, token_use="id").verify(token)
    # Then it is accepted
    assert identity.username == "alice"


@pytest.mark.parametrize(("wanted", "token_use"), [("access", "id"), ("id", "access"), ("access", None)])
def test_wrong_token_use_is_rejected(private_key: rsa.RSAPrivateKey, wanted: str,
                                     token_use: str | None) -> None:
    # Given a token whose token_use differs from the configured one
    token = sign(private_key, claims(token_use=token_use, client_id=CLIENT_ID))
    # When / Then it is rejected as the wrong kind
    assert error_code(verifier(private_key, token_use=wanted), token) == "wrong_token_use"


@pytest.mark.parametrize("header", [None, "", "token-only", "Basic abc", "Bearer", "Bearer   "])
def test_header_without_bearer_token_is_rejected(header: str | None) -> None:
    # Given an Authorization header that is not "Bearer <token>"
    # When / Then no token is extracted
    with pytest.raises(AuthError) as caught:
        bearer_token(header)
    assert caught.value.code == "invalid_token"


def test_bearer_scheme_is_case_insensitive() -> None:
    # Given / When / Then
    assert bearer_token("bearer abc.def.ghi") == "abc.def.ghi"


def test_verifier_needs_issuer_and_audience() -> None:
    # Given / When / Then a misconfigured verifier fails at construction, not per request
    with pytest.raises(ValueError):
        TokenVerifier(FakeKeys({}), "", CLIENT_ID)
    with pytest.raises(ValueError):
        TokenVerifier(FakeKeys({}), ISSUER, CLIENT_ID, token_use="refresh")
