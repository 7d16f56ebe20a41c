"""Composition root: builds adapters and services once per settings (one set per warm instance)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from chalicelib.adapters.catalog_repository import DynamoCatalogRepository
from chalicelib.adapters.memcache_store import MemcacheStore
from chalicelib.config import Settings, get_settings
from chalicelib.services.cache_classes import CacheClasses, cache_classes
from chalicelib.services.cache_stats import CacheStats
from chalicelib.services.catalog_versions import CatalogVersions
from chalicelib.services.ingredient_catalog import IngredientCatalog
from chalicelib.services.rate_limit import RateLimiter
from chalicelib.services.recipe_service import RecipeService
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


def build(settings: Settings) -> Services:
    """A fresh set of services: what one Lambda instance holds (its own in-process cache)."""
    repository = DynamoCatalogRepository(settings.table_name)
    servers = settings.memcached_servers
    store = MemcacheStore(servers, settings.memcached_timeout_ms / 1000) if servers else None
    cache = TieredCache(store, CacheStats())
    classes = cache_classes(settings)
    versions = CatalogVersions(repository, cache, classes.versions)
    ingredients = IngredientCatalog(repository, versions, cache, classes.validation)
    recipes = RecipeService(repository, ingredients, versions, cache, classes, settings.match_read_budget)
    return Services(settings, repository, store, cache, classes, RateLimiter(store), versions, ingredients,
                    recipes)


_build = lru_cache(maxsize=4)(build)


def services() -> Services:
    """The services for the current stage's settings."""
    return _build(get_settings())


def built() -> Services | None:
    """The services if this instance has built them (without building them)."""
    return _build(get_settings()) if _build.cache_info().currsize else None


def reset() -> None:
    """Drop built services (tests that change the environment between cases)."""
    _build.cache_clear()
