"""Suggestion routes (signed-in users): ask, poll, and give feedback on AI recipes."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api.auth import current_identity
from chalicelib.api.errors import ApiError, not_found
from chalicelib.api.routing import parse_body, route
from chalicelib.services.feedback_service import FeedbackConflict, FeedbackRequest, RecipeNotInSuggestion
from chalicelib.services.suggestion_service import SuggestionNotFound, SuggestionRequest
from chalicelib.wiring import services

suggestions_blueprint = Blueprint(__name__)


def _caller() -> str:
    return current_identity(suggestions_blueprint.current_request).user_id


@route(suggestions_blueprint, "/suggestions", methods=("POST",), access="user", status=201)
def create_suggestion() -> dict[str, Any]:
    request = parse_body(suggestions_blueprint, SuggestionRequest)
    svc, user_id = services(), _caller()
    saved = svc.profiles.preferences(user_id) if request.preferences is None else None
    return svc.suggestions.create(user_id, request, saved)


@route(suggestions_blueprint, "/suggestions/{suggestion_id}", access="user")
def get_suggestion(suggestion_id: str) -> dict[str, Any]:
    try:
        return services().suggestions.get(_caller(), suggestion_id[:64])
    except SuggestionNotFound as exc:
        raise not_found("suggestion", suggestion_id[:64]) from exc


@route(suggestions_blueprint, "/suggestions/{suggestion_id}/recipes/{recipe_id}/feedback", methods=("POST",),
       access="user")
def give_feedback(suggestion_id: str, recipe_id: str) -> dict[str, Any]:
    request = parse_body(suggestions_blueprint, FeedbackRequest)
    try:
        return services().feedback.give(_caller(), suggestion_id[:64], recipe_id[:64], request.verdict)
    except SuggestionNotFound as exc:
        raise not_found("suggestion", suggestion_id[:64]) from exc
    except RecipeNotInSuggestion as exc:
        raise ApiError(404, "not_found", f"Suggestion '{suggestion_id[:64]}' has no AI recipe '{recipe_id[:64]}'.",
                       {"recipe_id": recipe_id[:64]}) from exc
    except FeedbackConflict as exc:
        raise ApiError(409, "feedback_exists", f"This recipe was already given the verdict '{exc.existing}'.",
                       {"verdict": exc.existing}) from exc
