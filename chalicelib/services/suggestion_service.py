"""Suggestions: the best database recipes at once, and AI recipes for the shortfall within the budgets."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from chalicelib.domain import matching
from chalicelib.domain.mix_policy import MixDecision, MixPolicy, decide
from chalicelib.domain.models import Allergen, Diet, Ingredient
from chalicelib.domain.suggestion import AiPart, AiState, Generation, Suggestion
from chalicelib.services import recipe_views as views
from chalicelib.services.ai_generation import GenerationJob, Target, ai_part
from chalicelib.services.cache_keys import cache_key
from chalicelib.services.circuit_breaker import CircuitBreaker
from chalicelib.services.generation_ports import GenerationRequest, IngredientRef
from chalicelib.services.ingredient_catalog import IngredientCatalog
from chalicelib.services.mix_stats import MixStats, day_of
from chalicelib.services.rate_limit import RateLimiter
from chalicelib.services.recipe_service import Facet, ItemText, MatchRequest, RecipeService
from chalicelib.services.suggestion_ports import JobInvoker, SuggestionRepository
from chalicelib.services.tiered_cache import CacheClass, TieredCache

log = logging.getLogger(__name__)

GENERATION_STALE_SECONDS = 180
"""A generation still pending after this long lost its worker (the AI function times out at 60 s)."""


class Preferences(BaseModel):
    model_config = ConfigDict(extra="forbid")

    diet: Diet | None = None
    exclude_allergens: list[Allergen] = Field(default_factory=list, max_length=14)
    exclude_ingredients: list[ItemText] = Field(default_factory=list, max_length=30)
    max_minutes: int | None = Field(default=None, ge=5, le=600)
    servings: int = Field(default=2, ge=1, le=20)
    cuisine: Facet | None = None
    locale: Literal["vi", "en"] = "vi"


class SuggestionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ingredients: list[ItemText] = Field(min_length=1, max_length=30)
    count: int = Field(default=3, ge=1, le=10)
    preferences: Preferences | None = None
    """None: the caller's saved profile preferences apply."""


@dataclass(frozen=True)
class Limits:
    ai_per_minute: int
    ai_fallback_per_minute: int
    daily_quota: int
    ai_fallback_configured: bool
    suggestion_ttl: int
    ai_reuse_seconds: int


class SuggestionNotFound(LookupError):
    pass


