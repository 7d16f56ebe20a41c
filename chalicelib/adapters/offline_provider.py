"""The offline recipe provider: recipes composed in-process, for the local stage and when Bedrock is down."""

from __future__ import annotations

from collections.abc import Mapping

from chalicelib.domain.catalog_files import complete_recipe
from chalicelib.domain.models import Ingredient
from chalicelib.domain.recipe_composer import RecipeComposer
from chalicelib.services.generation_ports import GenerationRequest, GenerationResult, ProviderError

MODEL = "offline-composer-1"


class OfflineRecipeProvider:
    """A `RecipeProvider` that needs no network: deterministic, instant, and costs no tokens."""

    name = "offline"
    model = MODEL

    def __init__(self, ingredients_by_id: Mapping[str, Ingredient]) -> None:
        self._by_id = dict(ingredients_by_id)
        self._composer = RecipeComposer(self._by_id)

    def generate(self, request: GenerationRequest) -> GenerationResult:
        """Up to `request.count` recipes with derived diets and allergens; fewer (even none) when the
        ingredients, constraints or time limit allow fewer. Raises ProviderError("malformed") only if a
        composed recipe names an ingredient missing from the master list, which would be a bug."""
        try:
            recipes = tuple(complete_recipe(r, self._by_id) for r in self._composer.compose(request))
        except KeyError as exc:
            raise ProviderError("malformed", f"composed recipe uses unknown ingredient {exc}") from exc
        return GenerationResult(recipes=recipes, provider=self.name, model=self.model)
