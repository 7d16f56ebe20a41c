"""Settings for one stage, read from the environment when first needed (never at import)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """Everything a stage can change. Each field maps to the upper-case environment variable."""

    model_config = ConfigDict(frozen=True)

    stage: str = "local"
    table_name: str = "cooking-local"
    memcached_nodes: str = ""
    """Comma-separated host:port list; empty runs with the in-process cache only."""
    memcached_timeout_ms: int = Field(default=80, ge=1, le=5000)

    auth_issuer: str = "cooking-local"
    auth_audience: str = "cooking-app"
    auth_jwks_url: str = ".local/jwks.json"
    """An https URL (Cognito: <issuer>/.well-known/jwks.json) or a file path for the local stage."""
    auth_token_use: str = ""
    """Cognito token kind to accept ("access" or "id"); empty skips the check (local tokens)."""
    auth_admin_group: str = "admin"

    cache_ttl_validation: int = Field(default=7 * 24 * 3600, ge=1)
    cache_ttl_suggestions: int = Field(default=24 * 3600, ge=1)
    cache_ttl_ai: int = Field(default=24 * 3600, ge=1)
    cache_ttl_profile: int = Field(default=5 * 60, ge=1)
    cache_ttl_popular: int = Field(default=3600, ge=1)
    cache_ttl_recipe: int = Field(default=3600, ge=1)
    cache_l1_seconds: int = Field(default=60, ge=0)
    """Longest a value may live in one instance's memory for classes that writes invalidate."""

    ai_rate_per_minute: int = Field(default=200, ge=0)
    """The model's quota, shared by every instance."""
    ai_fallback_per_minute: int = Field(default=5, ge=0)
    """Per-instance AI limit while the shared counter is unreachable."""
    ai_daily_quota_per_user: int = Field(default=20, ge=0)

    ai_provider: Literal["offline", "bedrock"] = "offline"
    ai_fallback: Literal["offline", "none"] = "offline"
    """What writes recipes when the provider is throttled, failing or switched off by the circuit breaker."""
    ai_invoke: Literal["thread", "lambda"] = "thread"
    """How the API hands work to the AI function: a background thread in-process, or an async Lambda call."""
    ai_function_name: str = "cooking-api-local-ai_suggestion"
    bedrock_model_id: str = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
    bedrock_max_tokens: int = Field(default=6000, ge=256, le=8192)
    bedrock_timeout_seconds: float = Field(default=25.0, gt=0, le=55)
    ai_circuit_failures: int = Field(default=3, ge=1)
    ai_circuit_seconds: int = Field(default=60, ge=1)
    mix_min_db_score: float = Field(default=0.75, ge=0, le=1)
    mix_max_ai_share: float = Field(default=1.0, ge=0, le=1)
    suggestion_ttl_days: int = Field(default=90, ge=1)
    stats_shards: int = Field(default=8, ge=1, le=100)

    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    match_read_budget: int = Field(default=600, ge=50)
    """Most index items one match request may read, whatever the catalog size."""

    @property
    def memcached_servers(self) -> list[tuple[str, int]]:
        servers = []
        for node in filter(None, (n.strip() for n in self.memcached_nodes.split(","))):
            host, _, port = node.rpartition(":")
            servers.append((host, int(port)))
        return servers


_FIELDS = tuple(Settings.model_fields)


@lru_cache(maxsize=8)
def _settings_for(values: tuple[tuple[str, str], ...]) -> Settings:
    return Settings.model_validate(dict(values))


def get_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings for the current environment; cached per distinct set of values."""
    env = os.environ if environ is None else environ
    values = tuple((name, env[name.upper()]) for name in _FIELDS if name.upper() in env)
    return _settings_for(values)
