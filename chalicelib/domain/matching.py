"""Rank recipes by how much of each one a person can cook with what they have."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chalicelib.domain.summary import RecipeSummary


@dataclass(frozen=True)
class MatchQuery:
    have: frozenset[str]
    """Canonical ids of the non-staple ingredients the person has (staples count as present)."""
    max_missing: int = 2
    exclude_allergens: frozenset[str] = frozenset()
    exclude_ingredients: frozenset[str] = frozenset()
    diet: str | None = None
    max_minutes: int | None = None
    cuisine: str | None = None


@dataclass(frozen=True)
class RecipeMatch:
    recipe: RecipeSummary
    score: float
    """Share of the required (non-staple) ingredients the person has: 1.0 means cookable now."""
    matched: tuple[str, ...]
    missing: tuple[str, ...]
    optional_matched: tuple[str, ...]


def max_recipe_size(query: MatchQuery) -> int:
    """A recipe needing more than this many ingredients cannot be within max_missing."""
    return len(query.have) + query.max_missing


def allowed(recipe: RecipeSummary, query: MatchQuery) -> bool:
    """Hard constraints: allergens, excluded ingredients, diet, time, cuisine. Never traded for score."""
    if query.exclude_allergens & set(recipe.allergens):
        return False
    if query.exclude_ingredients & {*recipe.required, *recipe.optional, *recipe.staples}:
        return False
    if query.diet and query.diet not in recipe.diets:
        return False
    if query.max_minutes is not None and recipe.total_minutes > query.max_minutes:
        return False
    return not (query.cuisine and recipe.cuisine != query.cuisine)


def score(recipe: RecipeSummary, query: MatchQuery) -> RecipeMatch:
    matched = tuple(i for i in recipe.required if i in query.have)
    missing = tuple(i for i in recipe.required if i not in query.have)
    extras = tuple(i for i in recipe.optional if i in query.have)
    coverage = len(matched) / len(recipe.required) if recipe.required else 1.0
    return RecipeMatch(recipe, round(coverage, 4), matched, missing, extras)


def rank(candidates: Iterable[RecipeSummary], query: MatchQuery, limit: int) -> list[RecipeMatch]:
    """Best first: highest coverage, then the most of the person's ingredients used (optional ones too),
    fewest missing, quickest."""
    results = []
    seen: set[str] = set()
    for recipe in candidates:
        if recipe.id in seen or not allowed(recipe, query):
            continue
        seen.add(recipe.id)
        match = score(recipe, query)
        if len(match.missing) <= query.max_missing and match.matched:
            results.append(match)
    results.sort(key=lambda m: (-m.score, -len(m.matched) - len(m.optional_matched), len(m.missing),
                                m.recipe.total_minutes, m.recipe.id))
    return results[:limit]
