"""Ranking recipes by what a person has; hard constraints are never traded for score."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.matching import MatchQuery, rank, score
from chalicelib.domain.models import Diet
from chalicelib.domain.summary import RecipeSummary

POOL = [f"i{n}" for n in range(12)]


def summary(id_: str, required: tuple[str, ...], optional: tuple[str, ...] = (), allergens: tuple[str, ...] = (),
            minutes: int = 30, diets: tuple[Diet, ...] = (), cuisine: str = "vietnamese") -> RecipeSummary:
    return RecipeSummary.model_validate({
        "id": id_, "title_vi": id_, "title_en": id_, "cuisine": cuisine, "tags": (), "total_minutes": minutes,
        "difficulty": "easy", "servings": 2, "diets": diets, "allergens": allergens, "source": "catalog",
        "required": required, "optional": optional, "staples": ("salt",),
    })


def test_full_match_ranks_above_partial() -> None:
    # Given one recipe fully covered and one missing an ingredient
    full = summary("full", ("egg", "tomato"))
    partial = summary("partial", ("egg", "pork", "tomato"))
    # When ranked for someone with egg and tomato
    ranked = rank([partial, full], MatchQuery(have=frozenset({"egg", "tomato"})), limit=5)
    # Then the one they can cook now comes first, and the other lists what is missing
    assert [m.recipe.id for m in ranked] == ["full", "partial"]
    assert ranked[1].missing == ("pork",)
    assert ranked[0].missing == ()


def test_max_missing_and_zero_overlap_exclude() -> None:
    far = summary("far", ("a", "b", "c", "egg"))
    unrelated = summary("unrelated", ("x",))
    ranked = rank([far, unrelated], MatchQuery(have=frozenset({"egg"}), max_missing=2), limit=5)
    assert ranked == []


def test_allergen_exclusion_wins_over_a_perfect_match() -> None:
    shrimp = summary("shrimp", ("shrimp",), allergens=("crustaceans",))
    ranked = rank([shrimp], MatchQuery(have=frozenset({"shrimp"}), exclude_allergens=frozenset({"crustaceans"})),
                  limit=5)
    assert ranked == []


def test_excluded_ingredient_removes_recipe_even_when_optional() -> None:
    dish = summary("dish", ("egg",), optional=("cilantro",))
    assert rank([dish], MatchQuery(have=frozenset({"egg"}), exclude_ingredients=frozenset({"cilantro"})), 5) == []


def test_diet_time_and_cuisine_filters() -> None:
    veg = summary("veg", ("tofu",), diets=(Diet.vegetarian,), minutes=20)
    slow = summary("slow", ("tofu",), diets=(Diet.vegetarian,), minutes=90)
    meat = summary("meat", ("tofu",), minutes=10, cuisine="chinese")
    have = frozenset({"tofu"})

    def ids(query: MatchQuery) -> list[str]:
        return [m.recipe.id for m in rank([veg, slow, meat], query, 5)]

    assert ids(MatchQuery(have=have, diet="vegetarian")) == ["veg", "slow"]
    assert ids(MatchQuery(have=have, max_minutes=30)) == ["meat", "veg"]
    assert ids(MatchQuery(have=have, cuisine="chinese")) == ["meat"]


def test_using_more_of_what_the_person_has_breaks_ties_but_never_beats_coverage() -> None:
    plain = summary("plain", ("egg",))
    garnished = summary("garnished", ("egg",), optional=("scallion",))
    fuller = summary("fuller", ("egg", "tomato"))
    partial = summary("partial", ("egg", "tomato", "pork", "scallion"))
    have = frozenset({"egg", "scallion", "tomato"})
    ranked = rank([plain, garnished, partial, fuller], MatchQuery(have=have), 5)
    assert [m.recipe.id for m in ranked] == ["fuller", "garnished", "plain", "partial"]
    assert score(garnished, MatchQuery(have=have)).score == 1.0


recipes = st.lists(
    st.builds(lambda n, req, opt, mins: summary(f"r{n}", tuple(req), tuple(o for o in opt if o not in req), (),
                                                mins),
              st.integers(0, 10_000), st.lists(st.sampled_from(POOL), min_size=1, max_size=6, unique=True),
              st.lists(st.sampled_from(POOL), max_size=3, unique=True), st.integers(1, 200)),
    max_size=30,
)


@given(recipes, st.frozensets(st.sampled_from(POOL), max_size=8), st.integers(0, 4), st.integers(1, 10))
def test_rank_invariants(candidates: list[RecipeSummary], have: frozenset[str], max_missing: int, limit: int) -> None:
    ranked = rank(candidates, MatchQuery(have=have, max_missing=max_missing), limit)
    assert len(ranked) <= limit
    assert len({m.recipe.id for m in ranked}) == len(ranked)
    for m in ranked:
        assert len(m.missing) <= max_missing
        assert set(m.matched) <= have and not set(m.missing) & have
        assert set(m.matched) | set(m.missing) == set(m.recipe.required)
        assert 0.0 < m.score <= 1.0
    assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)
