"""Interfaces the services need; adapters implement them, tests may fake them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from chalicelib.domain.models import Ingredient, Recipe
from chalicelib.domain.summary import RecipeSummary

Cursor = dict[str, Any]


@dataclass
class ReadStats:
    """What one request cost the database: calls, items and consumed read units."""

    calls: int = 0
    items: int = 0
    read_units: float = 0.0
    truncated: list[str] = field(default_factory=list)
    """Ingredient ids whose index list was cut by the read budget."""


@dataclass(frozen=True)
class Page:
    items: list[RecipeSummary]
    cursor: Cursor | None


class CatalogRepository(Protocol):
    def load_ingredients(self) -> list[Ingredient]: ...

    def get_recipe(self, recipe_id: str) -> Recipe | None: ...

    def list_recipes(self, facet: str, max_minutes: int | None, limit: int, cursor: Cursor | None) -> Page: ...

    def candidates(self, ingredient_ids: Sequence[str], max_size: int, budget: int,
                   stats: ReadStats) -> list[RecipeSummary]: ...

    def catalog_versions(self) -> dict[str, str]: ...

    def put_ingredients(self, ingredients: Sequence[Ingredient], version: str) -> None: ...

    def put_recipe(self, recipe: Recipe, summary: RecipeSummary) -> None: ...

    def put_recipes_bulk(self, pairs: Sequence[tuple[Recipe, RecipeSummary]]) -> None: ...

    def ping(self) -> str: ...
