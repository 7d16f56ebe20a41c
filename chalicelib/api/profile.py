"""The caller's own profile: saved preferences that suggestions use by default."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict

from chalicelib.api.auth import current_identity
from chalicelib.api.routing import parse_body, route
from chalicelib.services.suggestion_service import Preferences
from chalicelib.wiring import services

profile_blueprint = Blueprint(__name__)


class ProfileUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    preferences: Preferences


@route(profile_blueprint, "/me/profile", access="user")
def get_profile() -> dict[str, Any]:
    # Only ever the caller's own profile: the id comes from the verified token, never from the request.
    return services().profiles.get(current_identity(profile_blueprint.current_request).user_id)


@route(profile_blueprint, "/me/profile", methods=("PUT",), access="user")
def put_profile() -> dict[str, Any]:
    update = parse_body(profile_blueprint, ProfileUpdate)
    user_id = current_identity(profile_blueprint.current_request).user_id
    return services().profiles.update(user_id, update.preferences)
