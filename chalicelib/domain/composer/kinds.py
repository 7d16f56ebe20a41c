"""What part an ingredient can play in a dish, read from its category and the words of its id.

The master list says "meat" or "vegetable"; cooking needs more: pork or beef, leafy or root, minced,
whole, dried, offal. `kind_of` derives that once per ingredient so the techniques can ask plain questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from chalicelib.domain.models import Ingredient

Kind = Literal[
    "pork", "beef", "chicken", "duck", "meat", "fish", "shrimp", "crab", "squid", "shellfish", "egg", "tofu",
    "legume", "veg", "tomato", "mushroom", "fruit", "sour", "herb", "aromatic", "rice", "noodle", "bread",
    "flour", "grain", "nut", "dairy", "fat", "sweet", "sauce", "pepper", "spice", "other",
]
KIND_ORDER: tuple[Kind, ...] = Kind.__args__  # type: ignore[attr-defined]

MEAT: frozenset[Kind] = frozenset({"pork", "beef", "chicken", "duck", "meat"})
SEAFOOD: frozenset[Kind] = frozenset({"fish", "shrimp", "crab", "squid", "shellfish"})
PROTEIN: frozenset[Kind] = MEAT | SEAFOOD | {"egg", "tofu"}
PLANTS: frozenset[Kind] = frozenset({"veg", "tomato", "mushroom"})

_AROMAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("scallion", ("scallion", "spring_onion", "green_onion")),
    ("garlic", ("garlic",)), ("shallot", ("shallot",)), ("onion", ("onion",)), ("ginger", ("ginger",)),
    ("lemongrass", ("lemongrass",)), ("galangal", ("galangal",)), ("chili", ("chili", "chilli", "chile")),
)
_NOT_AROMATIC = frozenset({"chives", "fried", "powder", "paste", "sauce", "flakes", "oil", "dried", "pickled",
                           "sate", "jam", "ground"})
_MEAT_KINDS: tuple[tuple[Kind, frozenset[str]], ...] = (
    ("pork", frozenset({"pork", "ham", "bacon", "cha", "sausage"})),
    ("beef", frozenset({"beef", "veal"})),
    ("chicken", frozenset({"chicken"})),
    ("duck", frozenset({"duck", "goose"})),
)
_SEAFOOD_KINDS: tuple[tuple[Kind, frozenset[str]], ...] = (
    ("shrimp", frozenset({"shrimp", "prawn", "prawns", "lobster"})),
    ("crab", frozenset({"crab"})),
    ("squid", frozenset({"squid", "octopus", "cuttlefish"})),
    ("shellfish", frozenset({"clam", "clams", "mussel", "mussels", "oyster", "oysters", "scallop", "scallops",
                             "snail", "snails", "cockle", "cockles"})),
)
_TRAITS: tuple[tuple[str, frozenset[str]], ...] = (
    ("leafy", frozenset({"spinach", "greens", "choy", "cabbage", "lettuce", "watercress", "katuk", "amaranth",
                         "kale", "leaves", "leaf", "chard", "shoots", "glory", "tatsoi", "chrysanthemum"})),
    ("raw", frozenset({"cucumber", "carrot", "cabbage", "lettuce", "sprouts", "papaya", "mango", "jicama",
                       "lotus", "tomato", "blossom", "daikon", "radish", "celery", "pomelo", "watercress",
                       "starfruit", "grapefruit", "avocado", "apple", "pear", "pineapple"})),
    ("root", frozenset({"potato", "taro", "yam", "cassava", "carrot", "daikon", "radish", "pumpkin", "squash",
                        "beet", "kohlrabi", "turnip", "root"})),
    ("gourd", frozenset({"melon", "luffa", "chayote", "zucchini", "gourd", "squash", "pumpkin"})),
    ("grill", frozenset({"eggplant", "corn", "okra", "zucchini", "potato", "bell", "asparagus"})),
    ("nocook", frozenset({"lettuce", "avocado"})),
    ("bamboo", frozenset({"bamboo"})),
    ("sour", frozenset({"pineapple", "tomato", "okra", "sprouts", "stem", "tamarind"})),
    ("pineapple", frozenset({"pineapple"})),
    ("minced", frozenset({"ground", "minced", "mince", "meat"})),
    ("dried", frozenset({"dried", "jerky", "salted", "crackers"})),
    ("roasted", frozenset({"roasted", "fried", "toasted"})),
    ("pickled", frozenset({"pickled", "kimchi"})),
    ("offal", frozenset({"liver", "intestines", "kidney", "heart", "stomach", "ear", "skin", "feet",
                         "gizzard", "tripe", "balut"})),
    ("processed", frozenset({"cha", "sausage", "bacon", "ham", "siu", "roast", "balls", "cake", "stick"})),
    # Items no technique here cooks well: they may season, never lead or join.
    ("never", frozenset({"blood", "floss", "pate", "salami", "canned", "smoked", "head", "lasagna", "century",
                         "jellyfish", "fat", "fermented", "chia", "flaxseed", "tahini", "gelatin",
                         "tendon"})),
    ("bony", frozenset({"ribs", "hock", "drumstick", "oxtail", "feet", "wings", "whole", "quail", "pigeon",
                        "frog", "rabbit", "crab"})),
    ("bones", frozenset({"bones", "bone"})),
    ("wings", frozenset({"wings", "wing", "drumsticks"})),
    ("whole", frozenset({"whole"})),
    ("cooked", frozenset({"cooked", "leftover", "steamed"})),
    ("quail", frozenset({"quail"})),
    ("silken", frozenset({"silken", "soft"})),
    ("curry", frozenset({"curry"})),
    ("milk", frozenset({"milk", "cream"})),
    ("cheese", frozenset({"cheese"})),
    ("butter", frozenset({"butter"})),
)
_SOUR = frozenset({"vinegar", "lime", "lemon", "tamarind", "kumquat", "calamansi"})
_NOT_GARNISH = frozenset({"pandan", "lime", "kaffir", "betel", "bay", "curry", "leaves"})
_NOT_RICE = frozenset({"flour", "paper", "noodles", "noodle", "vermicelli", "starch", "crackers", "cracker",
                       "vinegar", "wine", "fermented"})


@dataclass(frozen=True)
class Item:
    """An allowed ingredient, whether the person has it (`own`) or it is a pantry staple, and its kind."""

    ingredient: Ingredient
    own: bool
    kind: Kind
    traits: frozenset[str]

    @property
    def id(self) -> str:
        return self.ingredient.id

    def has(self, *traits: str) -> bool:
        return any(t in self.traits for t in traits)


def _tokens(ingredient_id: str) -> frozenset[str]:
    return frozenset(ingredient_id.split("_"))


def _aroma(ing: Ingredient, tokens: frozenset[str]) -> str | None:
    if ing.category not in {"vegetable", "herb", "spice"} or tokens & _NOT_AROMATIC:
        return None
    return next((name for name, needles in _AROMAS if any(n in ing.id for n in needles)), None)


def _sub_kind(tokens: frozenset[str], table: tuple[tuple[Kind, frozenset[str]], ...], default: Kind) -> Kind:
    return next((kind for kind, words in table if tokens & words), default)


def kind_of(ing: Ingredient) -> tuple[Kind, frozenset[str]]:
    """The part an ingredient plays in a dish, from its category and the words of its id."""
    tokens = _tokens(ing.id)
    traits = {name for name, words in _TRAITS if tokens & words}
    if tokens & {"leaves", "shoots"}:
        traits -= {"root", "grill", "gourd"}
    if "bamboo" in tokens:
        traits.discard("leafy")
    if ing.category not in {"meat", "egg"}:
        traits.discard("offal")  # kidney beans, tofu skin
    if "cockles" in tokens:
        traits.discard("never")  # blood cockles are shellfish, not blood
    aroma = _aroma(ing, tokens)
    if aroma:
        return "aromatic", frozenset({*traits, aroma})
    if ing.category == "herb" and not tokens & _NOT_GARNISH:
        traits.add("garnish")
    return _category_kind(ing, tokens), frozenset(traits)


def _category_kind(ing: Ingredient, tokens: frozenset[str]) -> Kind:
    category = ing.category
    simple: dict[str, Kind] = {"egg": "egg", "mushroom": "mushroom", "herb": "herb", "noodle": "noodle",
                               "nut_seed": "nut", "oil_fat": "fat", "sweetener": "sweet", "dairy": "dairy"}
    if tokens & _SOUR and not tokens & {"leaves", "leaf"}:
        return "sour"
    if tokens & {"noodles", "noodle", "vermicelli"}:
        return "noodle"
    if category in simple:
        return simple[category]
    if category == "meat":
        return _sub_kind(tokens, _MEAT_KINDS, "meat")
    if category == "seafood":
        return _sub_kind(tokens, _SEAFOOD_KINDS, "fish")
    if category == "tofu_legume":
        return "tofu" if "tofu" in tokens else "legume"
    if "tomato" in tokens and category in {"vegetable", "fruit"}:
        return "tomato"
    if category == "vegetable":
        return "veg"
    if category == "fruit":
        return "fruit"
    if category == "spice" and "pepper" in tokens and not tokens & {"bell", "chili"}:
        return "pepper"
    if tokens & {"flour", "starch", "cornstarch"}:
        return "flour"
    if category == "grain":
        if "rice" in tokens and not tokens & _NOT_RICE:
            return "rice"
        return "bread" if tokens & {"bread", "baguette", "toast", "bun"} else "grain"
    return "spice" if category == "spice" else "sauce" if category == "sauce" else "other"
