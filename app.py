"""The API: one Chalice app; routes live in blueprints, logic in chalicelib.services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice.app import Chalice, Request, Response

from chalicelib.api.admin import admin_blueprint
from chalicelib.api.auth import auth_blueprint
from chalicelib.api.health import health_blueprint
from chalicelib.api.ingredients import ingredients_blueprint
from chalicelib.api.profile import profile_blueprint
from chalicelib.api.recipes import recipes_blueprint
from chalicelib.api.suggestions import suggestions_blueprint
from chalicelib.logs import configure_logging
from chalicelib.observability import flush_metrics
from chalicelib.wiring import run_ai_job

app = Chalice(app_name="cooking-api", configure_logs=False)
configure_logging()

for blueprint in (auth_blueprint, health_blueprint, ingredients_blueprint, recipes_blueprint, suggestions_blueprint,
                  profile_blueprint, admin_blueprint):
    app.register_blueprint(blueprint)


@app.middleware("http")
def emit_metrics(event: Request, get_response: Callable[[Request], Response]) -> Response:
    """After each request, report cache activity as CloudWatch metrics (EMF log lines)."""
    response = get_response(event)
    flush_metrics()
    return response


@app.lambda_function(name="ai_suggestion")
def ai_suggestion(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The AI suggestion function: invoked asynchronously by the API with one generation job."""
    result = run_ai_job(event)
    flush_metrics()
    return result
