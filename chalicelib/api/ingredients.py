"""Ingredient catalog routes: list, read one, validate what a person typed."""

from __future__ import annotations

from typing import Annotated, Any

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from chalicelib.api.errors import not_found
from chalicelib.api.routing import parse_body, parse_query, route
from chalicelib.domain.models import Category, Ingredient
from chalicelib.services.recipe_service import ItemText
from chalicelib.services.recipe_views import resolution_view
from chalicelib.wiring import services

ingredients_blueprint = Blueprint(__name__)


class ListIngredientsQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: Category | None = None
    limit: int = Field(default=50, ge=1, le=200)
    cursor: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,64}$")] | None = None


class ValidateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[ItemText] = Field(min_length=1, max_length=50)


def _view(ing: Ingredient) -> dict[str, Any]:
    return ing.model_dump(mode="json")


@route(ingredients_blueprint, "/ingredients")
def list_ingredients() -> dict[str, Any]:
    query = parse_query(ingredients_blueprint, ListIngredientsQuery)
    items, cursor = services().ingredients.page(query.category, query.cursor, query.limit)
    return {"items": [_view(i) for i in items], "next_cursor": cursor}


@route(ingredients_blueprint, "/ingredients/{ingredient_id}")
def get_ingredient(ingredient_id: str) -> dict[str, Any]:
    ing = services().ingredients.get(ingredient_id)
    if ing is None:
        raise not_found("ingredient", ingredient_id)
    return _view(ing)


@route(ingredients_blueprint, "/ingredients/validate", methods=("POST",))
def validate_ingredients() -> dict[str, Any]:
    request = parse_body(ingredients_blueprint, ValidateRequest)
    results = services().ingredients.resolve(request.items)
    known = sum(1 for r in results if r.ingredient is not None)
    return {"items": [resolution_view(r) for r in results],
            "known": known, "unknown": len(results) - known}
