"""The cache classes and their lifetimes (from the scaling plan; each configurable per stage)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalicelib.config import Settings
from chalicelib.services.tiered_cache import CacheClass


@dataclass(frozen=True)
class CacheClasses:
    validation: CacheClass
    """Typed item -> resolved ingredient. Keyed by the master list's version, so never stale."""
    suggestions: CacheClass
    """Ranked DB recipes for hash(canonical ingredients + preferences); keyed by the recipe catalog
    version, so a promoted or edited recipe retires every entry (other instances within `cache_l1_seconds`)."""
    ai: CacheClass
    """AI-generated recipes for a canonical request; keyed by the prompt version."""
    profile: CacheClass
    """A user's preferences; deleted on update, up to `cache_l1_seconds` stale on other instances."""
    popular: CacheClass
    """Recipe listing pages; keyed by the recipe catalog version."""
    recipe: CacheClass
    """One full recipe; deleted when the recipe is written."""
    versions: CacheClass
    """The catalog versions themselves: how quickly other instances notice a catalog write."""


def _has(*keys: str) -> Callable[[Any], bool]:
    """A shape check: a JSON object with these keys."""
    return lambda value: isinstance(value, dict) and all(k in value for k in keys)


def _none_or(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is None or check(value)


def cache_classes(settings: Settings, prompt_version: str = "1") -> CacheClasses:
    short = settings.cache_l1_seconds
    return CacheClasses(
        validation=CacheClass("validation", settings.cache_ttl_validation, l1_ttl=3600, l1_size=20_000,
                              check=_has("kind", "score", "id", "alts")),
        suggestions=CacheClass("suggestions", settings.cache_ttl_suggestions, l1_ttl=short, l1_size=2_000,
                               grace=300, check=_has("recipes", "stats")),
        ai=CacheClass("ai", settings.cache_ttl_ai, l1_ttl=short, l1_size=500, version=prompt_version, grace=600,
                      check=_has("key", "status", "started_at", "recipes")),
        profile=CacheClass("profile", settings.cache_ttl_profile, l1_ttl=min(short, 30), l1_size=5_000,
                           check=_none_or(_has("preferences", "updated_at"))),
        popular=CacheClass("popular", settings.cache_ttl_popular, l1_ttl=short, l1_size=500, grace=120,
                           check=_has("items", "next_cursor")),
        recipe=CacheClass("recipe", settings.cache_ttl_recipe, l1_ttl=short, l1_size=2_000,
                          check=_none_or(_has("id", "title_vi", "ingredients", "steps"))),
        versions=CacheClass("versions", 30, l1_ttl=min(short, 30), l1_size=4, check=_has("ingredients", "recipes")),
    )
