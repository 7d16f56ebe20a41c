"""Catalog versions: part of cache keys, so a catalog write retires derived entries without a flush."""

from __future__ import annotations

from chalicelib.services.ports import CatalogRepository
from chalicelib.services.tiered_cache import CacheClass, TieredCache

_PARTS = "catalog"


class CatalogVersions:
    def __init__(self, repository: CatalogRepository, cache: TieredCache, cls: CacheClass) -> None:
        self._repository = repository
        self._cache = cache
        self._cls = cls

    def current(self) -> dict[str, str]:
        """{'ingredients': ..., 'recipes': ...}; other instances see a change within the class's TTL."""
        value: dict[str, str] = self._cache.get_or_compute(self._cls, _PARTS,
                                                           self._repository.catalog_versions).value
        return value

    def changed(self) -> None:
        """Call after a catalog write in this instance."""
        self._cache.invalidate(self._cls, _PARTS)
