"""Mix policy: DB first, AI for the shortfall only, never over the cap."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.mix_policy import MixPolicy, counted, decide


def test_database_covers_the_request() -> None:
    decision = decide(2, [1.0, 0.9, 0.2], MixPolicy())
    assert (decision.from_db, decision.ai_wanted, decision.reason) == (2, 0, "database_covers_request")


def test_weak_matches_do_not_count() -> None:
    decision = decide(3, [1.0, 0.5], MixPolicy(min_db_score=0.75))
    assert (decision.from_db, decision.ai_wanted, decision.reason) == (1, 2, "ai_fills_shortfall")


def test_ai_share_cap() -> None:
    decision = decide(4, [], MixPolicy(max_ai_share=0.5))
    assert (decision.ai_wanted, decision.reason) == (2, "ai_share_capped")
    assert decide(4, [], MixPolicy(max_ai_share=0.0)).reason == "ai_disabled_by_policy"


@given(st.integers(1, 10), st.lists(st.floats(0, 1), max_size=15), st.floats(0, 1), st.floats(0, 1))
def test_decision_invariants(count: int, scores: list[float], threshold: float, share: float) -> None:
    policy = MixPolicy(min_db_score=threshold, max_ai_share=share)
    ranked = sorted(scores, reverse=True)
    d = decide(count, ranked, policy)
    assert d.from_db == counted(ranked, policy, count) == min(count, sum(s >= threshold for s in ranked))
    assert 0 <= d.ai_wanted <= count - d.from_db
    assert d.ai_wanted <= count * share + 0.5
    assert d.from_db + d.ai_wanted <= count
    if d.from_db == count:
        assert d.ai_wanted == 0
