"""A user's saved preferences: the defaults for their suggestions (cached 5 minutes, dropped on update)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from chalicelib.services.suggestion_service import Preferences
from chalicelib.services.tiered_cache import CacheClass, TieredCache


class ProfileRepository(Protocol):
    def get_profile(self, user_id: str) -> dict[str, Any] | None: ...

    def put_profile(self, user_id: str, profile: dict[str, Any]) -> None: ...


class ProfileService:
    def __init__(self, repository: ProfileRepository, cache: TieredCache, cls: CacheClass,
                 clock: Callable[[], float] = time.time) -> None:
        self._repository = repository
        self._cache = cache
        self._cls = cls
        self._clock = clock

    def get(self, user_id: str) -> dict[str, Any]:
        """The saved profile, or the defaults (`updated_at` null) when the user has saved none."""
        stored = self._cache.get_or_compute(self._cls, user_id, lambda: self._repository.get_profile(user_id)).value
        if stored is None:
            return {"preferences": Preferences().model_dump(mode="json"), "updated_at": None}
        return dict(stored)

    def preferences(self, user_id: str) -> Preferences:
        return Preferences.model_validate(self.get(user_id)["preferences"])

    def update(self, user_id: str, preferences: Preferences) -> dict[str, Any]:
        profile = {"preferences": preferences.model_dump(mode="json"), "updated_at": int(self._clock())}
        self._repository.put_profile(user_id, profile)
        self._cache.invalidate(self._cls, user_id)
        return profile
