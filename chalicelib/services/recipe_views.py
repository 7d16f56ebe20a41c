"""JSON views of domain results: what the API returns and what the cache stores."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalicelib.domain.ingredient_index import Resolution, Suggestion
from chalicelib.domain.matching import RecipeMatch
from chalicelib.domain.models import Ingredient, Recipe
from chalicelib.domain.summary import RecipeSummary

Lookup = Callable[[str], Ingredient | None]
_INTERNAL = {"required", "optional", "staples"}


def recipe_view(recipe: Recipe) -> dict[str, Any]:
    """A full recipe as clients see it: the stored fields plus total_minutes."""
    return {**recipe.model_dump(mode="json"), "total_minutes": recipe.total_minutes}


def recipe_from_view(view: dict[str, Any]) -> Recipe:
    return Recipe.model_validate({k: v for k, v in view.items() if k != "total_minutes"})


def summary_view(summary: RecipeSummary) -> dict[str, Any]:
    return summary.model_dump(mode="json", exclude=_INTERNAL)


def name_view(ingredient_id: str, lookup: Lookup) -> dict[str, str]:
    ing = lookup(ingredient_id)
    return {"id": ingredient_id, "name_vi": ing.name_vi if ing else ingredient_id,
            "name_en": ing.name_en if ing else ingredient_id}


def match_view(match: RecipeMatch, lookup: Lookup) -> dict[str, Any]:
    return {
        "recipe": summary_view(match.recipe),
        "score": match.score,
        "matched": [name_view(i, lookup) for i in match.matched],
        "missing": [name_view(i, lookup) for i in match.missing],
        "optional_matched": [name_view(i, lookup) for i in match.optional_matched],
    }


def _brief(s: Suggestion) -> dict[str, Any]:
    return {"id": s.ingredient.id, "name_vi": s.ingredient.name_vi, "name_en": s.ingredient.name_en,
            "score": s.score}


def resolution_view(res: Resolution) -> dict[str, Any]:
    """How one typed item resolved: the canonical ingredient, or `unknown` with the closest names."""
    view: dict[str, Any] = {"input": res.query, "match": res.kind.value, "score": res.score}
    if res.ingredient is not None:
        ing = res.ingredient
        view["ingredient"] = {"id": ing.id, "name_vi": ing.name_vi, "name_en": ing.name_en,
                              "category": ing.category, "staple": ing.staple}
        view["alternatives"] = [_brief(s) for s in res.suggestions]
    else:
        view["ingredient"] = None
        view["suggestions"] = [_brief(s) for s in res.suggestions]
    return view
