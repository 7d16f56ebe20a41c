"""scripts/local_auth.py: idempotent local keys, and tokens the app's verifier accepts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from chalicelib.adapters.jwks import JwksKeySource
from chalicelib.config import Settings
from chalicelib.services.auth import TokenVerifier
from tests.support.ops import ROOT


def local_auth(folder: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "scripts/local_auth.py", "--dir", str(folder), *args],
                          cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    return done.stdout.strip()


def test_keys_are_created_once_and_kept(tmp_path: Path) -> None:
    # Given keys made once
    local_auth(tmp_path, "keys")
    pem = (tmp_path / "signing-key.pem").read_bytes()
    # When the command runs again
    local_auth(tmp_path, "keys")
    # Then the private key is unchanged and readable by its owner only
    assert (tmp_path / "signing-key.pem").read_bytes() == pem
    assert (tmp_path / "signing-key.pem").stat().st_mode & 0o077 == 0


def test_admin_token_verifies_with_the_local_defaults(tmp_path: Path) -> None:
    # Given an admin token printed by the script
    token = local_auth(tmp_path, "token", "--user", "alice", "--admin", "--ttl", "60")
    # When the app's verifier checks it against the JWKS the script wrote, with the local settings
    settings = Settings()
    verifier = TokenVerifier(JwksKeySource(str(tmp_path / "jwks.json")), settings.auth_issuer,
                             settings.auth_audience, settings.auth_token_use, settings.auth_admin_group)
    identity = verifier.verify(token)
    # Then alice is an admin
    assert (identity.user_id, identity.is_admin, identity.username) == ("alice", True, "alice")
