"""The README's catalog examples over real HTTP against `chalice local` (moto server and memcached behind it)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests

from tests.support.chalice_local import ChaliceLocal

TIMEOUT = 10
VALIDATE_ITEMS = ["ca chua", "tomatoe", "Thịt Heo", "hanh la", "xyz"]
README_MATCH = {"ingredients": ["thịt ba chỉ", "trứng", "hành lá"], "max_missing": 1,
                "exclude_allergens": ["crustaceans"], "limit": 5}


def get(base: str, path: str, token: str | None = None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.get(f"{base}{path}", headers=headers, timeout=TIMEOUT)


def post(base: str, path: str, body: Any = None, data: str | None = None) -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if data is not None:
        return requests.post(f"{base}{path}", data=data.encode(), headers=headers, timeout=TIMEOUT)
    return requests.post(f"{base}{path}", json=body, headers=headers, timeout=TIMEOUT)


def json_of(response: requests.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    return response.json()


def walk_pages(base: str, path: str) -> list[list[dict[str, Any]]]:
    """Every page of a listing, following next_cursor (bounded, so a cursor loop fails instead of hanging)."""
    pages: list[list[dict[str, Any]]] = []
    params: dict[str, str] = {}
    for _ in range(100):
        response = requests.get(f"{base}{path}", params=params, timeout=TIMEOUT)
        body = json_of(response)
        pages.append(body["items"])
        if body["next_cursor"] is None:
            return pages
        params = {"cursor": body["next_cursor"]}
    raise AssertionError(f"{path} never ran out of pages")


def test_health_is_ok(chalice_local: str, chalice_local_server: ChaliceLocal) -> None:
    # A memcached restart by an earlier test costs the server one failed call and a 2 s pause: poll briefly.
    body: dict[str, Any] = {}
    for _ in range(50):
        body = json_of(get(chalice_local, "/health"))
        if body["status"] == "ok":
            break
        time.sleep(0.1)
    assert body["status"] == "ok", f"{body}\n{chalice_local_server.log()}"
    assert body["components"]["table"]["status"] == "ok"
    assert body["components"]["cache"]["status"] == "ok"
    assert body["stage"] == "local"


def test_validate_resolves_accents_typos_and_unknowns(chalice_local: str) -> None:
    body = json_of(post(chalice_local, "/ingredients/validate", {"items": VALIDATE_ITEMS}))
    items = body["items"]
    assert [i["input"] for i in items] == VALIDATE_ITEMS
    assert [i["ingredient"]["id"] if i["ingredient"] else None for i in items] == [
        "tomato", "tomato", "pork", "scallion", None]
    assert [i["match"] for i in items] == ["alias", "fuzzy", "exact", "alias", "unknown"]
    assert items[1]["score"] == 92.3  # the figure the README shows
    assert items[4]["score"] == 0 and isinstance(items[4]["suggestions"], list)
    assert (body["known"], body["unknown"]) == (4, 1)


def test_ingredient_listing_pages_with_a_cursor(chalice_local: str) -> None:
    pages = walk_pages(chalice_local, "/ingredients?category=herb&limit=5")
    assert len(pages) > 2
    assert all(len(page) == 5 for page in pages[:-1]) and 1 <= len(pages[-1]) <= 5
    ids = [item["id"] for page in pages for item in page]
    assert ids == sorted(set(ids))
    assert all(item["category"] == "herb" for page in pages for item in page)
    assert "scallion" in ids

    scallion = json_of(get(chalice_local, "/ingredients/scallion"))
    assert scallion["name_vi"] == "Hành lá" and scallion["category"] == "herb"
    assert "hanh la" in scallion["aliases"]


def test_recipe_listing_filters_and_pages(chalice_local: str) -> None:
    pages = walk_pages(chalice_local, "/recipes?cuisine=vietnamese&max_minutes=30&limit=5")
    recipes = [r for page in pages for r in page]
    assert len(pages) > 1 and all(len(page) <= 5 for page in pages)
    assert all(r["cuisine"] == "vietnamese" and r["total_minutes"] <= 30 for r in recipes)
    assert [r["total_minutes"] for r in recipes] == sorted(r["total_minutes"] for r in recipes)
    assert len({r["id"] for r in recipes}) == len(recipes)

    # A cursor belongs to its filters
    first = json_of(get(chalice_local, "/recipes?cuisine=vietnamese&max_minutes=30&limit=5"))
    other = requests.get(f"{chalice_local}/recipes", params={"tag": "canh", "cursor": first["next_cursor"]},
                         timeout=TIMEOUT)
    assert json_of(other, 400)["error"]["code"] == "invalid_cursor"

    vegan_soups = json_of(get(chalice_local, "/recipes?diet=vegan&tag=canh"))["items"]
    assert vegan_soups
    assert all("vegan" in r["diets"] and "canh" in r["tags"] for r in vegan_soups)


def test_recipe_detail(chalice_local: str) -> None:
    recipe = json_of(get(chalice_local, "/recipes/thit_kho_trung"))
    assert recipe["id"] == "thit_kho_trung" and recipe["title_vi"] == "Thịt kho trứng"
    assert recipe["steps"]
    ingredient_ids = {i["ingredient_id"] for i in recipe["ingredients"]}
    assert {"pork_belly", "chicken_egg"} <= ingredient_ids
    assert recipe["total_minutes"] == recipe["prep_minutes"] + recipe["cook_minutes"]
    missing = json_of(get(chalice_local, "/recipes/no_such_recipe"), 404)
    assert missing["error"]["code"] == "not_found"


def test_match_ranks_recipes_for_vietnamese_input(chalice_local: str) -> None:
    body = json_of(post(chalice_local, "/recipes/match", README_MATCH))
    assert [i["ingredient"]["id"] for i in body["ingredients"]] == ["pork_belly", "chicken_egg", "scallion"]
    recipes = body["recipes"]
    assert 1 <= len(recipes) <= 5
    assert recipes[0]["missing"] == []
    assert [r["score"] for r in recipes] == sorted((r["score"] for r in recipes), reverse=True)
    assert all(len(r["missing"]) <= 1 for r in recipes)
    assert all("crustaceans" not in r["recipe"]["allergens"] for r in recipes)
    # a cut stands for its generic ingredient: pork belly matches recipes that ask for pork
    have = {"pork_belly", "pork", "chicken_egg", "scallion"}
    assert all(m["id"] in have for r in recipes for m in r["matched"])
    assert {"db_calls", "read_units"} <= set(body["stats"])
    assert body["cache"] in {"computed", "l1", "l2"}

    # The same request again, reordered and without accents, is served from the server's memory
    again = {**README_MATCH, "ingredients": ["hanh la", "TRUNG", "thit ba chi"]}
    repeat = json_of(post(chalice_local, "/recipes/match", again))
    assert repeat["cache"] == "l1"
    assert repeat["recipes"] == recipes


def test_malformed_json_is_a_400_json_error(chalice_local: str) -> None:
    error = json_of(post(chalice_local, "/recipes/match", data='{"ingredients": ["trứng"'), 400)["error"]
    assert error["code"] == "invalid_json" and error["message"]
    error = json_of(post(chalice_local, "/ingredients/validate", {"items": []}), 400)["error"]
    assert error["code"] == "invalid_request" and error["details"][0]["field"] == "items"


def test_unknown_route_is_refused_like_api_gateway(chalice_local: str) -> None:
    # chalice local imitates API Gateway: an unknown path never reaches the app, so the answer is the
    # gateway's own 403, not our error shape.
    response = get(chalice_local, "/no/such/route")
    assert response.status_code == 403
    assert response.json() == {"message": "Missing Authentication Token"}
    response = requests.delete(f"{chalice_local}/health", timeout=TIMEOUT)
    assert response.status_code == 405


def test_admin_stats_need_an_admin_token(chalice_local: str, make_token: Callable[..., str]) -> None:
    json_of(post(chalice_local, "/ingredients/validate", {"items": VALIDATE_ITEMS}))

    # No Authorization header: refused by the gateway before our code runs
    assert json_of(get(chalice_local, "/admin/cache/stats"), 401) == {"message": "Unauthorized"}
    # A signed user token without the admin group
    error = json_of(get(chalice_local, "/admin/cache/stats", token=make_token("alice")), 403)["error"]
    assert error["code"] == "forbidden"
    # Not a token at all
    error = json_of(get(chalice_local, "/admin/cache/stats", token="garbage"), 401)["error"]
    assert error["code"] == "invalid_token"
    # An admin
    stats = json_of(get(chalice_local, "/admin/cache/stats", token=make_token("ops", admin=True)))
    assert stats["scope"] == "instance" and stats["shared_tier"] != "disabled"
    assert stats["classes"]["validation"]["lookups"] >= len(VALIDATE_ITEMS)
    assert stats["ttl_seconds"]["validation"] == 7 * 24 * 3600
