"""Recipe use cases: read one, list with filters, and match against what a person has."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from chalicelib.domain import matching
from chalicelib.domain.ingredient_index import Resolution
from chalicelib.domain.models import Allergen, Diet
from chalicelib.domain.summary import RecipeSummary
from chalicelib.services import cursors
from chalicelib.services import recipe_views as views
from chalicelib.services.cache_classes import CacheClasses
from chalicelib.services.catalog_versions import CatalogVersions
from chalicelib.services.ingredient_catalog import IngredientCatalog
from chalicelib.services.ports import CatalogRepository, ReadStats
from chalicelib.services.tiered_cache import TieredCache

ItemText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Facet = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,40}$")]
MAX_LIST_ROUNDS = 8


class ListRecipesQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cuisine: Facet | None = None
    tag: Facet | None = None
    diet: Diet | None = None
    max_minutes: int | None = Field(default=None, ge=1, le=9999)
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=1000)

    def facet(self) -> str:
        """The most selective filter becomes the key; the others are checked on the summaries."""
        if self.tag:
            return f"tag:{self.tag}"
        if self.diet:
            return f"diet:{self.diet.value}"
        return f"cuisine:{self.cuisine}" if self.cuisine else "all"

    def accepts(self, summary: RecipeSummary) -> bool:
        return ((self.cuisine is None or summary.cuisine == self.cuisine)
                and (self.tag is None or self.tag in summary.tags)
                and (self.diet is None or self.diet in summary.diets))


class MatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ingredients: list[ItemText] = Field(min_length=1, max_length=30)
    max_missing: int = Field(default=2, ge=0, le=10)
    exclude_allergens: list[Allergen] = Field(default_factory=list, max_length=14)
    exclude_ingredients: list[ItemText] = Field(default_factory=list, max_length=30)
    diet: Diet | None = None
    max_minutes: int | None = Field(default=None, ge=1, le=9999)
    cuisine: Facet | None = None
    limit: int = Field(default=10, ge=1, le=50)


class RecipeService:
    def __init__(self, repository: CatalogRepository, catalog: IngredientCatalog, versions: CatalogVersions,
                 cache: TieredCache, classes: CacheClasses, read_budget: int) -> None:
        self._repository = repository
        self._catalog = catalog
        self._versions = versions
        self._cache = cache
        self._classes = classes
        self._budget = read_budget

    def get(self, recipe_id: str) -> dict[str, Any] | None:
        """The full recipe as JSON (cached; a write deletes the entry)."""
        def load() -> dict[str, Any] | None:
            recipe = self._repository.get_recipe(recipe_id)
            return views.recipe_view(recipe) if recipe else None

        value: dict[str, Any] | None = self._cache.get_or_compute(self._classes.recipe, recipe_id, load).value
        return value

    def listing(self, query: ListRecipesQuery) -> dict[str, Any]:
        """A page of summaries in total-time order, cached per catalog version and filter."""
        parts = {"v": self._versions.current()["recipes"], **query.model_dump(mode="json")}
        value: dict[str, Any] = self._cache.get_or_compute(self._classes.popular, parts,
                                                           lambda: self._list(query)).value
        return value

    def _list(self, query: ListRecipesQuery) -> dict[str, Any]:
        facet = query.facet()
        position = cursors.decode(query.cursor)
        if position is not None and (not isinstance(position, dict)
                                     or position.get("PK", {}).get("S") != f"LIST#{facet}"):
            raise cursors.InvalidCursor("The cursor belongs to another listing or filter.")
        found: list[RecipeSummary] = []
        for _ in range(MAX_LIST_ROUNDS):
            page = self._repository.list_recipes(facet, query.max_minutes, query.limit - len(found), position)
            found += [s for s in page.items if query.accepts(s)]
            position = page.cursor
            if position is None or len(found) >= query.limit:
                break
        return {"items": [views.summary_view(s) for s in found], "next_cursor": cursors.encode(position)}

    def match(self, request: MatchRequest) -> dict[str, Any]:
        """DB recipes ranked by how much of each the person can cook now (cached per canonical request)."""
        resolved = self._catalog.resolve(request.ingredients)
        query = self.match_query(request, resolved)
        return {"ingredients": [views.resolution_view(r) for r in resolved],
                **self.ranked_cached(query, request.limit)}

    def ranked_cached(self, query: matching.MatchQuery, limit: int) -> dict[str, Any]:
        """`ranked` through the suggestions cache, keyed by the catalog version and the canonical query."""
        parts = {"v": self._versions.current()["recipes"], "q": asdict(query), "limit": limit}
        lookup = self._cache.get_or_compute(self._classes.suggestions, parts, lambda: self.ranked(query, limit))
        return {**lookup.value, "cache": lookup.source}

    def match_query(self, request: MatchRequest, resolved: list[Resolution]) -> matching.MatchQuery:
        """The canonical form of a request: same ingredients in any order, case or accents -> same query."""
        excluded = [r.ingredient.id for r in self._catalog.resolve(request.exclude_ingredients) if r.ingredient]
        have = self._catalog.index.with_generics(
            r.ingredient.id for r in resolved if r.ingredient and not r.ingredient.staple)
        return matching.MatchQuery(
            have=have, max_missing=request.max_missing,
            exclude_allergens=frozenset(request.exclude_allergens), exclude_ingredients=frozenset(excluded),
            diet=request.diet.value if request.diet else None, max_minutes=request.max_minutes,
            cuisine=request.cuisine,
        )

    def ranked(self, query: matching.MatchQuery, limit: int) -> dict[str, Any]:
        """Query the ingredient index and rank; the JSON-able result is what the cache stores."""
        stats = ReadStats()
        candidates = self._repository.candidates(sorted(query.have), matching.max_recipe_size(query),
                                                 self._budget, stats)
        ranked = matching.rank(candidates, query, limit)
        return {
            "recipes": [views.match_view(m, self._catalog.get) for m in ranked],
            "stats": {"candidates": len(candidates), "db_calls": stats.calls, "items_read": stats.items,
                      "read_units": round(stats.read_units, 2), "truncated": stats.truncated},
        }
