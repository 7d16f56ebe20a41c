"""The AI suggestion function's work: one model call for a canonical request, stored for every asker."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from chalicelib.domain.models import Recipe
from chalicelib.domain.suggestion import AiPart, AiState, Generation
from chalicelib.services.circuit_breaker import CircuitBreaker
from chalicelib.services.generation_ports import GenerationRequest, GenerationResult, ProviderError, RecipeProvider
from chalicelib.services.mix_stats import MixStats
from chalicelib.services.recipe_views import recipe_view
from chalicelib.services.suggestion_ports import SuggestionRepository
from chalicelib.services.tiered_cache import CacheClass, TieredCache

log = logging.getLogger(__name__)


class Target(BaseModel):
    user_id: str
    suggestion_id: str
    db_recipe_ids: list[str] = []
    """Recipes the suggestion already shows from the database (a promoted recipe is not counted twice)."""


class GenerationJob(BaseModel):
    """What the API hands to the AI function (JSON through an async Lambda invocation or a thread)."""

    generation_key: str
    request: GenerationRequest
    targets: list[Target]


def violates(recipe: Recipe, request: GenerationRequest) -> str | None:
    """Why a generated recipe must not be served for `request`, or None. The last line of defence:
    providers are asked to respect these rules, and this checks that they did."""
    allowed = {i.id for i in (*request.ingredients, *request.pantry)}
    used = {line.ingredient_id for line in recipe.ingredients}
    if used - allowed:
        return f"uses ingredients that were not offered: {sorted(used - allowed)}"
    if used & set(request.exclude_ingredients):
        return "uses an excluded ingredient"
    if set(recipe.allergens) & set(request.exclude_allergens):
        return f"contains excluded allergens {sorted(set(recipe.allergens) & set(request.exclude_allergens))}"
    if request.diet is not None and request.diet not in recipe.diets:
        return f"is not {request.diet.value}"
    if request.max_minutes is not None and recipe.total_minutes > request.max_minutes:
        return "takes longer than allowed"
    return None


class AiGenerator:
    def __init__(self, primary: Callable[[], RecipeProvider], fallback: Callable[[], RecipeProvider] | None,
                 breaker: CircuitBreaker, repository: SuggestionRepository, cache: TieredCache, ai_class: CacheClass,
                 stats: MixStats, record_ttl: int, clock: Callable[[], float] = time.time) -> None:
        self._primary = primary
        self._fallback = fallback
        self._breaker = breaker
        self._repository = repository
        self._cache = cache
        self._ai_class = ai_class
        self._stats = stats
        self._record_ttl = record_ttl
        self._clock = clock

    def run(self, payload: dict[str, Any]) -> Generation:
        """Generate, check, store the result for the request's key, and fill in every waiting suggestion."""
        job = GenerationJob.model_validate(payload)
        counters: Counter[str] = Counter()
        result, reason = self._generate(job.request, counters)
        recipes = []
        for recipe in result.recipes if result else ():
            problem = violates(recipe, job.request)
            if problem:
                log.warning("dropped generated recipe %s: %s", recipe.id, problem)
            else:
                recipes.append(recipe_view(recipe))
        now = int(self._clock())
        generation = Generation(
            key=job.generation_key, status="ready" if recipes else "failed", started_at=now, finished_at=now,
            recipes=recipes, provider=result.provider if result else None,
            fallback_reason=reason if result and reason else None,
            error=None if recipes else (reason or "no recipe could be written for these ingredients"),
        )
        self._repository.finish_generation(generation, self._record_ttl)
        if recipes:
            self._cache.put(self._ai_class, job.generation_key, generation.model_dump(mode="json"))
        part = ai_part(generation)
        for target in job.targets:
            # Whoever settles a suggestion (this job or the owner's poll) counts what it served, once.
            if self._repository.set_ai(target.user_id, target.suggestion_id, part):
                counters["ai_recipes_served"] += sum(1 for r in recipes if r["id"] not in target.db_recipe_ids)
        counters["generated"] += len(recipes)
        self._stats.record(**counters)
        return generation

    def _generate(self, request: GenerationRequest,
                  counters: Counter[str]) -> tuple[GenerationResult | None, str | None]:
        """The primary provider's answer, or the fallback's with the reason the primary was not used."""
        reason: str | None = None
        primary = self._primary()
        if self._breaker.is_open():
            reason = "circuit_open"
        else:
            counters["ai_calls"] += 1
            try:
                result = primary.generate(request)
                self._breaker.record_success()
                if result.recipes:
                    return result, None
                reason = "empty_answer"
            except ProviderError as exc:
                self._breaker.record_failure()
                counters["ai_throttled" if exc.kind == "throttled" else "ai_failed"] += 1
                log.warning("provider %s failed (%s): %s", primary.name, exc.kind, exc)
                reason = exc.kind
        fallback = self._fallback() if self._fallback else None
        if fallback is None or (fallback.name == primary.name and reason != "circuit_open"):
            return None, reason
        try:
            return fallback.generate(request), reason
        except ProviderError as exc:
            log.warning("fallback %s failed (%s): %s", fallback.name, exc.kind, exc)
            return None, reason


def ai_part(generation: Generation) -> AiPart:
    """How a suggestion shows a finished (or failed) generation."""
    if generation.status == "ready":
        return AiPart(state=AiState.ready, generation_key=generation.key, provider=generation.provider,
                      fallback_reason=generation.fallback_reason, recipes=generation.recipes,
                      detail="written by the offline composer because the model was unavailable"
                      if generation.fallback_reason else "")
    if generation.status == "failed":
        return AiPart(state=AiState.unavailable, generation_key=generation.key,
                      detail=f"AI generation failed: {generation.error}")
    return AiPart(state=AiState.pending, generation_key=generation.key)