class SuggestionService:
    def __init__(self, catalog: IngredientCatalog, recipes: RecipeService, repository: SuggestionRepository,
                 cache: TieredCache, ai_class: CacheClass, limiter: RateLimiter, breaker: CircuitBreaker,
                 invoker: JobInvoker, stats: MixStats, policy: MixPolicy, limits: Limits, prompt_version: str,
                 clock: Callable[[], float] = time.time) -> None:
        self._catalog = catalog
        self._recipes = recipes
        self._repository = repository
        self._cache = cache
        self._ai_class = ai_class
        self._limiter = limiter
        self._breaker = breaker
        self._invoker = invoker
        self._stats = stats
        self._policy = policy
        self._limits = limits
        self._prompt_version = prompt_version
        self._clock = clock

    # -- create -------------------------------------------------------------------------------------
    def create(self, user_id: str, request: SuggestionRequest, saved: Preferences | None = None) -> dict[str, Any]:
        """Answer at once: DB recipes now, AI recipes if cached, otherwise a pending generation.
        `saved` (the caller's profile) applies when the request carries no preferences."""
        now = int(self._clock())
        prefs = request.preferences or saved or Preferences()
        resolved = self._catalog.resolve(request.ingredients)
        match_request = MatchRequest(
            ingredients=request.ingredients, max_missing=2, exclude_allergens=prefs.exclude_allergens,
            exclude_ingredients=prefs.exclude_ingredients, diet=prefs.diet, max_minutes=prefs.max_minutes,
            cuisine=prefs.cuisine, limit=max(10, request.count),
        )
        query = self._recipes.match_query(match_request, resolved)
        ranked = self._recipes.ranked_cached(query, match_request.limit)["recipes"]
        decision = decide(request.count, [r["score"] for r in ranked], self._policy)
        db_recipes = ranked[:request.count]
        suggestion_id = secrets.token_urlsafe(12)
        generation: tuple[str, GenerationRequest] | None = None
        have = sorted({r.ingredient.id for r in resolved if r.ingredient and not r.ingredient.staple}
                      - query.exclude_ingredients)
        if decision.ai_wanted == 0:
            ai = AiPart(state=AiState.none_needed, detail="the database covers this request")
        elif not have:
            ai = AiPart(state=AiState.none_needed, detail="no known ingredient to cook with")
        else:
            gen_request = self._generation_request(have, query, decision.ai_wanted, prefs)
            key = cache_key("gen", self._prompt_version, gen_request.model_dump(mode="json"))
            ai, start = self._ai_state(user_id, key, now)
            if start:
                generation = (key, gen_request)
        ai = self._without_db_duplicates(ai, db_recipes, decision.ai_wanted)
        suggestion = Suggestion(
            id=suggestion_id, user_id=user_id, created_at=now,
            expires_at=now + self._limits.suggestion_ttl,
            request={"have": sorted(query.have), "count": request.count,
                     "preferences": prefs.model_dump(mode="json")},
            ingredients=[views.resolution_view(r) for r in resolved], db_recipes=db_recipes,
            mix=self._mix(decision, ai), ai=ai,
        )
        self._repository.put(suggestion)
        if generation is not None:
            suggestion = self._start(suggestion, generation[0], generation[1], now)
        self._stats.record(requests=1, db_only=int(decision.ai_wanted == 0), db_recipes_served=decision.from_db,
                           ai_recipes_served=len(ai.recipes), limited=int(ai.state == AiState.throttled),
                           quota_exceeded=int(ai.state == AiState.quota_exceeded))
        return view(suggestion)

    def _start(self, suggestion: Suggestion, key: str, request: GenerationRequest, now: int) -> Suggestion:
        """Hand the job to the AI function; if that fails, release the claim and say so (no stuck 'pending')."""
        job = GenerationJob(generation_key=key, request=request,
                            targets=[Target(user_id=suggestion.user_id, suggestion_id=suggestion.id,
                                            db_recipe_ids=[r["recipe"]["id"] for r in suggestion.db_recipes])])
        try:
            self._invoker.submit(job.model_dump(mode="json"))
            return suggestion
        except Exception as exc:  # any failure to hand over means no generation will happen
            log.error("could not start AI generation %s: %s", key, exc)
            failed = Generation(key=key, status="failed", started_at=now, finished_at=now,
                                error="the AI function could not be started")
            self._repository.finish_generation(failed, self._limits.suggestion_ttl)
            ai = ai_part(failed)
            self._repository.set_ai(suggestion.user_id, suggestion.id, ai)
            return suggestion.model_copy(update={"ai": ai, "mix": {**suggestion.mix, "ai_state": ai.state.value}})

    def _generation_request(self, have: list[str], query: matching.MatchQuery, count: int,
                            prefs: Preferences) -> GenerationRequest:
        """Only validated, canonical ingredients reach a provider; free text never does."""
        index = self._catalog.index
        pantry = sorted(i.id for i in index.by_id.values() if i.staple and i.id not in query.exclude_ingredients)
        return GenerationRequest(
            ingredients=tuple(_ref(index.by_id[i]) for i in have), pantry=tuple(_ref(index.by_id[i]) for i in pantry),
            count=min(count, 5), diet=prefs.diet, exclude_allergens=tuple(sorted(set(prefs.exclude_allergens))),
            exclude_ingredients=tuple(sorted(query.exclude_ingredients)), max_minutes=prefs.max_minutes,
            servings=prefs.servings, cuisine=prefs.cuisine, locale=prefs.locale,
        )

    def _ai_state(self, user_id: str, key: str, now: int) -> tuple[AiPart, bool]:
        """The AI part for a canonical request, and whether this caller must start the generation."""
        known = self._known_generation(key, now)
        if known is not None and known.status == "ready":
            return ai_part(known), False
        if known is not None and known.status == "pending":
            return AiPart(state=AiState.pending, generation_key=key, detail="joined a generation under way"), False
        quota_name = f"quota:{user_id}:{day_of(now)}"
        quota = self._limiter.hit(quota_name, self._limits.daily_quota, 86_400, self._limits.daily_quota)
        if not quota.allowed:
            return AiPart(state=AiState.quota_exceeded,
                          detail=f"daily AI allowance of {self._limits.daily_quota} used; database recipes only"), False
        if self._breaker.is_open() and not self._limits.ai_fallback_configured:
            self._limiter.refund(quota_name, 86_400)
            return AiPart(state=AiState.unavailable, detail="the AI model is failing; try again later"), False
        shared = self._limiter.hit("ai:calls", self._limits.ai_per_minute, 60, self._limits.ai_fallback_per_minute)
        if not shared.allowed:
            self._limiter.refund(quota_name, 86_400)  # no model call happened: the user keeps their allowance
            return AiPart(state=AiState.throttled,
                          detail=f"AI capacity is busy; retry in {shared.retry_after} s. Database recipes only"), False
        if not self._repository.claim_generation(key, now, GENERATION_STALE_SECONDS, self._limits.ai_reuse_seconds,
                                                 self._limits.suggestion_ttl):
            self._limiter.refund(quota_name, 86_400)  # another caller's generation serves this one
            self._limiter.refund("ai:calls", 60)
            return AiPart(state=AiState.pending, generation_key=key, detail="joined a generation under way"), False
        return AiPart(state=AiState.pending, generation_key=key), True

    def _known_generation(self, key: str, now: int) -> Generation | None:
        """A reusable generation: ready within the reuse window, or pending and not stale."""
        cached = self._cache.get(self._ai_class, key)
        if isinstance(cached, dict):
            return Generation.model_validate(cached)
        stored = self._repository.get_generation(key)
        if stored is None:
            return None
        if stored.status == "ready" and (stored.finished_at or 0) >= now - self._limits.ai_reuse_seconds:
            self._cache.put(self._ai_class, key, stored.model_dump(mode="json"))
            return stored
        if stored.status == "pending" and stored.started_at >= now - GENERATION_STALE_SECONDS:
            return stored
        return None

    @staticmethod
    def _without_db_duplicates(ai: AiPart, db_recipes: list[dict[str, Any]], wanted: int) -> AiPart:
        """Reused AI recipes that have since been promoted are served from the database side instead."""
        if not ai.recipes:
            return ai
        in_db = {r["recipe"]["id"] for r in db_recipes}
        return ai.model_copy(update={"recipes": [r for r in ai.recipes if r["id"] not in in_db][:wanted]})

    @staticmethod
    def _mix(decision: MixDecision, ai: AiPart) -> dict[str, Any]:
        served_ai = len(ai.recipes)
        return {**decision.as_dict(), "ai_state": ai.state.value,
                "why": {
                    "database_covers_request": "enough database recipes match well; no AI call",
                    "ai_fills_shortfall": f"{decision.from_db} good database match(es); AI writes the rest",
                    "ai_share_capped": "AI may fill only part of the request (per-stage share cap)",
                    "ai_disabled_by_policy": "AI suggestions are switched off for this stage",
                }[decision.reason], "served": {"db": decision.from_db, "ai": served_ai}}

    # -- read ---------------------------------------------------------------------------------------
    def get(self, user_id: str, suggestion_id: str) -> dict[str, Any]:
        """The caller's suggestion, with AI recipes once generated. Other users' ids are simply not found."""
        now = int(self._clock())
        suggestion = self._repository.get(user_id, suggestion_id, now)
        if suggestion is None:
            raise SuggestionNotFound(suggestion_id)
        if suggestion.ai.state == AiState.pending and suggestion.ai.generation_key:
            updated = self._settled(suggestion.ai.generation_key, now)
            if updated is not None:
                updated = self._without_db_duplicates(updated, suggestion.db_recipes, suggestion.mix["from_ai"])
                if self._repository.set_ai(user_id, suggestion_id, updated):
                    self._stats.record(ai_recipes_served=len(updated.recipes))
                suggestion = suggestion.model_copy(update={"ai": updated})
        # A recipe the AI rewrote after it joined the database is shown once, on the database side.
        ai = self._without_db_duplicates(suggestion.ai, suggestion.db_recipes, suggestion.mix["from_ai"])
        return view(suggestion.model_copy(update={"ai": ai}))

    def _settled(self, key: str, now: int) -> AiPart | None:
        """The finished state of a pending generation, or None while it is still under way."""
        cached = self._cache.get(self._ai_class, key)
        generation = Generation.model_validate(cached) if isinstance(cached, dict) else \
            self._repository.get_generation(key)
        if generation is None:
            return AiPart(state=AiState.unavailable, generation_key=key, detail="the generation was lost")
        if generation.status == "pending":
            if generation.started_at < now - GENERATION_STALE_SECONDS:
                return AiPart(state=AiState.unavailable, generation_key=key, detail="the generation did not finish")
            return None
        return ai_part(generation)

    # -- used by feedback ---------------------------------------------------------------------------
    def load(self, user_id: str, suggestion_id: str) -> Suggestion:
        suggestion = self._repository.get(user_id, suggestion_id, int(self._clock()))
        if suggestion is None:
            raise SuggestionNotFound(suggestion_id)
        return suggestion


def _ref(ingredient: Ingredient) -> IngredientRef:
    return IngredientRef(id=ingredient.id, name_vi=ingredient.name_vi, name_en=ingredient.name_en,
                         category=ingredient.category)


def view(suggestion: Suggestion) -> dict[str, Any]:
    """The JSON a client sees (the owner's id is not repeated back)."""
    unknown = [i["input"] for i in suggestion.ingredients if i["ingredient"] is None]
    return {
        "id": suggestion.id, "created_at": suggestion.created_at, "expires_at": suggestion.expires_at,
        "ingredients": suggestion.ingredients, "unknown_ingredients": unknown,
        "db_recipes": suggestion.db_recipes,
        "ai": suggestion.ai.model_dump(mode="json", exclude={"generation_key"}),
        "mix": suggestion.mix, "feedback": suggestion.feedback,
    }
