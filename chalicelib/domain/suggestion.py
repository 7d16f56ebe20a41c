"""A suggestion: what one person asked, the DB recipes served, and the state of the AI part."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field


class AiState(StrEnum):
    none_needed = "none_needed"
    """The database covered the request."""
    ready = "ready"
    pending = "pending"
    """Generation is under way; poll GET /suggestions/{id}."""
    throttled = "throttled"
    """The shared model quota is used up for now; DB results only."""
    quota_exceeded = "quota_exceeded"
    """The caller's daily AI allowance is used up; DB results only."""
    unavailable = "unavailable"
    """The model is failing (circuit open) and no fallback is configured, or generation failed."""


class AiPart(BaseModel):
    state: AiState
    detail: str = ""
    generation_key: str | None = None
    provider: str | None = None
    fallback_reason: str | None = None
    recipes: list[dict[str, Any]] = Field(default_factory=list)


class Suggestion(BaseModel):
    id: str
    user_id: str
    created_at: int
    expires_at: int
    request: dict[str, Any]
    ingredients: list[dict[str, Any]]
    db_recipes: list[dict[str, Any]]
    mix: dict[str, Any]
    ai: AiPart
    feedback: dict[str, str] = Field(default_factory=dict)


GenerationStatus = Literal["pending", "ready", "failed"]


class Generation(BaseModel):
    """One model call for one canonical request; shared by every suggestion with that request."""

    key: str
    status: GenerationStatus
    started_at: int
    finished_at: int | None = None
    recipes: list[dict[str, Any]] = Field(default_factory=list)
    provider: str | None = None
    fallback_reason: str | None = None
    error: str | None = None
