"""Diet and allergen facts of a recipe, derived from its ingredients."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from chalicelib.domain.models import ALLERGENS, Diet, Ingredient


def derive_allergens(ingredients: Iterable[Ingredient]) -> tuple[str, ...]:
    """Union of the ingredients' allergens, in the EU-14 order."""
    found = {a for ing in ingredients for a in ing.allergens}
    return tuple(a for a in ALLERGENS if a in found)


def derive_diets(ingredients: Iterable[Ingredient]) -> tuple[Diet, ...]:
    """Diets every listed ingredient allows (optional ones included, to stay safe)."""
    items = list(ingredients)
    origins = {i.origin for i in items}
    allergens = {a for i in items for a in i.allergens}
    diets: list[Diet] = []
    if not origins & {"meat", "seafood"}:
        diets.append(Diet.vegetarian)
    if origins <= {"plant"}:
        diets.append(Diet.vegan)
    if "meat" not in origins:
        diets.append(Diet.pescatarian)
    if "gluten" not in allergens:
        diets.append(Diet.gluten_free)
    if "milk" not in allergens:
        diets.append(Diet.dairy_free)
    return tuple(diets)


def resolve(ids: Iterable[str], by_id: Mapping[str, Ingredient]) -> list[Ingredient]:
    """Master ingredients for ids; raises KeyError naming the first unknown id."""
    out = []
    for ingredient_id in ids:
        if ingredient_id not in by_id:
            raise KeyError(ingredient_id)
        out.append(by_id[ingredient_id])
    return out
