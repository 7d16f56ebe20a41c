"""Signing keys and bearer tokens for the local stage.

    python scripts/local_auth.py keys                          # .local/signing-key.pem + .local/jwks.json
    python scripts/local_auth.py token --user alice [--admin] [--ttl 3600]

Laptops and tests only: the private key stays in the git-ignored .local/ folder, this script is not
part of the deployed package, and no route mints tokens. Deployed stages trust Cognito's keys instead.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a file, the project root is not on the path
    sys.path.insert(0, str(ROOT))

from chalicelib.config import Settings  # noqa: E402

KEY_FILE = "signing-key.pem"
JWKS_FILE = "jwks.json"


def thumbprint(jwk: dict[str, Any]) -> str:
    """RFC 7638 thumbprint of an RSA JWK: a stable kid derived from the key itself."""
    canonical = json.dumps({k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"), sort_keys=True)
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def ensure_keys(folder: Path) -> tuple[rsa.RSAPrivateKey, str]:
    """The local private key and its kid; created on first use, then kept. The JWKS is (re)written."""
    folder.mkdir(parents=True, exist_ok=True)
    key_path = folder / KEY_FILE
    if key_path.exists():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise SystemExit(f"{key_path} is not an RSA private key")
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        key_path.touch(mode=0o600)
        key_path.write_bytes(pem)
    jwk: dict[str, Any] = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    kid = thumbprint(jwk)
    jwk.update({"kid": kid, "use": "sig", "alg": "RS256"})
    (folder / JWKS_FILE).write_text(json.dumps({"keys": [jwk]}, indent=2) + "\n", encoding="utf-8")
    return key, kid


def make_token(folder: Path, user: str, admin: bool, ttl: int) -> str:
    """A signed token shaped like a Cognito id token, for the local stage's issuer and audience."""
    key, kid = ensure_keys(folder)
    settings = Settings()  # the local defaults, which the local stage's config repeats
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": user, "iss": settings.auth_issuer, "aud": settings.auth_audience,
        "iat": now, "exp": now + ttl, "token_use": "id", "cognito:username": user,
    }
    if admin:
        claims["cognito:groups"] = [settings.auth_admin_group]
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / ".local", help="where the keys live")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("keys", help="create the signing key and JWKS (keeps an existing key)")
    token = commands.add_parser("token", help="print a signed bearer token")
    token.add_argument("--user", required=True, help="the token's subject (user id)")
    token.add_argument("--admin", action="store_true", help="put the user in the admin group")
    token.add_argument("--ttl", type=int, default=3600, help="lifetime in seconds (1..86400)")
    args = parser.parse_args(argv)
    if args.command == "token" and not 1 <= args.ttl <= 86400:
        parser.error("--ttl must be between 1 and 86400 seconds")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command == "keys":
        _, kid = ensure_keys(args.dir)
        print(f"signing key kid={kid} in {args.dir}")
    else:
        print(make_token(args.dir, args.user, args.admin, args.ttl))
    return 0


if __name__ == "__main__":
    sys.exit(main())
