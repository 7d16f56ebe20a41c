"""Storage and hand-off interfaces the suggestion services need."""

from __future__ import annotations

from typing import Any, Protocol

from chalicelib.domain.suggestion import AiPart, Generation, Suggestion


class SuggestionRepository(Protocol):
    def put(self, suggestion: Suggestion) -> None: ...

    def get(self, user_id: str, suggestion_id: str, now: int) -> Suggestion | None:
        """The suggestion if `user_id` owns it and it has not expired."""
        ...

    def set_ai(self, user_id: str, suggestion_id: str, ai: AiPart) -> bool:
        """Settle a pending AI part; False when it was already settled (so each is counted once)."""
        ...

    def record_feedback(self, user_id: str, suggestion_id: str, recipe_id: str, verdict: str) -> bool:
        """Store a verdict once; False when this recipe already has one."""
        ...

    def claim_generation(self, key: str, now: int, stale_after: int, reuse_for: int, ttl: int) -> bool:
        """Become the one caller generating `key` (single flight); False while another generation is under
        way or a ready one is younger than `reuse_for` seconds."""
        ...

    def get_generation(self, key: str) -> Generation | None: ...

    def finish_generation(self, generation: Generation, ttl: int) -> None: ...


class StatsRepository(Protocol):
    def add(self, day: str, counters: dict[str, int]) -> None: ...

    def read(self, days: list[str]) -> dict[str, dict[str, int]]: ...


class JobInvoker(Protocol):
    def submit(self, job: dict[str, Any]) -> None:
        """Hand an AI job to the AI function without waiting for it."""
        ...
