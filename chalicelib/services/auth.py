"""Bearer-token verification: who is calling and whether they are an admin (no I/O of its own)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import jwt

ALGORITHM = "RS256"
MAX_TOKEN_CHARS = 8192
"""Longer strings are rejected before any parsing; real access and id tokens are a few KB at most."""


@dataclass(frozen=True)
class Identity:
    """The verified caller."""

    user_id: str
    is_admin: bool = False
    username: str | None = None


class AuthError(Exception):
    """The token is not acceptable; `code` is stable for clients, the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class KeysUnavailableError(Exception):
    """The signing keys could not be fetched: the caller is not at fault, so this is not an AuthError."""


class KeySource(Protocol):
    def signing_key(self, kid: str | None) -> Any:
        """The public key for `kid`; AuthError("unknown_key") or KeysUnavailableError otherwise."""
        ...


_ERRORS: tuple[tuple[type[Exception], str, str], ...] = (
    (jwt.ExpiredSignatureError, "token_expired", "The token has expired."),
    (jwt.InvalidIssuerError, "wrong_issuer", "The token was issued by someone we do not trust."),
    (jwt.InvalidAlgorithmError, "invalid_token", f"Only {ALGORITHM} tokens are accepted."),
    (jwt.InvalidSignatureError, "invalid_token", "The token signature does not verify."),
    (jwt.ImmatureSignatureError, "invalid_token", "The token is not valid yet."),
    (jwt.MissingRequiredClaimError, "invalid_token", "The token lacks a required claim."),
)


def _as_auth_error(exc: jwt.PyJWTError) -> AuthError:
    code, message = next(((code, message) for kind, code, message in _ERRORS if isinstance(exc, kind)),
                         ("invalid_token", "The token is not a valid JWT."))
    return AuthError(code, message)


class TokenVerifier:
    """Checks an RS256 JWT (local keys or a Cognito User Pool) and turns its claims into an Identity.

    Cognito access tokens name the app client in `client_id` and have no `aud`; id tokens use `aud`.
    With `token_use` set ("access" or "id") the token's own `token_use` claim must match it.
    """

    def __init__(self, keys: KeySource, issuer: str, audience: str, token_use: str = "",
                 admin_group: str = "admin", leeway_seconds: int = 30) -> None:
        if not issuer or not audience:
            raise ValueError("TokenVerifier needs an issuer and an audience.")
        if token_use not in ("", "access", "id"):
            raise ValueError(f"token_use must be 'access', 'id' or empty, not {token_use!r}.")
        self._keys = keys
        self._issuer = issuer
        self._audience = audience
        self._token_use = token_use
        self._admin_group = admin_group
        self._leeway = leeway_seconds

    def verify(self, token: str) -> Identity:
        """The caller behind `token`; AuthError when it is not acceptable."""
        claims = self._decode(token)
        self._check_token_use(claims)
        self._check_audience(claims)
        groups = claims.get("cognito:groups") or []
        if isinstance(groups, str):
            groups = [groups]
        username = claims.get("cognito:username") or claims.get("username")
        return Identity(user_id=str(claims["sub"]), is_admin=self._admin_group in groups,
                        username=str(username) if username else None)

    def _decode(self, token: str) -> dict[str, Any]:
        if not token or len(token) > MAX_TOKEN_CHARS:
            raise AuthError("invalid_token", "The token is empty or too long.")
        try:
            header = jwt.get_unverified_header(token)
            # Checked before the key lookup so "none"/HS* tokens never reach the key source.
            if header.get("alg") != ALGORITHM:
                raise AuthError("invalid_token", f"Only {ALGORITHM} tokens are accepted.")
            kid = header.get("kid")
            key = self._keys.signing_key(kid if isinstance(kid, str) else None)
            claims: dict[str, Any] = jwt.decode(
                token, key, algorithms=[ALGORITHM], issuer=self._issuer, leeway=self._leeway,
                options={"require": ["exp", "iss", "sub"], "verify_aud": False},
            )
        except jwt.PyJWTError as exc:
            raise _as_auth_error(exc) from exc
        if not isinstance(claims.get("sub"), str) or not claims["sub"]:
            raise AuthError("invalid_token", "The token has no subject.")
        return claims

    def _check_token_use(self, claims: Mapping[str, Any]) -> None:
        if self._token_use and claims.get("token_use") != self._token_use:
            raise AuthError("wrong_token_use", f"An {self._token_use} token is required.")

    def _check_audience(self, claims: Mapping[str, Any]) -> None:
        aud = claims.get("aud")
        audiences = [aud] if isinstance(aud, str) else list(aud or [])
        if claims.get("token_use") == "access" and "client_id" in claims:
            audiences.append(claims["client_id"])
        if self._audience not in audiences:
            raise AuthError("wrong_audience", "The token was issued for another application.")
