"""Recipe routes: read one, list with filters, match against what a person has."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api.errors import ApiError, not_found
from chalicelib.api.routing import parse_body, parse_query, route
from chalicelib.services.cursors import InvalidCursor
from chalicelib.services.recipe_service import ListRecipesQuery, MatchRequest
from chalicelib.wiring import services

recipes_blueprint = Blueprint(__name__)


@route(recipes_blueprint, "/recipes")
def list_recipes() -> dict[str, Any]:
    query = parse_query(recipes_blueprint, ListRecipesQuery)
    try:
        return services().recipes.listing(query)
    except InvalidCursor as exc:
        raise ApiError(400, "invalid_cursor", str(exc)) from exc


@route(recipes_blueprint, "/recipes/{recipe_id}")
def get_recipe(recipe_id: str) -> dict[str, Any]:
    if len(recipe_id) > 64:
        raise not_found("recipe", recipe_id[:64])
    recipe = services().recipes.get(recipe_id)
    if recipe is None:
        raise not_found("recipe", recipe_id)
    return recipe


@route(recipes_blueprint, "/recipes/match", methods=("POST",))
def match_recipes() -> dict[str, Any]:
    request = parse_body(recipes_blueprint, MatchRequest)
    return services().recipes.match(request)
