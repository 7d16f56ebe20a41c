"""Composition root: builds adapters and services once per settings (one set per warm instance)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from chalicelib.adapters.bedrock_prompt import PROMPT_VERSION
from chalicelib.adapters.catalog_repository import DynamoCatalogRepository
from chalicelib.adapters.job_invokers import LambdaInvoker, ThreadInvoker
from chalicelib.adapters.memcache_store import MemcacheStore
from chalicelib.adapters.suggestion_repository import (
    DynamoProfileRepository,
    DynamoStatsRepository,
    DynamoSuggestionRepository,
)
from chalicelib.config import Settings, get_settings
from chalicelib.domain.mix_policy import MixPolicy
from chalicelib.services.ai_generation import AiGenerator
from chalicelib.services.cache_classes import CacheClasses, cache_classes
from chalicelib.services.cache_stats import CacheStats
from chalicelib.services.catalog_versions import CatalogVersions
from chalicelib.services.catalog_writer import CatalogWriter
from chalicelib.services.circuit_breaker import CircuitBreaker
from chalicelib.services.feedback_service import FeedbackService
from chalicelib.services.generation_ports import RecipeProvider
from chalicelib.services.ingredient_catalog import IngredientCatalog
from chalicelib.services.mix_stats import MixStats
from chalicelib.services.profile_service import ProfileService
from chalicelib.services.rate_limit import RateLimiter
from chalicelib.services.recipe_service import RecipeService
from chalicelib.services.suggestion_service import Limits, SuggestionService
from chalicelib.services.tiered_cache import TieredCache


@dataclass(frozen=True)
class Services:
    settings: Settings
    repository: DynamoCatalogRepository
    store: MemcacheStore | None
    cache: TieredCache
    classes: CacheClasses
    limiter: RateLimiter
    versions: CatalogVersions
    ingredients: IngredientCatalog
    recipes: RecipeService
    stats: MixStats
    generator: AiGenerator
    invoker: ThreadInvoker | LambdaInvoker
    suggestions: SuggestionService
    feedback: FeedbackService
    profiles: ProfileService


def _provider(settings: Settings, name: str, catalog: IngredientCatalog) -> RecipeProvider:
    """Providers are built when first used (the AI function), with the master list they check against."""
    if name == "bedrock":
        from chalicelib.adapters.bedrock_provider import BedrockRecipeProvider

        return BedrockRecipeProvider(settings.bedrock_model_id, settings.bedrock_max_tokens,
                                     timeout_seconds=settings.bedrock_timeout_seconds,
                                     ingredients_by_id=catalog.index.by_id)
    from chalicelib.adapters.offline_provider import OfflineRecipeProvider

    return OfflineRecipeProvider(catalog.index.by_id)


def build(settings: Settings) -> Services:
    """A fresh set of services: what one Lambda instance holds (its own in-process cache)."""
    repository = DynamoCatalogRepository(settings.table_name)
    servers = settings.memcached_servers
    store = MemcacheStore(servers, settings.memcached_timeout_ms / 1000, namespace=settings.table_name) \
        if servers else None
    cache = TieredCache(store, CacheStats())
    classes = cache_classes(settings, PROMPT_VERSION)
    versions = CatalogVersions(repository, cache, classes.versions)
    ingredients = IngredientCatalog(repository, versions, cache, classes.validation)
    recipes = RecipeService(repository, ingredients, versions, cache, classes, settings.match_read_budget)
    limiter = RateLimiter(store)
    suggestion_repo = DynamoSuggestionRepository(settings.table_name)
    stats = MixStats(DynamoStatsRepository(settings.table_name, settings.stats_shards))
    breaker = CircuitBreaker(settings.ai_provider, store, settings.ai_circuit_failures, settings.ai_circuit_seconds)
    record_ttl = settings.suggestion_ttl_days * 86_400
    primary = lru_cache(maxsize=1)(lambda: _provider(settings, settings.ai_provider, ingredients))
    fallback = lru_cache(maxsize=1)(lambda: _provider(settings, "offline", ingredients))
    generator = AiGenerator(primary, fallback if settings.ai_fallback == "offline" else None, breaker,
                            suggestion_repo, cache, classes.ai, stats, record_ttl)
    invoker: ThreadInvoker | LambdaInvoker = (
        LambdaInvoker(settings.ai_function_name) if settings.ai_invoke == "lambda" else ThreadInvoker(generator.run))
    limits = Limits(ai_per_minute=settings.ai_rate_per_minute, ai_fallback_per_minute=settings.ai_fallback_per_minute,
                    daily_quota=settings.ai_daily_quota_per_user,
                    ai_fallback_configured=settings.ai_fallback == "offline", suggestion_ttl=record_ttl,
                    ai_reuse_seconds=settings.cache_ttl_ai)
    policy = MixPolicy(min_db_score=settings.mix_min_db_score, max_ai_share=settings.mix_max_ai_share)
    suggestions = SuggestionService(ingredients, recipes, suggestion_repo, cache, classes.ai, limiter, breaker,
                                    invoker, stats, policy, limits, PROMPT_VERSION)
    writer = CatalogWriter(repository, ingredients, versions, cache, classes.recipe)
    feedback = FeedbackService(suggestions, suggestion_repo, writer, stats)
    profiles = ProfileService(DynamoProfileRepository(settings.table_name), cache, classes.profile)
    return Services(settings, repository, store, cache, classes, limiter, versions, ingredients, recipes, stats,
                    generator, invoker, suggestions, feedback, profiles)


_build = lru_cache(maxsize=4)(build)


_last: list[Services] = []


def services() -> Services:
    """The services for the current stage's settings."""
    svc = _build(get_settings())
    _last[:] = [svc]
    return svc


def built() -> Services | None:
    """The services this instance used last, if any (never builds them)."""
    return _last[0] if _last else None


def reset() -> None:
    """Drop built services (tests that change the environment between cases)."""
    _build.cache_clear()
    _last.clear()


def run_ai_job(event: dict[str, Any]) -> dict[str, Any]:
    """Body of the AI suggestion function (and of the in-process thread locally)."""
    generation = services().generator.run(event)
    return {"generation_key": generation.key, "status": generation.status, "recipes": len(generation.recipes)}
