"""Near-duplicate detection used before an approved AI recipe joins the database."""

from __future__ import annotations

from chalicelib.domain.duplicates import jaccard, near_duplicate, same_dish
from chalicelib.domain.summary import RecipeSummary


def summary(id_: str, vi: str, en: str, required: tuple[str, ...], tags: tuple[str, ...] = ()) -> RecipeSummary:
    return RecipeSummary.model_validate({
        "id": id_, "title_vi": vi, "title_en": en, "cuisine": "vietnamese", "tags": tags, "total_minutes": 20,
        "difficulty": "easy", "servings": 2, "diets": [], "allergens": [], "source": "catalog", "required": required,
    })


def test_same_dish_with_another_title_is_a_duplicate() -> None:
    db = summary("thit_kho_trung", "Thịt kho trứng", "Caramelized pork and eggs", ("pork_belly", "egg"), ("kho",))
    ai = summary("ai_1", "Thịt ba chỉ kho trứng", "Braised pork belly with eggs", ("pork_belly", "egg"))
    assert same_dish(ai, db)
    assert near_duplicate(ai, [db]) is db


def test_same_ingredients_other_technique_is_not_a_duplicate() -> None:
    stir = summary("trung_xao_ca_chua", "Trứng xào cà chua", "Stir-fried eggs with tomato", ("egg", "tomato"))
    soup = summary("ai_2", "Canh trứng cà chua", "Egg and tomato soup", ("egg", "tomato"))
    assert not same_dish(soup, stir)


def test_different_ingredients_are_not_duplicates() -> None:
    a = summary("a", "Gà xào sả ớt", "Lemongrass chicken", ("chicken", "lemongrass", "chili"))
    b = summary("b", "Bò xào sả ớt", "Lemongrass beef", ("beef", "lemongrass", "chili"))
    assert jaccard(a.required, b.required) == 0.5
    assert near_duplicate(b, [a]) is None


def test_without_techniques_titles_decide() -> None:
    a = summary("a", "Bánh mì trứng", "Egg sandwich", ("bread", "egg"))
    same = summary("b", "Bánh mì trứng", "Egg sandwich", ("bread", "egg"))
    other = summary("c", "Trứng bánh mì nướng", "French toast", ("bread", "egg"))
    assert same_dish(a, same)
    assert not same_dish(a, other)


def test_a_recipe_already_promoted_is_found_by_id() -> None:
    a = summary("ai_1", "Món A", "Dish A", ("x",))
    assert near_duplicate(a, [a]) is a
