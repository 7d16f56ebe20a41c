"""Compose real, cookable recipes from the ingredients a person has, with no model: the offline provider.

Each request is matched against cooking techniques (kho, xào, canh, luộc, gỏi, chiên, nướng, hấp, rang,
trứng chiên, sốt cà chua, canh chua, cháo, súp, cà ri, noodle soups); every technique knows which main
ingredients suit it, which of the person's other ingredients can join, how long it takes and how to write
it up in Vietnamese and English. The composer scores every (technique, main, partners) candidate and
picks `count` varied ones. Hard constraints (excluded ingredients and allergens, diet, time limit) are
applied before anything is scored, so no candidate can break them.

Example: pork belly, eggs and mustard greens, with the staples as the pantry, give "Thịt ba chỉ kho trứng
gà" / "Caramelized pork belly with chicken egg", "Canh cải bẹ xanh trứng gà" / "Mustard greens soup with
chicken egg", a fish-sauce omelette, grilled pork belly and garlicky stir-fried greens. The same request
always gives the same recipes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chalicelib.domain.composer.kinds import PROTEIN, Item
from chalicelib.domain.composer.kitchen import CompositionRequest, Kitchen
from chalicelib.domain.composer.portions import Locale, Use, line
from chalicelib.domain.composer.technique import Dish, Technique
from chalicelib.domain.composer.techniques import ALL as TECHNIQUES
from chalicelib.domain.composer.text import Pen
from chalicelib.domain.models import Ingredient, Recipe

__all__ = ["DEFAULT_CUISINE", "SUPPORTED_CUISINES", "TECHNIQUES", "CompositionRequest", "RecipeComposer",
           "compose_recipes", "recipe_id"]

DEFAULT_CUISINE = "vietnamese"
SUPPORTED_CUISINES = frozenset({DEFAULT_CUISINE})
"""Every technique here is written as Vietnamese home cooking; other cuisines fall back to it."""

# Selection weights: a second dish of the same technique, family or main must beat a fresh one by this much.
_SAME_TECHNIQUE, _SAME_FAMILY, _SAME_MAIN = 2.5, 1.0, 1.5
_PARTNER, _NEWLY_COVERED, _LOCALE, _JITTER = 0.6, 0.8, 0.5, 0.3


@dataclass(frozen=True)
class _Candidate:
    dish: Dish
    score: float
    own: frozenset[str]
    """Ids of the person's own ingredients the dish uses."""
    key: str


def recipe_id(title_en: str, ingredient_ids: Iterable[str]) -> str:
    """'ai_' + 12 hex digits of a hash of the English title and the sorted ingredient ids.

    Same scheme as the Bedrock adapter (case and spacing of the title do not matter), so one dish made
    from the same ingredients gets one id whichever provider wrote it.
    """
    title = " ".join(title_en.casefold().split())
    digest = hashlib.sha256(f"{title}|{','.join(sorted(set(ingredient_ids)))}".encode()).hexdigest()
    return f"ai_{digest[:12]}"


def compose_recipes(request: CompositionRequest,
                    ingredients_by_id: Mapping[str, Ingredient]) -> tuple[Recipe, ...]:
    """Up to `request.count` distinct recipes (source "ai") from the request's ingredients and pantry."""
    return RecipeComposer(ingredients_by_id).compose(request)


class RecipeComposer:
    """Composes recipes over one master ingredient list (id -> Ingredient)."""

    def __init__(self, ingredients_by_id: Mapping[str, Ingredient]) -> None:
        self._by_id = ingredients_by_id

    def compose(self, request: CompositionRequest) -> tuple[Recipe, ...]:
        """Up to `request.count` distinct recipes; fewer when the ingredients or the time limit allow fewer.

        Only ids from the request's ingredients and pantry are used, and only those the constraints allow;
        ids missing from the master list are ignored (their allergens and origin are unknown).
        """
        kitchen = Kitchen(request, self._by_id)
        candidates = _candidates(kitchen, request, fallback=False)
        return _choose(candidates or _candidates(kitchen, request, fallback=True), request)


def _seed(request: CompositionRequest) -> str:
    """What decides the choice, canonically: not the typing order of ingredients, nor the servings."""
    facts = {
        "have": sorted(r.id for r in request.ingredients), "pantry": sorted(r.id for r in request.pantry),
        "diet": request.diet.value if request.diet else None, "allergens": sorted(request.exclude_allergens),
        "exclude": sorted(request.exclude_ingredients), "max": request.max_minutes, "locale": request.locale,
    }
    return json.dumps(facts, sort_keys=True)


