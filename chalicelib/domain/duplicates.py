"""Near-duplicate recipes: the same dish under another title should not enter the database twice.

Two recipes are the same dish when they need mostly the same ingredients (Jaccard >= 0.8 over the
required, non-staple ingredient ids) *and* are cooked the same way: the technique (kho, xào, canh, ...
read from the tags and the folded titles) matches, or, when either has no known technique, the titles
are nearly the same regardless of word order. 'Trứng xào cà chua' and 'Canh trứng cà chua' share their
ingredients but stay distinct dishes.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

from chalicelib.domain.normalize import fold
from chalicelib.domain.summary import RecipeSummary

SAME_INGREDIENTS = 0.8
SIMILAR_TITLE = 85.0
TECHNIQUES = {
    "kho": "braise", "braise": "braise", "braised": "braise", "caramelized": "braise",
    "xao": "stir_fry", "stir_fry": "stir_fry", "stir": "stir_fry",
    "canh": "soup", "soup": "soup", "sup": "soup", "lau": "soup", "hotpot": "soup",
    "luoc": "boil", "boil": "boil", "boiled": "boil",
    "goi": "salad", "nom": "salad", "salad": "salad",
    "chien": "fry", "fry": "fry", "fried": "fry", "ran": "fry",
    "nuong": "grill", "grill": "grill", "grilled": "grill", "bake": "grill", "baked": "grill",
    "hap": "steam", "steam": "steam", "steamed": "steam",
    "rang": "roast", "rim": "braise", "curry": "curry", "ri": "curry",
}


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    left, right = set(a), set(b)
    return len(left & right) / len(left | right) if left | right else 1.0


def techniques(recipe: RecipeSummary) -> set[str]:
    words = set(recipe.tags) | set(fold(recipe.title_vi).split()) | set(fold(recipe.title_en).split())
    return {TECHNIQUES[w] for w in words if w in TECHNIQUES}


def same_dish(a: RecipeSummary, b: RecipeSummary) -> bool:
    if jaccard(a.required, b.required) < SAME_INGREDIENTS:
        return False
    ta, tb = techniques(a), techniques(b)
    if ta and tb:
        return bool(ta & tb)
    return max(fuzz.token_sort_ratio(fold(a.title_en), fold(b.title_en)),
               fuzz.token_sort_ratio(fold(a.title_vi), fold(b.title_vi))) >= SIMILAR_TITLE


def near_duplicate(candidate: RecipeSummary, existing: Iterable[RecipeSummary]) -> RecipeSummary | None:
    """The first existing recipe that is the same dish as `candidate` (itself included), or None."""
    for other in existing:
        if other.id == candidate.id or same_dish(candidate, other):
            return other
    return None
