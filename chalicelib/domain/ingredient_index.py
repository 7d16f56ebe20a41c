"""Resolve what people type to master ingredients: exact, alias, accent-folded, then fuzzy."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz, process

from chalicelib.domain.models import Ingredient
from chalicelib.domain.normalize import clean, fold

FUZZY_ACCEPT = 85.0
"""ratio() on folded keys: 'tomatoe'->'tomato' scores 92, 'xyz'->anything stays under 40."""
SUGGEST_FLOOR = 55.0
_NOISE = frozenset({"fresh", "chopped", "sliced", "minced", "diced", "some", "organic", "raw", "tuoi", "a", "of"})


class MatchKind(StrEnum):
    exact = "exact"
    alias = "alias"
    accent_folded = "accent_folded"
    fuzzy = "fuzzy"
    unknown = "unknown"


@dataclass(frozen=True)
class Suggestion:
    ingredient: Ingredient
    score: float


@dataclass(frozen=True)
class Resolution:
    """How one typed item resolved; `ingredient` is None when unknown."""

    query: str
    kind: MatchKind
    score: float
    ingredient: Ingredient | None = None
    suggestions: tuple[Suggestion, ...] = field(default=())


class IngredientIndex:
    """Lookup structures over the master list; built once per warm instance."""

    def __init__(self, ingredients: Iterable[Ingredient]) -> None:
        self.by_id: dict[str, Ingredient] = {}
        self._exact: dict[str, str] = {}
        self._alias: dict[str, str] = {}
        self._folded: dict[str, list[str]] = {}
        for ing in ingredients:
            self.by_id[ing.id] = ing
            for name in (ing.name_vi, ing.name_en):
                self._exact.setdefault(clean(name), ing.id)
            for alias in ing.aliases:
                self._alias.setdefault(clean(alias), ing.id)
            for text in (ing.name_vi, ing.name_en, *ing.aliases, ing.id.replace("_", " ")):
                ids = self._folded.setdefault(fold(text), [])
                if ing.id not in ids:
                    ids.append(ing.id)
        self._keys = list(self._folded)

    def __len__(self) -> int:
        return len(self.by_id)

    def with_generics(self, ids: Iterable[str]) -> frozenset[str]:
        """`ids` plus what they can stand in for: pork belly also counts as pork (never the other way)."""
        out: set[str] = set()
        for ingredient_id in ids:
            while ingredient_id not in out:
                out.add(ingredient_id)
                parent = self.by_id[ingredient_id].generic if ingredient_id in self.by_id else None
                if parent is None:
                    break
                ingredient_id = parent
        return frozenset(out)

    def resolve(self, text: str) -> Resolution:
        """Best master ingredient for `text`, or `unknown` with the closest suggestions."""
        found = self.direct(text)
        return found if found is not None else self._fuzzy(text)

    def direct(self, text: str) -> Resolution | None:
        """Exact, alias or accent-folded match (dictionary lookups only), also after dropping words such
        as 'fresh' or '2'; None when only fuzzy matching could help."""
        found = self._direct(text)
        if found is None:
            stripped = " ".join(w for w in clean(text).split() if w not in _NOISE and not w.isdigit())
            if stripped and stripped != clean(text):
                found = self._direct(stripped)
        return found

    def _direct(self, text: str) -> Resolution | None:
        key = clean(text)
        if key in self._exact:
            return Resolution(text, MatchKind.exact, 100.0, self.by_id[self._exact[key]])
        if key in self._alias:
            return Resolution(text, MatchKind.alias, 100.0, self.by_id[self._alias[key]])
        ids = self._folded.get(fold(text))
        if ids:
            others = tuple(Suggestion(self.by_id[i], 100.0) for i in ids[1:])
            return Resolution(text, MatchKind.accent_folded, 100.0, self.by_id[ids[0]], others)
        return None

    def _fuzzy(self, text: str) -> Resolution:
        key = fold(text)
        if not key:
            return Resolution(text, MatchKind.unknown, 0.0)
        hits = process.extract(key, self._keys, scorer=fuzz.ratio, limit=8, score_cutoff=SUGGEST_FLOOR)
        ranked: dict[str, float] = {}
        for folded_key, score, _ in hits:
            for ingredient_id in self._folded[folded_key]:
                ranked.setdefault(ingredient_id, round(float(score), 1))
        suggestions = tuple(Suggestion(self.by_id[i], s) for i, s in list(ranked.items())[:3])
        # Short words need a near-perfect score: 'ga' vs 'gao' is 80 but chicken is not rice.
        needed = FUZZY_ACCEPT if len(key) >= 5 else 95.0
        if suggestions and suggestions[0].score >= needed:
            best = suggestions[0]
            return Resolution(text, MatchKind.fuzzy, best.score, best.ingredient, suggestions[1:])
        return Resolution(text, MatchKind.unknown, suggestions[0].score if suggestions else 0.0,
                          None, suggestions)
