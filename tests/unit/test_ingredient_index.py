"""Resolving typed items against a small master list."""

from __future__ import annotations

import pytest

from chalicelib.domain.ingredient_index import IngredientIndex, MatchKind
from chalicelib.domain.models import Ingredient


def ing(id_: str, vi: str, en: str, *aliases: str, category: str = "vegetable") -> Ingredient:
    return Ingredient.model_validate({"id": id_, "name_vi": vi, "name_en": en, "aliases": aliases,
                                      "category": category})


@pytest.fixture
def index() -> IngredientIndex:
    return IngredientIndex([
        ing("tomato", "Cà chua", "Tomato"),
        ing("pork", "Thịt heo", "Pork", "thịt lợn", category="meat"),
        ing("scallion", "Hành lá", "Scallion", "hành hoa", "green onion", "spring onion", category="herb"),
        ing("fish", "Cá", "Fish", category="seafood"),
        ing("eggplant", "Cà tím", "Eggplant", "aubergine"),
        ing("rice", "Gạo", "Rice", category="grain"),
        ing("chicken", "Thịt gà", "Chicken", "gà", category="meat"),
    ])


@pytest.mark.parametrize(("typed", "kind", "expected"), [
    ("Cà chua", MatchKind.exact, "tomato"),
    ("  TOMATO ", MatchKind.exact, "tomato"),
    ("thịt lợn", MatchKind.alias, "pork"),
    ("Aubergine", MatchKind.alias, "eggplant"),
    ("ca chua", MatchKind.accent_folded, "tomato"),
    ("hanh la", MatchKind.accent_folded, "scallion"),
    ("tomatoes", MatchKind.accent_folded, "tomato"),
    ("green onions", MatchKind.accent_folded, "scallion"),
    ("tomatoe", MatchKind.fuzzy, "tomato"),
    ("auberjine", MatchKind.fuzzy, "eggplant"),
    ("fresh tomatoes", MatchKind.accent_folded, "tomato"),
])
def test_resolves_each_way_a_person_types(index: IngredientIndex, typed: str, kind: MatchKind,
                                           expected: str) -> None:
    result = index.resolve(typed)
    assert result.kind is kind
    assert result.ingredient is not None and result.ingredient.id == expected


def test_unknown_word_gets_no_match_but_close_suggestions(index: IngredientIndex) -> None:
    # Given a typo too far to accept / When resolved / Then unknown, with the nearest names suggested
    result = index.resolve("tomxyz")
    assert result.kind is MatchKind.unknown and result.ingredient is None
    assert index.resolve("xyz").suggestions == ()


def test_fuzzy_does_not_pair_unrelated_short_words(index: IngredientIndex) -> None:
    # 'gao' (rice) and 'ga' (chicken) are one letter apart but different foods
    assert index.resolve("gaa").kind is MatchKind.unknown
    chicken = index.resolve("ga").ingredient
    assert chicken is not None and chicken.id == "chicken"


def test_accent_collisions_report_the_alternatives() -> None:
    # Given cá (fish) and cà (eggplant) that fold to the same 'ca'
    index = IngredientIndex([ing("fish", "Cá", "Fish", category="seafood"), ing("eggplant", "Cà", "Eggplant")])
    # When typed without accents / Then one is chosen and the other offered as an alternative
    result = index.resolve("ca")
    assert result.kind is MatchKind.accent_folded
    assert result.ingredient is not None and result.ingredient.id == "fish"
    assert [s.ingredient.id for s in result.suggestions] == ["eggplant"]
    # With accents there is no doubt
    exact = index.resolve("cà")
    assert exact.kind is MatchKind.exact and exact.ingredient is not None and exact.ingredient.id == "eggplant"


def test_empty_or_symbol_only_input_is_unknown(index: IngredientIndex) -> None:
    assert index.resolve("!!!").kind is MatchKind.unknown


def test_specific_cuts_count_as_their_generic_ingredient() -> None:
    index = IngredientIndex([
        ing("pork", "Thịt heo", "Pork", category="meat"),
        Ingredient.model_validate({"id": "pork_belly", "name_vi": "Thịt ba chỉ", "name_en": "Pork belly",
                                   "category": "meat", "generic": "pork"}),
        ing("tomato", "Cà chua", "Tomato"),
    ])
    assert index.with_generics(["pork_belly", "tomato"]) == {"pork_belly", "pork", "tomato"}
    # never the other way: plain pork is not pork belly
    assert index.with_generics(["pork"]) == {"pork"}
