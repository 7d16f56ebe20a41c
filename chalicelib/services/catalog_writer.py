"""Adding recipes to the database: near-duplicate check, one transactional write, cache invalidation."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.catalog_files import complete_recipe
from chalicelib.domain.duplicates import near_duplicate
from chalicelib.domain.models import Recipe
from chalicelib.domain.summary import summarize
from chalicelib.services.catalog_versions import CatalogVersions
from chalicelib.services.ingredient_catalog import IngredientCatalog
from chalicelib.services.ports import CatalogRepository, ReadStats
from chalicelib.services.tiered_cache import CacheClass, TieredCache

DUPLICATE_SEARCH_BUDGET = 600


class CatalogWriter:
    def __init__(self, repository: CatalogRepository, catalog: IngredientCatalog, versions: CatalogVersions,
                 cache: TieredCache, recipe_class: CacheClass) -> None:
        self._repository = repository
        self._catalog = catalog
        self._versions = versions
        self._cache = cache
        self._recipe_class = recipe_class

    def promote(self, recipe: Recipe) -> dict[str, Any]:
        """Add an approved AI recipe unless the same dish is already there. Idempotent: promoting the same
        recipe again finds itself and changes nothing."""
        by_id = self._catalog.index.by_id
        recipe = complete_recipe(recipe.model_copy(update={"source": "ai"}), by_id)
        summary = summarize(recipe, by_id)
        existing = self._repository.candidates(summary.required, len(summary.required) + 3,
                                               DUPLICATE_SEARCH_BUDGET, ReadStats())
        twin = near_duplicate(summary, existing)
        if twin is not None and twin.id == recipe.id:
            return {"promoted": True, "recipe_id": recipe.id, "already_in_database": True}
        if twin is not None:
            return {"promoted": False, "duplicate_of": twin.id}
        self._repository.put_recipe(recipe, summary)
        # This instance sees the new catalog version at once; others within the versions class's TTL.
        self._cache.invalidate(self._recipe_class, recipe.id)
        self._versions.changed()
        return {"promoted": True, "recipe_id": recipe.id, "already_in_database": False}
