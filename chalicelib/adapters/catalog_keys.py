"""Key layout of catalog items (see docs/data-model.md)."""

from __future__ import annotations

from chalicelib.domain.summary import RecipeSummary

INGREDIENTS_PK = "CATALOG#INGREDIENTS"
VERSION_KEY = {"PK": "CATALOG#META", "SK": "VERSION"}
"""One item: `ingredients` (hash of the master list) and `recipes` (a counter every recipe write bumps)."""
ALL_FACET = "all"


def ingredient_key(ingredient_id: str) -> dict[str, str]:
    return {"PK": INGREDIENTS_PK, "SK": f"ING#{ingredient_id}"}


def recipe_key(recipe_id: str) -> dict[str, str]:
    return {"PK": f"RECIPE#{recipe_id}", "SK": "META"}


def posting_pk(ingredient_id: str) -> str:
    """Inverted index: one partition per ingredient, listing the recipes that need it."""
    return f"ING#{ingredient_id}"


def posting_sk(summary: RecipeSummary) -> str:
    # Sorted by how many ingredients a recipe needs, so a query can stop at the largest cookable size.
    return f"{len(summary.required):02d}#{summary.id}"


def size_bound(max_size: int) -> str:
    """Sort keys below this belong to recipes needing at most `max_size` ingredients."""
    return f"{min(max_size, 98) + 1:02d}#"


def facets(summary: RecipeSummary) -> list[str]:
    """Listing partitions a recipe appears in: all, its cuisine, each tag and each diet."""
    return [ALL_FACET, f"cuisine:{summary.cuisine}", *(f"tag:{t}" for t in summary.tags),
            *(f"diet:{d.value}" for d in summary.diets)]


def listing_pk(facet: str) -> str:
    return f"LIST#{facet}"


def listing_sk(summary: RecipeSummary) -> str:
    # Sorted by total time so "max total minutes" is a key condition, not a filter.
    return f"{min(summary.total_minutes, 9999):04d}#{summary.id}"


def minutes_bound(max_minutes: int) -> str:
    return f"{min(max_minutes, 9998) + 1:04d}#"


def index_keys(summary: RecipeSummary) -> list[dict[str, str]]:
    """Every posting and listing key a recipe owns (what an update must rewrite or delete)."""
    # Only required ingredients are indexed: a recipe matching none of them is never a candidate.
    keys = [{"PK": posting_pk(i), "SK": posting_sk(summary)} for i in summary.required]
    keys += [{"PK": listing_pk(f), "SK": listing_sk(summary)} for f in facets(summary)]
    return keys
