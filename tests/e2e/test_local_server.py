"""The app served by `chalice local` answers over real HTTP, with moto and memcached behind it."""

from __future__ import annotations

import requests


def test_health_answers_json(chalice_local: str) -> None:
    # Given the local stack is up (tables bootstrapped, catalog seeded)
    # When a client asks for /health over HTTP
    response = requests.get(f"{chalice_local}/health", timeout=10)

    # Then it answers 200 with a JSON object
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert isinstance(response.json(), dict)
