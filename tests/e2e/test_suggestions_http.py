"""The suggestion loop over real HTTP against `chalice local`, as the README shows it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests

TIMEOUT = 10


def send(method: str, url: str, token: str, body: Any = None) -> tuple[int, Any]:
    response = requests.request(method, url, json=body, timeout=TIMEOUT,
                                headers={"Authorization": f"Bearer {token}"})
    assert response.headers["Content-Type"].startswith("application/json")
    return response.status_code, response.json()


def test_ask_poll_approve_then_db_only(chalice_local: str, make_token: Callable[..., str]) -> None:
    token = make_token("e2e-alice")
    ask = {"ingredients": ["khổ qua", "nấm rơm", "thịt bò"], "count": 1}
    # A first request returns DB recipes at once and a pending AI part
    status, first = send("POST", f"{chalice_local}/suggestions", token, ask)
    assert status == 201, first
    assert first["ai"]["state"] == "pending"
    # Polling returns the AI recipe once written (the local stage runs the AI function in-process)
    polled: dict[str, Any] = {}
    for _ in range(100):
        status, polled = send("GET", f"{chalice_local}/suggestions/{first['id']}", token)
        if polled["ai"]["state"] != "pending":
            break
        time.sleep(0.1)
    assert polled["ai"]["state"] == "ready", polled
    recipe = polled["ai"]["recipes"][0]
    # Approving it adds it to the database
    status, verdict = send("POST", f"{chalice_local}/suggestions/{first['id']}/recipes/{recipe['id']}/feedback",
                           token, {"verdict": "approve"})
    assert status == 200 and verdict["promoted"] is True
    # The next identical request is answered from the database, with no AI part
    status, again = send("POST", f"{chalice_local}/suggestions", token, ask)
    assert status == 201 and again["ai"]["state"] == "none_needed"
    assert again["db_recipes"][0]["recipe"]["id"] == recipe["id"]
    # Someone else cannot read the first suggestion
    status, err = send("GET", f"{chalice_local}/suggestions/{first['id']}", make_token("e2e-bob"))
    assert status == 404 and err["error"]["code"] == "not_found"
