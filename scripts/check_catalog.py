"""Print a summary of the shipped catalog, or the first problem found in it."""

from __future__ import annotations

import sys
from collections import Counter

from chalicelib.domain.catalog_files import CatalogError, load_catalog


def main() -> int:
    try:
        catalog = load_catalog()
    except (CatalogError, ValueError) as exc:
        print(f"catalog problem: {exc}")
        return 1
    cuisines = Counter(r.cuisine for r in catalog.recipes)
    print(f"{len(catalog.ingredients)} ingredients, {len(catalog.recipes)} recipes; cuisines: {dict(cuisines)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
