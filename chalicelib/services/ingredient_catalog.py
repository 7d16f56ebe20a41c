"""The master ingredient list, held in memory by a warm instance and reloaded when its version changes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from chalicelib.domain.ingredient_index import IngredientIndex, MatchKind, Resolution, Suggestion
from chalicelib.domain.models import Ingredient
from chalicelib.domain.normalize import fold
from chalicelib.services.catalog_versions import CatalogVersions
from chalicelib.services.ports import CatalogRepository
from chalicelib.services.tiered_cache import CacheClass, TieredCache

VERSION_CHECK_SECONDS = 5.0


class IngredientCatalog:
    """Lookups answered from memory; typed-item resolutions cached in both tiers (the validation class)."""

    def __init__(self, repository: CatalogRepository, versions: CatalogVersions, cache: TieredCache,
                 validation: CacheClass, clock: Callable[[], float] = time.monotonic) -> None:
        self._repository = repository
        self._versions = versions
        self._cache = cache
        self._validation = validation
        self._index: IngredientIndex | None = None
        self._version: str | None = None
        self._lock = threading.Lock()
        self._clock = clock
        self._checked_at = 0.0

    @property
    def version(self) -> str:
        return self._versions.current()["ingredients"]

    @property
    def index(self) -> IngredientIndex:
        """The in-memory index; its version is checked at most every VERSION_CHECK_SECONDS."""
        now = self._clock()
        if self._index is not None and now - self._checked_at < VERSION_CHECK_SECONDS:
            return self._index
        version = self.version
        with self._lock:
            if self._index is None or self._version != version:
                ingredients = sorted(self._repository.load_ingredients(), key=lambda i: i.id)
                self._index, self._version = IngredientIndex(ingredients), version
            self._checked_at = now
        return self._index

    def get(self, ingredient_id: str) -> Ingredient | None:
        return self.index.by_id.get(ingredient_id)

    def page(self, category: str | None, after: str | None, limit: int) -> tuple[list[Ingredient], str | None]:
        """Ingredients in id order, optionally of one category; the cursor is the last id returned."""
        items = [i for i in self.index.by_id.values() if category is None or i.category == category]
        if after is not None:
            items = [i for i in items if i.id > after]
        page = items[:limit]
        return page, page[-1].id if len(items) > limit else None

    def resolve(self, items: list[str]) -> list[Resolution]:
        """Resolve typed items. The validation cache is keyed by the folded form, so 'Cà Chua', 'ca chua'
        and 'CA CHUA' share one entry; a hit's match kind is refined by a dictionary lookup on the text."""
        index = self.index
        keyed = {fold(text): [self._version, fold(text)] for text in items}
        cached = self._cache.get_many(self._validation, keyed)
        out = []
        for text in items:
            key = fold(text)
            resolution = _from_cache(cached.get(key), text, index)
            if resolution is None:
                resolution = index.resolve(text)
                cached[key] = _to_cache(resolution)
                self._cache.put(self._validation, keyed[key], cached[key])
            elif resolution.kind in (MatchKind.exact, MatchKind.alias, MatchKind.accent_folded):
                resolution = index.direct(text) or resolution
            out.append(resolution)
        return out


def _to_cache(res: Resolution) -> dict[str, Any]:
    return {"kind": res.kind.value, "score": res.score, "id": res.ingredient.id if res.ingredient else None,
            "alts": [[s.ingredient.id, s.score] for s in res.suggestions]}


def _from_cache(value: Any, text: str, index: IngredientIndex) -> Resolution | None:
    if not isinstance(value, dict):
        return None
    try:
        ingredient = index.by_id[value["id"]] if value["id"] is not None else None
        suggestions = tuple(Suggestion(index.by_id[i], float(s)) for i, s in value["alts"])
        return Resolution(text, MatchKind(value["kind"]), float(value["score"]), ingredient, suggestions)
    except (KeyError, ValueError, TypeError):
        return None  # written by another version of the list: resolve again
