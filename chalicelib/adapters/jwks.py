"""Public signing keys for token verification: a JWKS URL (Cognito) or a JWKS file (local stage)."""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

import jwt

from chalicelib.services.auth import AuthError, KeysUnavailableError

JWKS_LIFESPAN_SECONDS = 3600
"""Cognito rotates keys rarely; an unknown kid still forces one refetch (PyJWT rate-limits it to 1/30 s)."""
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class JwksKeySource:
    """A KeySource reading a JWKS document: fetched over https and cached, or read once from a file.

    A relative file path is taken from the working directory (the project root under `chalice local`).
    Plain http is accepted only for loopback hosts, so a local identity emulator can serve keys.
    """

    def __init__(self, url_or_path: str, timeout: float = 3.0) -> None:
        parsed = urlparse(url_or_path)
        self._location = url_or_path
        self._client: jwt.PyJWKClient | None = None
        self._file_keys: jwt.PyJWKSet | None = None
        self._lock = threading.Lock()
        if parsed.scheme == "http" and parsed.hostname not in LOOPBACK_HOSTS:
            raise ValueError(f"JWKS URLs must use https: {url_or_path}")
        if parsed.scheme in ("http", "https"):
            # The per-kid LRU of PyJWKClient never expires, so a key dropped from the JWKS would stay
            # trusted in a warm process; the whole-set cache (1 h) is enough and honours rotation.
            self._client = jwt.PyJWKClient(url_or_path, cache_keys=False, cache_jwk_set=True,
                                           lifespan=JWKS_LIFESPAN_SECONDS, timeout=timeout)

    def signing_key(self, kid: str | None) -> Any:
        """The public key named `kid` (a file with a single key also serves tokens without a kid)."""
        if self._client is not None:
            return self._from_url(self._client, kid)
        return _match(self._read_file().keys, kid)

    def _from_url(self, client: jwt.PyJWKClient, kid: str | None) -> Any:
        if kid is None:
            raise AuthError("unknown_key", "The token does not name its signing key.")
        try:
            keys = client.get_signing_keys()
        except (jwt.PyJWKClientError, jwt.PyJWKSetError) as exc:
            raise KeysUnavailableError(f"Cannot fetch signing keys: {exc}") from exc
        known = client.match_kid(keys, kid)
        if known is not None:
            return known.key
        try:  # a key we have not seen: PyJWT refetches the set once, then gives up
            return client.get_signing_key(kid).key
        except jwt.PyJWKClientConnectionError as exc:
            raise KeysUnavailableError(f"Cannot fetch signing keys: {exc}") from exc
        except (jwt.PyJWKClientError, jwt.PyJWKSetError) as exc:
            raise AuthError("unknown_key", "The token was signed with a key we do not know.") from exc

    def _read_file(self) -> jwt.PyJWKSet:
        with self._lock:
            if self._file_keys is None:
                # Failures are not remembered: creating the keys fixes a running server.
                try:
                    with open(self._location, encoding="utf-8") as handle:
                        self._file_keys = jwt.PyJWKSet.from_dict(json.load(handle))
                except (OSError, ValueError, jwt.PyJWTError) as exc:
                    raise KeysUnavailableError(
                        f"Cannot read signing keys from {self._location!r} "
                        f"(for local keys run: python scripts/local_auth.py keys): {exc}"
                    ) from exc
            return self._file_keys


def _match(keys: list[jwt.PyJWK], kid: str | None) -> Any:
    if kid is None and len(keys) == 1:
        return keys[0].key
    for key in keys:
        if kid is not None and key.key_id == kid:
            return key.key
    raise AuthError("unknown_key", "The token was signed with a key we do not know.")


@lru_cache(maxsize=8)
def get_key_source(url_or_path: str, timeout: float = 3.0) -> JwksKeySource:
    """One key source per location per process, so warm invocations reuse fetched keys."""
    return JwksKeySource(url_or_path, timeout)
