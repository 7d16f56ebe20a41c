"""The shipped catalog: complete, consistent, and findable the way people type."""

from __future__ import annotations

from collections import Counter

import pytest

from chalicelib.domain.catalog_files import Catalog, load_catalog
from chalicelib.domain.ingredient_index import IngredientIndex, MatchKind
from chalicelib.domain.summary import summarize


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def index(catalog: Catalog) -> IngredientIndex:
    return IngredientIndex(catalog.ingredients)


def test_sizes_and_share_of_vietnamese_dishes(catalog: Catalog) -> None:
    assert len(catalog.ingredients) >= 300
    assert len(catalog.recipes) >= 150
    vietnamese = sum(1 for r in catalog.recipes if r.cuisine == "vietnamese")
    assert vietnamese / len(catalog.recipes) >= 0.6


def test_every_recipe_is_complete_and_linked(catalog: Catalog) -> None:
    ids = {i.id for i in catalog.ingredients}
    for recipe in catalog.recipes:
        assert {line.ingredient_id for line in recipe.ingredients} <= ids, recipe.id
        assert len(recipe.steps) >= 3 and all(len(s) > 10 for s in recipe.steps), recipe.id
        assert recipe.total_minutes > 0 and recipe.servings >= 1, recipe.id
        assert recipe.tags and recipe.description, recipe.id
        assert any(not line.optional for line in recipe.ingredients), recipe.id


def test_items_stay_small(catalog: Catalog) -> None:
    by_id = {i.id: i for i in catalog.ingredients}
    for recipe in catalog.recipes:
        summary = summarize(recipe, by_id)
        assert len(summary.model_dump_json().encode()) < 1024, recipe.id
        assert len(recipe.model_dump_json().encode()) + len(summary.model_dump_json().encode()) < 4096, recipe.id


def test_diets_and_allergens_follow_the_ingredients(catalog: Catalog) -> None:
    by_id = {i.id: i for i in catalog.ingredients}
    for recipe in catalog.recipes:
        used = [by_id[line.ingredient_id] for line in recipe.ingredients]
        if any(i.origin in ("meat", "seafood") for i in used):
            assert "vegetarian" not in recipe.diets, recipe.id
        if any("fish" in i.allergens for i in used):
            assert "fish" in recipe.allergens, recipe.id
    fish_sauce = by_id["fish_sauce"]
    assert fish_sauce.staple and "fish" in fish_sauce.allergens and fish_sauce.origin == "seafood"
    assert sum(1 for r in catalog.recipes if "vegetarian" in r.diets) >= 20


def test_staples_are_a_small_pantry(catalog: Catalog) -> None:
    staples = {i.id for i in catalog.ingredients if i.staple}
    assert {"salt", "sugar", "fish_sauce", "cooking_oil"} <= staples
    assert len(staples) <= 15


def test_no_two_ingredients_share_a_typed_name(catalog: Catalog) -> None:
    owners: Counter[str] = Counter()
    for ing in catalog.ingredients:
        for name in {n.strip().lower() for n in (ing.name_vi, ing.name_en, *ing.aliases)}:
            owners[name] += 1
    assert [name for name, n in owners.items() if n > 1] == []


@pytest.mark.parametrize(("typed", "expected", "kinds"), [
    ("ca chua", "tomato", {MatchKind.alias, MatchKind.accent_folded}),
    ("tomatoe", "tomato", {MatchKind.fuzzy}),
    ("Thịt Heo", "pork", {MatchKind.exact}),
    ("thịt lợn", "pork", {MatchKind.alias}),
    ("hanh la", "scallion", {MatchKind.alias, MatchKind.accent_folded}),
    ("hành hoa", "scallion", {MatchKind.alias}),
    ("rau mùi", "cilantro", {MatchKind.alias}),
    ("ngò", "cilantro", {MatchKind.alias}),
    ("aubergine", "eggplant", {MatchKind.alias}),
    ("eggs", "chicken_egg", {MatchKind.alias, MatchKind.accent_folded}),
    ("ĐẬU PHỤ", "tofu", {MatchKind.exact, MatchKind.alias, MatchKind.accent_folded}),
    ("thit ba chi", "pork_belly", {MatchKind.alias, MatchKind.accent_folded}),
])
def test_people_find_ingredients_the_way_they_type(index: IngredientIndex, typed: str, expected: str,
                                                   kinds: set[MatchKind]) -> None:
    result = index.resolve(typed)
    assert result.ingredient is not None and result.ingredient.id == expected, (typed, result)
    assert result.kind in kinds


def test_nonsense_stays_unknown(index: IngredientIndex) -> None:
    for typed in ("xyz", "qwerty", "asdfgh"):
        assert index.resolve(typed).kind is MatchKind.unknown
