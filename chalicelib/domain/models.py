"""Catalog models: master ingredients and recipes, validated at load."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:_[a-z0-9]+)*$", max_length=64)]

# EU-14 regulated allergens (Regulation (EU) No 1169/2011, Annex II).
Allergen = Literal[
    "celery", "gluten", "crustaceans", "eggs", "fish", "lupin", "milk",
    "molluscs", "mustard", "tree_nuts", "peanuts", "sesame", "soy", "sulphites",
]
ALLERGENS: tuple[str, ...] = Allergen.__args__  # type: ignore[attr-defined]

Category = Literal[
    "meat", "seafood", "egg", "dairy", "tofu_legume", "vegetable", "mushroom", "fruit",
    "herb", "spice", "sauce", "grain", "noodle", "nut_seed", "oil_fat", "sweetener", "other",
]

# Where an ingredient comes from; diets are derived from this and the allergens.
Origin = Literal["plant", "meat", "seafood", "egg", "dairy", "animal_other"]


class Diet(StrEnum):
    """Diets a recipe can satisfy, derived from its ingredients."""

    vegetarian = "vegetarian"
    vegan = "vegan"
    pescatarian = "pescatarian"
    gluten_free = "gluten_free"
    dairy_free = "dairy_free"


class Ingredient(BaseModel):
    """A master ingredient: one canonical id with every name people use for it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Slug
    name_vi: str = Field(min_length=1, max_length=80)
    name_en: str = Field(min_length=1, max_length=80)
    aliases: tuple[str, ...] = ()
    category: Category
    staple: bool = False
    allergens: tuple[Allergen, ...] = ()
    origin: Origin = "plant"
    """Fish sauce is `seafood`, lard is `meat`, honey is `animal_other`: diets follow from it."""
    generic: Slug | None = None
    """The broader ingredient this one can stand in for: someone with pork belly has pork."""


class RecipeIngredient(BaseModel):
    """One line of a recipe's ingredient list, linked to a master ingredient."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ingredient_id: Slug
    quantity: float | None = Field(default=None, gt=0)
    unit: str = Field(default="", max_length=20)
    note: str = Field(default="", max_length=120)
    optional: bool = False


Difficulty = Literal["easy", "medium", "hard"]
Source = Literal["catalog", "ai"]


class Recipe(BaseModel):
    """A full recipe as stored and served by `GET /recipes/{id}`."""

    model_config = ConfigDict(extra="forbid")

    id: Slug
    title_vi: str = Field(min_length=1, max_length=120)
    title_en: str = Field(min_length=1, max_length=120)
    description: str = Field(default="", max_length=500)
    cuisine: Slug
    tags: tuple[Slug, ...] = ()
    ingredients: tuple[RecipeIngredient, ...] = Field(min_length=1)
    steps: tuple[str, ...] = Field(min_length=1)
    prep_minutes: int = Field(ge=0, le=24 * 60)
    cook_minutes: int = Field(ge=0, le=48 * 60)
    servings: int = Field(ge=1, le=50)
    difficulty: Difficulty
    source: Source = "catalog"
    diets: tuple[Diet, ...] = ()
    """Derived from the ingredients at load (see domain.dietary); never hand-written."""
    allergens: tuple[Allergen, ...] = ()
    """Derived from the ingredients at load (see domain.dietary); never hand-written."""

    @property
    def total_minutes(self) -> int:
        return self.prep_minutes + self.cook_minutes


_STEP_NUMBER = re.compile(r"^\s*\d+[.)]\s*")


def strip_step_number(step: str) -> str:
    """Steps are numbered by position; drop a hand-written '1.' prefix."""
    return _STEP_NUMBER.sub("", step).strip()
