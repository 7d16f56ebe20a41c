"""How much of each ingredient a composed recipe lists: per-serving amounts, rounded the way cooks measure."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from chalicelib.domain.composer.kinds import MEAT, SEAFOOD, Item, Kind
from chalicelib.domain.models import RecipeIngredient

Role = Literal["main", "partner", "aromatic", "seasoning", "garnish", "side"]
Locale = Literal["vi", "en"]


@dataclass(frozen=True)
class Use:
    """One ingredient line before quantities: what it is, the part it plays, and how much more or less."""

    item: Item
    role: Role
    scale: float = 1.0
    """Multiplies the default amount: a braise takes more fish sauce than a stir-fry."""
    note: tuple[str, str] = ("", "")
    """(Vietnamese, English); the recipe's locale picks one."""
    optional: bool = False


_FLESH: dict[Role, float] = {"main": 150, "partner": 60, "side": 60, "garnish": 20}
_SHELLS = {"shellfish": 250.0, "crab": 200.0}
_BY_KIND: dict[Kind, dict[Role, tuple[float, str]]] = {
    "egg": {"main": (1.5, "pcs"), "partner": (1, "pcs"), "side": (1, "pcs"), "garnish": (0.5, "pcs")},
    "tofu": {"main": (150, "g"), "partner": (75, "g")},
    "legume": {"main": (40, "g"), "partner": (20, "g")},
    "veg": {"main": (100, "g"), "partner": (100, "g"), "side": (50, "g")},
    "tomato": {"main": (100, "g"), "partner": (100, "g"), "garnish": (30, "g")},
    "mushroom": {"main": (100, "g"), "partner": (60, "g")},
    "fruit": {"main": (100, "g"), "partner": (60, "g")},
    "noodle": {"main": (100, "g"), "partner": (100, "g"), "side": (80, "g")},
    "nut": {"main": (40, "g"), "partner": (10, "g"), "garnish": (10, "g")},
    "bread": {"main": (1, "pcs"), "side": (1, "pcs")},
    "herb": {"main": (10, "g"), "partner": (5, "g"), "garnish": (5, "g")},
    "flour": {"seasoning": (1, "tbsp")},
    "fat": {"seasoning": (0.5, "tbsp")},
    "sweet": {"seasoning": (0.5, "tsp")},
    "pepper": {"seasoning": (0.25, "tsp")},
    "spice": {"seasoning": (0.25, "tsp")},
    "sauce": {"seasoning": (0.5, "tbsp")},
}
_AROMATIC: dict[str, tuple[float, str]] = {
    "garlic": (1, "cloves"), "shallot": (0.5, "pcs"), "onion": (0.25, "pcs"), "ginger": (5, "g"),
    "lemongrass": (0.5, "stalks"), "galangal": (5, "g"), "chili": (0.5, "pcs"), "scallion": (1, "stalks"),
}
_BY_ID: dict[str, tuple[float, str]] = {
    "salt": (0.25, "tsp"), "fish_sauce": (0.5, "tbsp"), "soy_sauce": (0.5, "tbsp"), "honey": (0.5, "tbsp"),
    "coconut_milk": (100, "ml"), "coconut_water": (150, "ml"), "tamarind": (10, "g"), "lime": (0.25, "pcs"),
    "lemon": (0.25, "pcs"), "calamansi": (1, "pcs"), "kumquat": (1, "pcs"), "milk": (50, "ml"),
    "butter": (10, "g"), "cooked_rice": (200, "g"),
}
_WHOLE = frozenset({"egg", "bread"})
_CONDIMENT_LIKE = frozenset({"sour", "sauce", "other", "grain"})


def per_serving(item: Item, role: Role) -> tuple[float, str]:
    """Default amount of one ingredient for one serving in the role it plays."""
    if item.id in _BY_ID and role in {"seasoning", "partner", "side"}:
        return _BY_ID[item.id]
    if item.kind == "aromatic":
        name = next((t for t in _AROMATIC if t in item.traits), "garlic")
        amount, unit = _AROMATIC[name]
        return (amount * 2, unit) if role == "partner" else (amount, unit)
    if item.kind in MEAT | SEAFOOD:
        shells = _SHELLS.get(item.kind)
        return (shells * (1.0 if role == "main" else 0.5) if shells else _FLESH.get(role, 60)), "g"
    if item.kind == "rice":
        raw = "cooked" not in item.traits
        return (80 if raw else 200, "g") if role == "main" else (60 if raw else 150, "g")
    if item.kind == "dairy":
        return (40, "ml") if item.has("milk") else (20, "g") if item.has("cheese") else (10, "g")
    table = _BY_KIND.get(item.kind, {})
    if role in table:
        return table[role]
    if role in {"seasoning", "garnish"} or "seasoning" in table or item.kind in _CONDIMENT_LIKE:
        return table.get("seasoning", (0.5, "tbsp"))
    return table.get("partner", (50, "g"))


def measure(value: float, unit: str, whole: bool) -> float:
    """Round to what a cook measures: 10 g steps, half tablespoons, quarter teaspoons, whole eggs."""
    if unit in {"g", "ml"}:
        step = 10 if value >= 30 else 5
        return float(max(step, round(value / step) * step))
    if unit == "tbsp":
        return max(0.5, round(value * 2) / 2)
    if unit == "tsp":
        return max(0.25, round(value * 4) / 4)
    if whole or value >= 1:
        return float(max(1, math.ceil(value - 1e-9)))
    return 0.5 if value <= 0.5 else 1.0


def line(use: Use, servings: int, locale: Locale) -> RecipeIngredient:
    """The ingredient line for `servings` people."""
    amount, unit = per_serving(use.item, use.role)
    if use.item.kind == "egg" and "quail" in use.item.traits:
        amount *= 4
    quantity = measure(amount * use.scale * servings, unit, use.item.kind in _WHOLE)
    note = use.note[0] if locale == "vi" else use.note[1]
    return RecipeIngredient(ingredient_id=use.item.id, quantity=quantity, unit=unit, note=note,
                            optional=use.optional)
