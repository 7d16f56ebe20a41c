"""Catalog routes end to end through the app, against a seeded table."""

from __future__ import annotations

from typing import Any

from tests.support.api import call
from tests.support.aws import AwsEnv


def test_health_reports_table_and_cache(seeded: AwsEnv, chalice_client: Any) -> None:
    status, body = call(chalice_client, "GET", "/health")
    assert status == 200
    assert body["components"]["table"]["status"] == "ok"
    assert body["components"]["cache"]["status"] == "disabled"


def test_validate_resolves_what_people_type(seeded: AwsEnv, chalice_client: Any) -> None:
    status, body = call(chalice_client, "POST", "/ingredients/validate",
                        {"items": ["ca chua", "tomatoe", "Thịt Heo", "hanh la", "xyz"]})
    assert status == 200
    ids = [item["ingredient"]["id"] if item["ingredient"] else None for item in body["items"]]
    assert ids == ["tomato", "tomato", "pork", "scallion", None]
    assert body["items"][1]["match"] == "fuzzy" and body["items"][1]["score"] >= 85
    assert body["items"][4]["match"] == "unknown"
    assert (body["known"], body["unknown"]) == (4, 1)


def test_ingredient_listing_paginates_by_category(seeded: AwsEnv, chalice_client: Any) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        path = "/ingredients?category=herb&limit=7" + (f"&cursor={cursor}" if cursor else "")
        status, body = call(chalice_client, "GET", path)
        assert status == 200
        assert all(item["category"] == "herb" for item in body["items"])
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) > 20
    assert seen == sorted(seen)
    status, body = call(chalice_client, "GET", "/ingredients/cilantro")
    assert status == 200 and body["name_vi"] == "Ngò rí"


def test_unknown_ids_and_bad_filters(seeded: AwsEnv, chalice_client: Any) -> None:
    assert call(chalice_client, "GET", "/ingredients/unobtainium")[0] == 404
    status, body = call(chalice_client, "GET", "/recipes/unobtainium")
    assert status == 404 and body["error"]["code"] == "not_found"
    status, body = call(chalice_client, "GET", "/ingredients?category=rocks")
    assert status == 400 and body["error"]["details"][0]["field"] == "category"
    status, body = call(chalice_client, "GET", "/recipes?cursor=notacursor")
    assert status == 400 and body["error"]["code"] == "invalid_cursor"
    status, body = call(chalice_client, "GET", "/recipes?max_minutes=abc")
    assert status == 400 and body["error"]["code"] == "invalid_request"


def test_recipe_detail_has_steps_and_derived_facts(seeded: AwsEnv, chalice_client: Any) -> None:
    status, body = call(chalice_client, "GET", "/recipes/thit_kho_trung")
    assert status == 200
    assert body["steps"] and body["ingredients"][0]["ingredient_id"]
    assert "fish" in body["allergens"] and "vegetarian" not in body["diets"]
    assert body["total_minutes"] == body["prep_minutes"] + body["cook_minutes"]


def test_recipe_listing_filters_and_paginates(seeded: AwsEnv, chalice_client: Any) -> None:
    seen: list[dict[str, Any]] = []
    cursor = None
    for _ in range(50):
        path = "/recipes?cuisine=vietnamese&max_minutes=30&limit=5" + (f"&cursor={cursor}" if cursor else "")
        status, body = call(chalice_client, "GET", path)
        assert status == 200
        seen += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen and all(r["cuisine"] == "vietnamese" and r["total_minutes"] <= 30 for r in seen)
    assert [r["total_minutes"] for r in seen] == sorted(r["total_minutes"] for r in seen)
    assert len({r["id"] for r in seen}) == len(seen)
    status, body = call(chalice_client, "GET", "/recipes?diet=vegan&tag=canh")
    assert status == 200 and body["items"]
    assert all("vegan" in r["diets"] and "canh" in r["tags"] for r in body["items"])


def test_match_ranks_what_can_be_cooked_now(seeded: AwsEnv, chalice_client: Any) -> None:
    status, body = call(chalice_client, "POST", "/recipes/match",
                        {"ingredients": ["trứng", "cà chua", "hành lá"], "max_missing": 1, "limit": 5})
    assert status == 200
    recipes = body["recipes"]
    assert recipes and recipes[0]["missing"] == []
    assert any(r["recipe"]["id"] in {"ca_chua_xao_trung", "canh_trung_ca_chua", "tomato_egg_stir_fry"}
               for r in recipes)
    assert all(len(r["missing"]) <= 1 for r in recipes)
    assert [r["score"] for r in recipes] == sorted((r["score"] for r in recipes), reverse=True)
    assert body["stats"]["db_calls"] >= 3


def test_match_never_breaks_allergen_or_diet_constraints(seeded: AwsEnv, chalice_client: Any) -> None:
    status, body = call(chalice_client, "POST", "/recipes/match", {
        "ingredients": ["tôm", "trứng", "thịt heo", "cà chua"], "exclude_allergens": ["crustaceans", "fish"],
        "max_missing": 3, "limit": 20})
    assert status == 200 and body["recipes"]
    assert all(not {"crustaceans", "fish"} & set(r["recipe"]["allergens"]) for r in body["recipes"])
    status, body = call(chalice_client, "POST", "/recipes/match",
                        {"ingredients": ["đậu hũ", "cà chua"], "diet": "vegan", "limit": 20})
    assert status == 200 and body["recipes"]
    assert all("vegan" in r["recipe"]["diets"] for r in body["recipes"])


def test_specific_cut_finds_recipes_for_the_generic_ingredient(seeded: AwsEnv, chalice_client: Any) -> None:
    status, body = call(chalice_client, "POST", "/recipes/match",
                        {"ingredients": ["đùi gà", "gừng"], "max_missing": 1, "limit": 10})
    assert status == 200
    assert any(r["recipe"]["id"] == "ga_kho_gung" for r in body["recipes"])


def test_bad_input_gets_a_clear_4xx(seeded: AwsEnv, chalice_client: Any) -> None:
    status, body = call(chalice_client, "POST", "/recipes/match", raw="{not json")
    assert status == 400 and body["error"]["code"] == "invalid_json"
    status, body = call(chalice_client, "POST", "/recipes/match", raw="[1, 2]")
    assert status == 400 and body["error"]["code"] == "invalid_json"
    status, body = call(chalice_client, "POST", "/recipes/match", {"ingredients": ["x" * 81]})
    assert status == 400 and body["error"]["details"][0]["field"].startswith("ingredients")
    status, body = call(chalice_client, "POST", "/recipes/match", {"ingredients": ["egg"] * 31})
    assert status == 400
    status, body = call(chalice_client, "POST", "/recipes/match", {"ingredients": ["egg"], "limit": 0})
    assert status == 400 and body["error"]["details"][0]["field"] == "limit"
    status, body = call(chalice_client, "POST", "/recipes/match", {"ingredients": ["egg"], "surprise": 1})
    assert status == 400
    status, body = call(chalice_client, "POST", "/ingredients/validate", raw="x" * 70_000)
    assert status == 413 and body["error"]["code"] == "payload_too_large"
    status, body = call(chalice_client, "POST", "/recipes/match",
                        {"ingredients": ["egg"], "exclude_allergens": ["kryptonite"]})
    assert status == 400