def _jitter(seed: str, key: str) -> float:
    """A small, stable tie-breaker so different requests do not all get the same technique order."""
    digest = hashlib.sha256(f"{seed}|{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 * _JITTER


def _candidates(kitchen: Kitchen, request: CompositionRequest, *, fallback: bool) -> list[_Candidate]:
    """Every (technique, main, partners) dish the request allows, within its time limit, scored."""
    seed = _seed(request)
    found = []
    for technique in TECHNIQUES:
        if technique.fallback is not fallback:
            continue
        for main in kitchen.own:
            weight = 0.0 if main.has("never") else technique.weight(main, kitchen)
            if weight > 0:
                found += _variants(technique, main, weight, kitchen, request, seed)
    return found


def _variants(technique: Technique, main: Item, weight: float, kitchen: Kitchen, request: CompositionRequest,
              seed: str) -> list[_Candidate]:
    found = []
    bonus = _LOCALE if technique.prefer_locale == request.locale else 0.0
    for partners in technique.partner_sets(main, kitchen):
        fitted = technique.times(main, partners).fit(request.max_minutes)
        support = technique.support(main, partners, kitchen) if fitted else None
        if fitted is None or support is None:
            continue
        dish = Dish(technique, main, partners, support, fitted[0], fitted[1], request.servings)
        key = "|".join([technique.key, main.id, *(p.id for p in partners)])
        score = weight + _PARTNER * sum(p.own for p in partners) + bonus + _jitter(seed, key)
        own = frozenset(u.item.id for u in _uses(dish) if u.item.own)
        found.append(_Candidate(dish, score, own, key))
    return found


def _choose(candidates: list[_Candidate], request: CompositionRequest) -> tuple[Recipe, ...]:
    """Greedy pick for variety: repeats of a technique, family or main pay; newly used ingredients earn."""
    techniques: Counter[str] = Counter()
    families: Counter[str] = Counter()
    mains: Counter[str] = Counter()
    covered: set[str] = set()
    seen: set[object] = set()
    chosen: list[Recipe] = []
    pool = list(candidates)

    def value(c: _Candidate) -> tuple[float, str]:
        t = c.dish.technique
        return (c.score - _SAME_TECHNIQUE * techniques[t.key] - _SAME_MAIN * mains[c.dish.main.id]
                - (_SAME_FAMILY * families[t.family] if t.family else 0.0)
                + _NEWLY_COVERED * len(c.own - covered), c.key)

    while pool and len(chosen) < request.count:
        best = max(pool, key=value)
        pool.remove(best)
        recipe = _render(best.dish, request)
        signature = (best.dish.technique.key, best.own)
        marks = {signature, recipe.title_en.lower(), recipe.title_vi.lower(), recipe.id}
        if marks & seen:
            continue
        seen |= marks
        techniques[best.dish.technique.key] += 1
        families[best.dish.technique.family] += 1
        mains[best.dish.main.id] += 1
        covered |= best.own
        chosen.append(recipe)
    return tuple(chosen)


def _uses(dish: Dish) -> list[Use]:
    """Every ingredient line of a dish, each id once: main, partners, aromatics, seasonings, garnish."""
    s, technique = dish.support, dish.technique
    # A protein shared with vegetables needs less per person (120 g rather than 150 g).
    with_plants = dish.main.kind in PROTEIN and any(p.kind not in PROTEIN for p in dish.partners)
    uses = [Use(dish.main, "main", 0.8 if with_plants else 1.0)]
    uses += [Use(p, technique.partner_role(p)) for p in dish.partners]
    uses += [Use(a, "aromatic") for a in s.aromatics]
    uses += [Use(s.chili, "aromatic", optional=True)] if s.chili else []
    seasonings = (("fat", s.fat), ("salty", s.salty), ("sweet", s.sweet), ("sour", s.sour),
                  ("pepper", s.pepper))
    uses += [Use(item, "seasoning", s.scale(slot)) for slot, item in seasonings if item is not None]
    uses += [use for _, use in s.extras]
    uses += [Use(g, "garnish", optional=True) for g in s.garnish]
    unique: dict[str, Use] = {}
    for use in uses:
        unique.setdefault(use.item.id, use)
    return list(unique.values())


def _render(dish: Dish, request: CompositionRequest) -> Recipe:
    locale: Locale = "en" if request.locale == "en" else "vi"
    lines = tuple(line(u, request.servings, locale) for u in _uses(dish))
    pen = Pen(locale)
    words = dish.technique.write(dish, pen)
    quick = ("quick",) if dish.prep + dish.cook <= 30 else ()
    cuisine = (request.cuisine or "").strip().lower()
    return Recipe(
        id=recipe_id(words.title_en, (ln.ingredient_id for ln in lines)),
        title_vi=words.title_vi, title_en=words.title_en, description=words.description[:500],
        cuisine=cuisine if cuisine in SUPPORTED_CUISINES else DEFAULT_CUISINE,
        tags=tuple(dict.fromkeys((*dish.technique.tags, *quick))), ingredients=lines, steps=tuple(pen.steps),
        prep_minutes=dish.prep, cook_minutes=dish.cook, servings=request.servings,
        difficulty=dish.technique.difficulty, source="ai",
    )
