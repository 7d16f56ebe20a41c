"""The flexible mix: database recipes first, the AI only for the shortfall, within a per-stage cap."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MixPolicy:
    min_db_score: float = 0.75
    """A DB recipe counts toward the request when the person has at least this share of what it needs."""
    max_ai_share: float = 1.0
    """At most round(count x share) of the requested recipes may come from the AI."""


@dataclass(frozen=True)
class MixDecision:
    requested: int
    from_db: int
    ai_wanted: int
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"requested": self.requested, "from_db": self.from_db, "from_ai": self.ai_wanted,
                "reason": self.reason}


def counted(scores: Sequence[float], policy: MixPolicy, count: int) -> int:
    """How many DB recipes (scores best first) are good enough to serve as answers."""
    return min(count, sum(1 for s in scores if s >= policy.min_db_score))


def decide(count: int, scores: Sequence[float], policy: MixPolicy) -> MixDecision:
    """How many recipes the DB covers (from the ranked match scores) and how many the AI should write.

    >>> decide(3, [], MixPolicy(max_ai_share=0.5)).ai_wanted   # round(1.5) -> 2
    2
    """
    good = counted(scores, policy, count)
    shortfall = count - good
    cap = math.floor(count * policy.max_ai_share + 0.5)
    if shortfall == 0:
        return MixDecision(count, good, 0, "database_covers_request")
    if cap == 0:
        return MixDecision(count, good, 0, "ai_disabled_by_policy")
    if shortfall > cap:
        return MixDecision(count, good, cap, "ai_share_capped")
    return MixDecision(count, good, shortfall, "ai_fills_shortfall")
