"""Folding: case, spaces, Vietnamese diacritics (đ included) and English plurals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.normalize import fold, strip_accents


@pytest.mark.parametrize(("typed", "key"), [
    ("Cà Chua ", "ca chua"),
    ("  THỊT   heo", "thit heo"),
    ("Đậu phụ", "dau phu"),
    ("đường", "duong"),
    ("tomatoes", "tomato"),
    ("Potatoes", "potato"),
    ("eggs", "egg"),
    ("berries", "berri"),
    ("berry", "berri"),
    ("chilies", "chili"),
    ("leaves", "leaf"),
    ("asparagus", "asparagus"),
    ("lemongrass", "lemongrass"),
    ("glass noodles", "glass noodle"),
    ("hành tây", "hanh tay"),
    ("rau-muống!", "rau muong"),
])
def test_fold_gives_one_key_per_spelling(typed: str, key: str) -> None:
    # Given what a person typed / When folded / Then it is the matching key
    assert fold(typed) == key


def test_plural_and_singular_fold_together() -> None:
    for singular, plural in [("tomato", "tomatoes"), ("cherry", "cherries"), ("onion", "onions"),
                             ("anchovy", "anchovies"), ("dish", "dishes"), ("cookie", "cookies")]:
        assert fold(singular) == fold(plural)


def test_short_vietnamese_syllables_are_not_treated_as_plurals() -> None:
    assert fold("cay") == "cay"
    assert fold("cải") == "cai"
    assert fold("cá") == fold("cà") == "ca"


def test_strip_accents_handles_d_with_stroke() -> None:
    assert strip_accents("Đỗ đen") == "Do den"


@given(st.text(max_size=60))
def test_fold_is_idempotent_and_ascii(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once.isascii()
    assert "  " not in once
