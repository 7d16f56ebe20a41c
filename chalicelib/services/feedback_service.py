"""Feedback on AI recipes: an approved one joins the recipe database (the loop that lowers AI share)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from chalicelib.services.catalog_writer import CatalogWriter
from chalicelib.services.mix_stats import MixStats
from chalicelib.services.recipe_views import recipe_from_view
from chalicelib.services.suggestion_ports import SuggestionRepository
from chalicelib.services.suggestion_service import SuggestionService

Verdict = Literal["approve", "reject"]


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Verdict


class RecipeNotInSuggestion(LookupError):
    pass


class FeedbackConflict(Exception):
    """A different verdict was already recorded for this recipe."""

    def __init__(self, existing: str) -> None:
        super().__init__(existing)
        self.existing = existing


class FeedbackService:
    def __init__(self, suggestions: SuggestionService, repository: SuggestionRepository, writer: CatalogWriter,
                 stats: MixStats) -> None:
        self._suggestions = suggestions
        self._repository = repository
        self._writer = writer
        self._stats = stats

    def give(self, user_id: str, suggestion_id: str, recipe_id: str, verdict: Verdict) -> dict[str, Any]:
        """Record the owner's verdict once; the same verdict again is a harmless repeat, another is a 409.

        Promotion happens before the verdict is stored and is idempotent, so a failure between the two
        leaves nothing half-done: repeating the call completes it.
        """
        suggestion = self._suggestions.load(user_id, suggestion_id)
        generated = next((r for r in suggestion.ai.recipes if r.get("id") == recipe_id), None)
        if generated is None:
            raise RecipeNotInSuggestion(recipe_id)
        existing = suggestion.feedback.get(recipe_id)
        if existing is not None and existing != verdict:
            raise FeedbackConflict(existing)
        outcome: dict[str, Any] = {}
        if verdict == "approve":
            outcome = self._writer.promote(recipe_from_view(generated))
        if existing is None:
            if not self._repository.record_feedback(user_id, suggestion_id, recipe_id, verdict):
                again = self._suggestions.load(user_id, suggestion_id).feedback.get(recipe_id)
                if again != verdict:
                    raise FeedbackConflict(str(again))
            else:
                promoted = int(bool(outcome.get("promoted")) and not outcome.get("already_in_database"))
                self._stats.record(approved=int(verdict == "approve"), rejected=int(verdict == "reject"),
                                   promoted=promoted)
        return {"suggestion_id": suggestion_id, "recipe_id": recipe_id, "verdict": verdict,
                "repeat": existing is not None, **outcome}
