"""Signing keys and tokens made by scripts/local_auth.py itself, so tests use what `make token` prints."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import jwt

from tests.support import ROOT

ISSUER = "cooking-local"
AUDIENCE = "cooking-app"


@cache
def local_auth() -> ModuleType:
    """scripts/local_auth.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("local_auth", ROOT / "scripts" / "local_auth.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("scripts/local_auth.py is missing")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("local_auth", module)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class SigningKeys:
    """A key folder made by ``local_auth.py keys``: signing-key.pem and jwks.json."""

    folder: Path
    kid: str

    @property
    def jwks_path(self) -> Path:
        return self.folder / str(local_auth().JWKS_FILE)

    def token(self, user: str, admin: bool = False, ttl_seconds: int = 3600, **claims: Any) -> str:
        """What ``local_auth.py token --user USER [--admin]`` prints; ``claims`` override its claims.

        Example: ``token("alice", exp=0)`` is an expired token, ``token("alice", aud="other")`` a foreign one.
        """
        token = str(local_auth().make_token(self.folder, user, admin, ttl_seconds))
        if not claims:
            return token
        key, kid = local_auth().ensure_keys(self.folder)
        payload = {**jwt.decode(token, options={"verify_signature": False}), **claims}
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid})


def create_signing_keys(folder: Path) -> SigningKeys:
    """A new key pair in ``folder`` (written exactly as ``local_auth.py keys`` writes .local/)."""
    _, kid = local_auth().ensure_keys(folder)
    return SigningKeys(folder=folder, kid=str(kid))
