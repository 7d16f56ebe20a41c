"""Bearer-token authentication: the one Chalice authorizer, and the identity and role checks routes run.

The authorizer verifies the token but lets every request through: a failure travels in the authorizer
context (`auth_error`, `auth_message`) and the route answers it in our JSON error shape, instead of
API Gateway's bare {"message": "Unauthorized"}. Routes reach this module through `api.routing.route`.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from chalice.app import AuthRequest, AuthResponse, Blueprint, Request

from chalicelib.adapters.jwks import get_key_source
from chalicelib.api.errors import ApiError
from chalicelib.config import get_settings
from chalicelib.services.auth import AuthError, Identity, KeysUnavailableError, TokenVerifier

log = logging.getLogger(__name__)

auth_blueprint = Blueprint(__name__)

ANONYMOUS = "anonymous"
UNAVAILABLE = "auth_unavailable"
UNAVAILABLE_MESSAGE = "Sign-in cannot be checked right now; try again shortly."
AUTHORIZER_TTL_SECONDS = 300
"""API Gateway caches the authorizer's answer per token header this long (also a failed one)."""


@lru_cache(maxsize=4)
def _verifier_for(issuer: str, audience: str, jwks_url: str, token_use: str,
                  admin_group: str) -> TokenVerifier:
    return TokenVerifier(get_key_source(jwks_url), issuer, audience, token_use, admin_group)


def verifier() -> TokenVerifier:
    """The token verifier for the current settings, built on first use and reused while warm."""
    s = get_settings()
    return _verifier_for(s.auth_issuer, s.auth_audience, s.auth_jwks_url, s.auth_token_use,
                         s.auth_admin_group)


def bearer_token(header: str | None) -> str:
    """The token in an Authorization header value of the form "Bearer <jwt>"."""
    scheme, _, token = (header or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("invalid_token", "Send the token as 'Authorization: Bearer <token>'.")
    return token.strip()


def authenticate(header: str | None) -> Identity:
    """The caller behind an Authorization header; AuthError or KeysUnavailableError otherwise."""
    return verifier().verify(bearer_token(header))


def _rejected(code: str, message: str) -> AuthResponse:
    return AuthResponse(routes=["*"], principal_id=ANONYMOUS,
                        context={"auth_error": code, "auth_message": message})


@auth_blueprint.authorizer(name="jwt_auth", ttl_seconds=AUTHORIZER_TTL_SECONDS)
def jwt_authorizer(auth_request: AuthRequest) -> AuthResponse:
    """Verify the bearer token; a failure is passed on to the route (see the module docstring)."""
    try:
        identity = authenticate(auth_request.token)
    except AuthError as exc:
        return _rejected(exc.code, exc.message)
    except KeysUnavailableError as exc:
        log.warning("signing keys unavailable: %s", exc)
        return _rejected(UNAVAILABLE, UNAVAILABLE_MESSAGE)
    except Exception:  # an exception here would make API Gateway answer a bare 500
        log.exception("authorizer failed")
        return _rejected(UNAVAILABLE, UNAVAILABLE_MESSAGE)
    # API Gateway context values must be strings, numbers or booleans, never null.
    context = {"sub": identity.user_id, "admin": "true" if identity.is_admin else "false"}
    if identity.username:
        context["username"] = identity.username
    return AuthResponse(routes=["*"], principal_id=identity.user_id, context=context)


def _authenticate_again(request: Request) -> Identity:
    # API Gateway caches the authorizer's answer, an outage included: check the token here instead.
    try:
        return authenticate(request.headers.get("authorization"))
    except AuthError as exc:
        raise ApiError(401, exc.code, exc.message) from exc
    except KeysUnavailableError as exc:
        log.warning("signing keys unavailable: %s", exc)
        raise ApiError(503, UNAVAILABLE, UNAVAILABLE_MESSAGE) from exc


def current_identity(request: Request) -> Identity:
    """The caller the authorizer verified; ApiError 401 (or 503 while keys are unavailable) otherwise."""
    context: dict[str, Any] = (request.context or {}).get("authorizer") or {}
    error = context.get("auth_error")
    if error == UNAVAILABLE:
        return _authenticate_again(request)
    if error:
        raise ApiError(401, str(error), str(context.get("auth_message") or "The token was not accepted."))
    if not context.get("sub"):
        raise ApiError(401, "missing_token", "Send the token as 'Authorization: Bearer <token>'.")
    return Identity(user_id=str(context["sub"]), is_admin=str(context.get("admin")).lower() == "true",
                    username=context.get("username") or None)


def require(request: Request, admin: bool = False) -> Identity:
    """The verified caller; ApiError 403 when `admin` is required and the caller is not an admin."""
    identity = current_identity(request)
    if admin and not identity.is_admin:
        raise ApiError(403, "forbidden", "Only administrators may do this.")
    return identity
