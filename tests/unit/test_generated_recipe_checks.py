"""The last line of defence on generated recipes: constraints checked after any provider."""

from __future__ import annotations

from chalicelib.domain.models import Diet, Recipe
from chalicelib.services.ai_generation import violates
from chalicelib.services.generation_ports import GenerationRequest, IngredientRef

TOMATO = IngredientRef(id="tomato", name_vi="Cà chua", name_en="Tomato", category="vegetable")
SHRIMP = IngredientRef(id="shrimp", name_vi="Tôm", name_en="Shrimp", category="seafood")
SALT = IngredientRef(id="salt", name_vi="Muối", name_en="Salt", category="spice")


def recipe(*ids: str, allergens: tuple[str, ...] = (), diets: tuple[Diet, ...] = (), minutes: int = 20) -> Recipe:
    return Recipe.model_validate({
        "id": "ai_000000000001", "title_vi": "Món", "title_en": "Dish", "cuisine": "vietnamese",
        "ingredients": [{"ingredient_id": i} for i in ids], "steps": ["Cook it all together."],
        "prep_minutes": 5, "cook_minutes": minutes - 5, "servings": 2, "difficulty": "easy", "source": "ai",
        "allergens": allergens, "diets": diets,
    })


def request(**kw: object) -> GenerationRequest:
    return GenerationRequest.model_validate({"ingredients": [TOMATO, SHRIMP], "pantry": [SALT], **kw})


def test_a_compliant_recipe_passes() -> None:
    assert violates(recipe("tomato", "salt", diets=(Diet.vegan,)), request(diet="vegan", max_minutes=30)) is None


def test_each_rule_is_enforced() -> None:
    assert "not offered" in str(violates(recipe("tomato", "beef"), request()))
    assert "excluded ingredient" in str(violates(recipe("tomato", "shrimp"), request(exclude_ingredients=["shrimp"])))
    assert "allergens" in str(violates(recipe("shrimp", allergens=("crustaceans",)),
                                       request(exclude_allergens=["crustaceans"])))
    assert "vegetarian" in str(violates(recipe("shrimp", diets=(Diet.pescatarian,)), request(diet="vegetarian")))
    assert "longer" in str(violates(recipe("tomato", minutes=90), request(max_minutes=30)))
