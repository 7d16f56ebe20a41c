"""Load the shipped catalog (data/ingredients/*.json, data/recipes/*.json) and check it whole."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from chalicelib.domain.dietary import derive_allergens, derive_diets, resolve
from chalicelib.domain.models import Ingredient, Recipe, strip_step_number

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class CatalogError(ValueError):
    """The shipped catalog is inconsistent (duplicate ids, unknown ingredient links)."""


@dataclass(frozen=True)
class Catalog:
    ingredients: tuple[Ingredient, ...]
    recipes: tuple[Recipe, ...]


def _read_lists(folder: Path) -> list[tuple[str, dict[str, object]]]:
    rows: list[tuple[str, dict[str, object]]] = []
    for path in sorted(folder.glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            rows.append((path.name, row))
    return rows


def load_ingredients(data_dir: Path = DATA_DIR) -> tuple[Ingredient, ...]:
    """Every master ingredient, validated; ids and names must be unique."""
    seen: dict[str, str] = {}
    out = []
    for filename, row in _read_lists(data_dir / "ingredients"):
        ing = Ingredient.model_validate(row)
        if ing.id in seen:
            raise CatalogError(f"ingredient {ing.id} in {filename} is also in {seen[ing.id]}")
        seen[ing.id] = filename
        out.append(ing)
    return tuple(out)


def complete_recipe(recipe: Recipe, by_id: dict[str, Ingredient]) -> Recipe:
    """Recipe with derived diets/allergens and clean steps; KeyError on an unknown ingredient."""
    used = resolve((line.ingredient_id for line in recipe.ingredients), by_id)
    return recipe.model_copy(update={
        "diets": derive_diets(used),
        "allergens": derive_allergens(used),
        "steps": tuple(strip_step_number(s) for s in recipe.steps),
    })


def load_catalog(data_dir: Path = DATA_DIR) -> Catalog:
    """Ingredients and recipes, with every recipe line resolved to a master ingredient."""
    ingredients = load_ingredients(data_dir)
    by_id = {i.id: i for i in ingredients}
    recipes = []
    seen: set[str] = set()
    for filename, row in _read_lists(data_dir / "recipes"):
        recipe = Recipe.model_validate(row)
        if recipe.id in seen:
            raise CatalogError(f"recipe {recipe.id} in {filename} is duplicated")
        seen.add(recipe.id)
        try:
            recipes.append(complete_recipe(recipe, by_id))
        except KeyError as exc:
            raise CatalogError(f"recipe {recipe.id} in {filename} uses unknown ingredient {exc}") from exc
    return Catalog(tuple(ingredients), tuple(recipes))
