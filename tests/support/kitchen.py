"""A small master ingredient list and request builder for composer and offline-provider tests.

Built here rather than read from chalicelib/data, so the tests do not move when the catalog grows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from chalicelib.domain.models import Ingredient
from chalicelib.services.generation_ports import GenerationRequest, IngredientRef

# id, name_vi, name_en, category, origin, allergens
_ROWS: tuple[tuple[str, str, str, str, str, tuple[str, ...]], ...] = (
    ("pork_belly", "Thịt ba chỉ", "Pork belly", "meat", "meat", ()),
    ("ground_pork", "Thịt heo xay", "Ground pork", "meat", "meat", ()),
    ("beef_sirloin", "Thịt bò thăn", "Beef sirloin", "meat", "meat", ()),
    ("chicken_thigh", "Đùi gà", "Chicken thigh", "meat", "meat", ()),
    ("shrimp", "Tôm", "Shrimp", "seafood", "seafood", ("crustaceans",)),
    ("tilapia", "Cá rô phi", "Tilapia", "seafood", "seafood", ("fish",)),
    ("squid", "Mực", "Squid", "seafood", "seafood", ("molluscs",)),
    ("clams", "Nghêu", "Clams", "seafood", "seafood", ("molluscs",)),
    ("chicken_egg", "Trứng gà", "Chicken egg", "egg", "egg", ("eggs",)),
    ("firm_tofu", "Đậu phụ", "Firm tofu", "tofu_legume", "plant", ("soy",)),
    ("mustard_greens", "Cải bẹ xanh", "Mustard greens", "vegetable", "plant", ()),
    ("water_spinach", "Rau muống", "Water spinach", "vegetable", "plant", ()),
    ("tomato", "Cà chua", "Tomato", "vegetable", "plant", ()),
    ("cucumber", "Dưa leo", "Cucumber", "vegetable", "plant", ()),
    ("carrot", "Cà rốt", "Carrot", "vegetable", "plant", ()),
    ("green_papaya", "Đu đủ xanh", "Green papaya", "vegetable", "plant", ()),
    ("pineapple", "Dứa", "Pineapple", "fruit", "plant", ()),
    ("pumpkin", "Bí đỏ", "Pumpkin", "vegetable", "plant", ()),
    ("eggplant", "Cà tím", "Eggplant", "vegetable", "plant", ()),
    ("shiitake_mushroom", "Nấm hương", "Shiitake mushroom", "mushroom", "plant", ()),
    ("bean_sprouts", "Giá đỗ", "Bean sprouts", "vegetable", "plant", ()),
    ("cooked_rice", "Cơm trắng", "Cooked rice", "grain", "plant", ()),
    ("rice_vermicelli", "Bún", "Rice vermicelli", "noodle", "plant", ()),
    ("egg_noodles", "Mì trứng", "Egg noodles", "noodle", "egg", ("gluten", "eggs")),
    ("peanuts", "Đậu phộng", "Peanuts", "nut_seed", "plant", ("peanuts",)),
    ("milk", "Sữa tươi", "Milk", "dairy", "dairy", ("milk",)),
    ("scallion", "Hành lá", "Scallion", "herb", "plant", ()),
    ("cilantro", "Ngò rí", "Cilantro", "herb", "plant", ()),
    ("mint", "Húng lủi", "Mint", "herb", "plant", ()),
    ("garlic", "Tỏi", "Garlic", "vegetable", "plant", ()),
    ("shallot", "Hành tím", "Shallot", "vegetable", "plant", ()),
    ("ginger", "Gừng", "Ginger", "spice", "plant", ()),
    ("lemongrass", "Sả", "Lemongrass", "herb", "plant", ()),
    ("chili", "Ớt", "Chili", "spice", "plant", ()),
    ("lime", "Chanh", "Lime", "fruit", "plant", ()),
    ("fish_sauce", "Nước mắm", "Fish sauce", "sauce", "seafood", ("fish",)),
    ("soy_sauce", "Nước tương", "Soy sauce", "sauce", "plant", ("soy", "gluten")),
    ("oyster_sauce", "Dầu hào", "Oyster sauce", "sauce", "seafood", ("molluscs",)),
    ("salt", "Muối", "Salt", "other", "plant", ()),
    ("sugar", "Đường", "Sugar", "sweetener", "plant", ()),
    ("black_pepper", "Tiêu", "Black pepper", "spice", "plant", ()),
    ("cooking_oil", "Dầu ăn", "Cooking oil", "oil_fat", "plant", ()),
    ("butter", "Bơ", "Butter", "dairy", "dairy", ("milk",)),
    ("curry_powder", "Bột cà ri", "Curry powder", "spice", "plant", ()),
    ("coconut_milk", "Nước cốt dừa", "Coconut milk", "other", "plant", ()),
)
PANTRY_IDS = ("fish_sauce", "soy_sauce", "oyster_sauce", "salt", "sugar", "black_pepper", "cooking_oil",
              "garlic", "shallot", "scallion", "lime", "chili", "butter", "curry_powder", "coconut_milk")
MASTER: dict[str, Ingredient] = {
    row[0]: Ingredient.model_validate({"id": row[0], "name_vi": row[1], "name_en": row[2], "category": row[3],
                                       "origin": row[4], "allergens": row[5], "staple": row[0] in PANTRY_IDS})
    for row in _ROWS
}
HAVE_IDS = tuple(i for i in MASTER if i not in PANTRY_IDS)
LEADS = tuple(i for i in HAVE_IDS if i != "milk")
"""Ingredients that can lead a dish on their own (milk only ever joins one)."""


def refs(ids: Iterable[str], master: Mapping[str, Ingredient] = MASTER) -> tuple[IngredientRef, ...]:
    """The references a provider is given for these master ids."""
    return tuple(IngredientRef(id=i, name_vi=master[i].name_vi, name_en=master[i].name_en,
                               category=master[i].category) for i in ids)


def request(have: Iterable[str], pantry: Iterable[str] = PANTRY_IDS, **options: object) -> GenerationRequest:
    """A generation request for what the person has, with the pantry minus those items."""
    have = list(have)
    return GenerationRequest.model_validate({
        "ingredients": refs(have), "pantry": refs(p for p in pantry if p not in have), **options})
