"""Fold what people type into a comparable key: case, spaces, Vietnamese diacritics, English plurals."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")
# Words that end in "s" but are not plurals; a plural rule must leave them alone.
_NOT_PLURAL = frozenset({
    "asparagus", "bass", "brussels", "couscous", "hummus", "molasses", "octopus", "swiss",
    "citrus", "cress", "grass", "lemongrass", "watercress", "hibiscus", "chinese",
})
_ES_PLURAL = re.compile(r"(ch|sh|ss|x|z|o)es$")


def strip_accents(text: str) -> str:
    """'Thịt Đùi' -> 'Thit Dui' (đ/Đ are letters of their own, not accented d)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def singular(word: str) -> str:
    """English plural to a singular key: tomatoes -> tomato, berries/berry -> berri, chilies/chili -> chili.

    A final y/ie becomes i (on words of 5+ letters, so Vietnamese syllables such as 'cay' stay as they are),
    because 'berries' could come from 'berry' or from 'chilie'.
    """
    if len(word) <= 3 or word in _NOT_PLURAL or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ves") and word[:-3] in {"lea", "hal", "loa", "kni"}:
        word = word[:-3] + "f"
    elif word.endswith("ies") or _ES_PLURAL.search(word):
        word = word[:-2]
    elif word.endswith("s"):
        word = word[:-1]
    if len(word) >= 5 and word.endswith(("y", "ie")):
        word = word.removesuffix("e").removesuffix("y") + ("" if word.endswith("ie") else "i")
    return word


def clean(text: str) -> str:
    """Lower case, single spaces, accents kept: the 'exact' form."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).lower()).strip()


def fold(text: str) -> str:
    """The accent-free, plural-free key used for matching: 'Cà Chua ' -> 'ca chua', 'Tomatoes' -> 'tomato'."""
    ascii_text = _NON_WORD.sub(" ", strip_accents(clean(text)))
    return " ".join(singular(w) for w in ascii_text.split())
