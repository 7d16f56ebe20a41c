"""What an AI recipe provider is given and must return; Bedrock and the offline composer implement it."""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from chalicelib.domain.models import Allergen, Category, Diet, Recipe

ProviderErrorKind = Literal["throttled", "timeout", "unavailable", "malformed"]


class IngredientRef(BaseModel):
    """A canonical ingredient as a provider sees it: validated id and names only, never user text."""

    model_config = ConfigDict(frozen=True)

    id: str
    name_vi: str
    name_en: str
    category: Category


class GenerationRequest(BaseModel):
    model_config = ConfigDict(frozen=True)

    ingredients: tuple[IngredientRef, ...] = Field(min_length=1)
    """What the person has (non-staples)."""
    pantry: tuple[IngredientRef, ...] = ()
    """Staples a recipe may also use (salt, fish sauce, oil ...)."""
    count: int = Field(default=2, ge=1, le=5)
    diet: Diet | None = None
    exclude_allergens: tuple[Allergen, ...] = ()
    exclude_ingredients: tuple[str, ...] = ()
    """Ingredient ids the recipe must not use."""
    max_minutes: int | None = Field(default=None, ge=5, le=600)
    servings: int = Field(default=2, ge=1, le=20)
    cuisine: str | None = None
    locale: Literal["vi", "en"] = "vi"


class GenerationResult(BaseModel):
    recipes: tuple[Recipe, ...]
    """Candidate recipes with source="ai"; ingredient lines use ids from the request."""
    provider: str
    model: str
    input_tokens: int = 0
    output_tokens: int = 0


class ProviderError(Exception):
    """A generation that did not produce recipes; `kind` drives the reported AI state."""

    def __init__(self, kind: ProviderErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class RecipeProvider(Protocol):
    name: str

    def generate(self, request: GenerationRequest) -> GenerationResult:
        """One call, several recipes (request.count). Raises ProviderError."""
        ...
