"""The small per-recipe summary that index and listing items carry (well under 4 KB)."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from chalicelib.domain.models import Allergen, Diet, Difficulty, Ingredient, Recipe, Source


class RecipeSummary(BaseModel):
    """What matching and listing need, without steps or quantities."""

    model_config = ConfigDict(frozen=True)

    id: str
    title_vi: str
    title_en: str
    cuisine: str
    tags: tuple[str, ...]
    total_minutes: int
    difficulty: Difficulty
    servings: int
    diets: tuple[Diet, ...]
    allergens: tuple[Allergen, ...]
    source: Source
    required: tuple[str, ...]
    """Non-staple, non-optional ingredient ids: what a cook must have."""
    optional: tuple[str, ...] = ()
    staples: tuple[str, ...] = ()


def summarize(recipe: Recipe, by_id: Mapping[str, Ingredient]) -> RecipeSummary:
    """Split a recipe's ingredient lines into required, optional and staple ids."""
    required: list[str] = []
    optional: list[str] = []
    staples: list[str] = []
    for line in recipe.ingredients:
        ingredient_id = line.ingredient_id
        bucket = staples if by_id[ingredient_id].staple else optional if line.optional else required
        if ingredient_id not in bucket:
            bucket.append(ingredient_id)
    return RecipeSummary(
        id=recipe.id, title_vi=recipe.title_vi, title_en=recipe.title_en, cuisine=recipe.cuisine,
        tags=recipe.tags, total_minutes=recipe.total_minutes, difficulty=recipe.difficulty,
        servings=recipe.servings, diets=recipe.diets, allergens=recipe.allergens, source=recipe.source,
        required=tuple(required), optional=tuple(o for o in optional if o not in required),
        staples=tuple(staples),
    )
