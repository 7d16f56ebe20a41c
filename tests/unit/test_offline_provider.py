"""The offline provider: the composer behind the RecipeProvider port, with diets and allergens derived."""

from __future__ import annotations

from chalicelib.adapters.offline_provider import OfflineRecipeProvider
from chalicelib.domain.models import Diet
from chalicelib.services.generation_ports import RecipeProvider
from tests.support.kitchen import MASTER, request


def test_generates_complete_recipes_without_tokens() -> None:
    # Given the offline provider over a master list
    provider: RecipeProvider = OfflineRecipeProvider(MASTER)
    # When asked for three recipes from shrimp and greens
    result = provider.generate(request(["shrimp", "water_spinach", "green_papaya"], count=3))
    # Then it answers as "offline" at no token cost, with diets and allergens filled in
    assert (result.provider, result.model) == ("offline", "offline-composer-1")
    assert (result.input_tokens, result.output_tokens) == (0, 0)
    assert len(result.recipes) == 3
    for recipe in result.recipes:
        assert recipe.source == "ai"
        assert recipe.diets
        if "shrimp" in {line.ingredient_id for line in recipe.ingredients}:
            assert "crustaceans" in recipe.allergens
            assert Diet.vegetarian not in recipe.diets


def test_requested_diet_is_among_the_derived_diets() -> None:
    result = OfflineRecipeProvider(MASTER).generate(request(["firm_tofu", "tomato"], diet="vegan", count=2))
    assert result.recipes
    assert all(Diet.vegan in r.diets and Diet.vegetarian in r.diets for r in result.recipes)


def test_nothing_cookable_in_time_is_an_empty_answer_not_an_error() -> None:
    result = OfflineRecipeProvider(MASTER).generate(request(["beef_sirloin"], max_minutes=5))
    assert result.recipes == ()
