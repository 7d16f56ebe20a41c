"""Ingredient names and shared sentences for composed recipes, in Vietnamese and English."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chalicelib.domain.composer.kinds import Item
from chalicelib.domain.composer.portions import Locale

TITLE_MAX = 120
_PARENS = re.compile(r"\s*\([^)]*\)")
# First words that stay capitalised inside a sentence ("the Thai basil", "the Napa cabbage").
_PROPER = frozenset({
    "Arborio", "Asian", "Babylon", "Banh", "Basmati", "Brussels", "Cao", "Cheddar", "Chinese", "Hu", "Indian",
    "Japanese", "Kaffir", "Korean", "Mac", "Maggi", "Malabar", "Mi", "Mozzarella", "Napa", "Parmesan", "Pho",
    "Shaoxing", "Sichuan", "Sriracha", "Thai", "Vietnamese", "Worcestershire",
})


def _clean(text: str) -> str:
    text = _PARENS.sub("", text).split("/")[0].split(",")[0].strip()
    if (len(text) > 1 and text[1].isupper()) or text.split(" ")[0] in _PROPER:
        return text
    return text[:1].lower() + text[1:]


def v(item: Item | None) -> str:
    """Vietnamese name as it reads inside a sentence: 'Thịt ba chỉ' -> 'thịt ba chỉ'."""
    return _clean(item.ingredient.name_vi) if item else ""


def e(item: Item | None) -> str:
    """English name as it reads inside a sentence."""
    return _clean(item.ingredient.name_en) if item else ""


def _join(words: Sequence[str], conjunction: str) -> str:
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def vs(items: Sequence[Item | None]) -> str:
    """'tỏi, hành tím và ớt'."""
    return _join([v(i) for i in items], "và")


def es(items: Sequence[Item | None]) -> str:
    """'garlic, shallot and chili'."""
    return _join([e(i) for i in items], "and")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fit(*options: str) -> str:
    """The first title that fits the 120-character limit (the last one is cut if none does)."""
    for option in options:
        if len(option) <= TITLE_MAX:
            return cap(option)
    return cap(options[-1][:TITLE_MAX].rstrip())


class Pen:
    """Writes a recipe's steps in its locale; every sentence is given in both languages side by side."""

    def __init__(self, locale: Locale) -> None:
        self.locale = locale
        self.steps: list[str] = []

    def __call__(self, vi: str, en: str) -> str:
        return vi if self.locale == "vi" else en

    def step(self, vi: str, en: str) -> None:
        self.steps.append(cap(self(vi, en).strip()))

    def heat(self, fat: Item | None, aromatics: Sequence[Item], then_vi: str = "", then_en: str = "") -> None:
        """Aromatics fried in the fat, the start of most Vietnamese pan dishes."""
        if aromatics and fat:
            vi = f"Phi thơm {vs(aromatics)} với {v(fat)}"
            en = f"Fry the {es(aromatics)} in the {e(fat)} until fragrant"
        elif aromatics:
            vi, en = f"Phi thơm {vs(aromatics)} trong chảo nóng", f"Toast the {es(aromatics)} in a hot pan"
        elif fat:
            vi, en = f"Đun nóng {v(fat)} trong chảo", f"Heat the {e(fat)} in a wok or pan"
        else:
            vi, en = "Làm nóng chảo", "Heat a wok or pan"
        self.step(f"{vi}{then_vi}.", f"{en}{then_en}.")


def season(items: Sequence[Item | None]) -> tuple[str, str]:
    """('nêm nước mắm, đường vừa ăn', 'season with the fish sauce and sugar to taste')."""
    present = [i for i in items if i is not None]
    if not present:
        return "nêm nếm vừa ăn", "season to taste"
    return f"nêm {vs(present)} vừa ăn", f"season with the {es(present)} to taste"


def finish(garnish: Sequence[Item], serve_vi: str = "dùng nóng với cơm",
           serve_en: str = "serve hot with steamed rice") -> tuple[str, str]:
    """The last step: herbs on top, then how to serve."""
    if garnish:
        return f"Rắc {vs(garnish)} lên trên, {serve_vi}.", f"Scatter over the {es(garnish)} and {serve_en}."
    return f"{cap(serve_vi)}.", f"{cap(serve_en)}."
