"""Route registration shared by every blueprint: auth, body parsing and error mapping live here once."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from chalice.app import BadRequestError, Blueprint, Response
from pydantic import BaseModel, ValidationError

from chalicelib.adapters.aws_errors import dependency_failure
from chalicelib.api import auth
from chalicelib.api.errors import JSON_HEADERS, ApiError, error_response
from chalicelib.config import get_settings

log = logging.getLogger(__name__)

Access = Literal["public", "user", "admin"]
M = TypeVar("M", bound=BaseModel)
View = Callable[..., Any]


def validation_details(exc: ValidationError) -> list[dict[str, str]]:
    """Pydantic errors as field paths a client can show next to its inputs."""
    return [
        {"field": ".".join(str(p) for p in err["loc"]) or "body", "problem": err["msg"]}
        for err in exc.errors(include_url=False, include_input=False)
    ]


def to_response(result: Any, status: int = 200) -> Response:
    if isinstance(result, Response):
        return result
    if isinstance(result, BaseModel):
        result = result.model_dump(mode="json")
    return Response(body=result, status_code=status, headers=JSON_HEADERS)


def route(bp: Blueprint, path: str, methods: tuple[str, ...] = ("GET",), access: Access = "public",
          status: int = 200) -> Callable[[View], View]:
    """Register a view whose errors become JSON; `access` picks the authorizer and role check."""
    def decorate(view: View) -> View:
        @functools.wraps(view)
        def handler(**params: Any) -> Response:
            try:
                if access != "public":
                    auth.require(bp.current_request, admin=access == "admin")
                return to_response(view(**params), status)
            except ApiError as exc:
                return error_response(exc.status, exc.code, exc.message, exc.details)
            except Exception as exc:
                reason = dependency_failure(exc)
                if reason is not None:
                    log.warning("dependency %s: %s", reason, exc)
                    return error_response(503, "service_unavailable",
                                          "A service we depend on is not answering; try again shortly.",
                                          {"reason": reason})
                request_id = (bp.current_request.context or {}).get("requestId", "unknown")
                log.exception("unhandled error", extra={"request_id": request_id})
                return error_response(500, "internal_error",
                                      f"Something went wrong on our side (request {request_id}).")

        kwargs: dict[str, Any] = {"methods": list(methods)}
        if access != "public":
            kwargs["authorizer"] = auth.jwt_authorizer
        bp.route(path, **kwargs)(handler)
        return view

    return decorate


def parse_body(bp: Blueprint, model: type[M]) -> M:
    """The JSON body validated as `model`; 413 when too big, 400 when malformed or invalid."""
    request = bp.current_request
    raw = request.raw_body or b""
    limit = get_settings().max_body_bytes
    if len(raw) > limit:
        raise ApiError(413, "payload_too_large", f"The body is {len(raw)} bytes; the limit is {limit}.",
                       {"limit_bytes": limit})
    try:
        data = json.loads(raw) if raw else None
    except (ValueError, BadRequestError) as exc:
        raise ApiError(400, "invalid_json", "The body is not valid JSON.", {"reason": str(exc)[:200]}) from exc
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", "The body must be a JSON object.")
    return _validated(model, data)


def _validated(model: type[M], data: dict[str, Any]) -> M:
    """Client input validated as `model`; failures are the client's (400), unlike a ValidationError raised
    deeper inside, which is our bug and answers 500."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ApiError(400, "invalid_request", "The request is not valid.", validation_details(exc)) from exc


def parse_query(bp: Blueprint, model: type[M]) -> M:
    """Query-string parameters validated as `model` (400 with field paths otherwise)."""
    return _validated(model, dict(bp.current_request.query_params or {}))
