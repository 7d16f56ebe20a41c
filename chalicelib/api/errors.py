"""One error shape for every failure: {"error": {"code", "message", "details"}}."""

from __future__ import annotations

from typing import Any

from chalice.app import Response

JSON_HEADERS: dict[str, str | list[str]] = {"Content-Type": "application/json"}


class ApiError(Exception):
    """An error a client can act on; its code is stable, its message is for people."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def error_response(status: int, code: str, message: str, details: Any = None) -> Response:
    body = {"error": {"code": code, "message": message, "details": details}}
    return Response(body=body, status_code=status, headers=JSON_HEADERS)


def not_found(kind: str, ident: str) -> ApiError:
    return ApiError(404, "not_found", f"No {kind} with id '{ident}'.", {"id": ident})
