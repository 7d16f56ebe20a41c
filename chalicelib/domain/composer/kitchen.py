"""What one request lets a composed recipe use: the allowed ingredients, each with the part it can play."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from chalicelib.domain.composer.kinds import KIND_ORDER, Item, Kind, kind_of
from chalicelib.domain.models import Diet, Ingredient


class IngredientId(Protocol):
    @property
    def id(self) -> str: ...


class CompositionRequest(Protocol):
    """What the composer reads from a request; the providers' `GenerationRequest` satisfies it."""

    @property
    def ingredients(self) -> Sequence[IngredientId]: ...
    @property
    def pantry(self) -> Sequence[IngredientId]: ...
    @property
    def count(self) -> int: ...
    @property
    def diet(self) -> Diet | None: ...
    @property
    def exclude_allergens(self) -> Sequence[str]: ...
    @property
    def exclude_ingredients(self) -> Sequence[str]: ...
    @property
    def max_minutes(self) -> int | None: ...
    @property
    def servings(self) -> int: ...
    @property
    def cuisine(self) -> str | None: ...
    @property
    def locale(self) -> str: ...


def permitted(ing: Ingredient, request: CompositionRequest) -> bool:
    """Hard constraints: excluded ids and allergens, and the requested diet (same rules as dietary.py)."""
    if ing.id in request.exclude_ingredients or set(ing.allergens) & set(request.exclude_allergens):
        return False
    diet = request.diet
    if diet is Diet.vegetarian:
        return ing.origin not in {"meat", "seafood"}
    if diet is Diet.vegan:
        return ing.origin == "plant"
    if diet is Diet.pescatarian:
        return ing.origin != "meat"
    if diet is Diet.gluten_free:
        return "gluten" not in ing.allergens
    if diet is Diet.dairy_free:
        return "milk" not in ing.allergens
    return True


def _kind_order(item: Item) -> tuple[int, str]:
    return KIND_ORDER.index(item.kind), item.id


def _item(ing: Ingredient, own: bool) -> Item:
    kind, traits = kind_of(ing)
    return Item(ing, own, kind, traits)


class Kitchen:
    """The request's allowed ingredients; a composed recipe uses nothing else."""

    def __init__(self, request: CompositionRequest, by_id: Mapping[str, Ingredient]) -> None:
        own: dict[str, Item] = {}
        pantry: dict[str, Item] = {}
        for refs, bucket, is_own in ((request.ingredients, own, True), (request.pantry, pantry, False)):
            for ref in refs:
                ing = by_id.get(ref.id)
                if ing is not None and ref.id not in own and permitted(ing, request):
                    bucket[ing.id] = _item(ing, is_own)
        # Sorted, so the order ingredients were typed in never changes the answer.
        self.own: tuple[Item, ...] = tuple(sorted(own.values(), key=_kind_order))
        self.pantry: tuple[Item, ...] = tuple(sorted(pantry.values(), key=lambda i: i.id))
        self.items: tuple[Item, ...] = self.own + self.pantry
        self._by_id = {i.id: i for i in self.items}

    def find(self, *ids: str) -> Item | None:
        """The first of `ids` the request allows."""
        return next((self._by_id[i] for i in ids if i in self._by_id), None)

    def first(self, kind: Kind, *prefer: str) -> Item | None:
        """A preferred id if allowed, else the first allowed item of `kind` (the person's own first)."""
        return self.find(*prefer) or next((i for i in self.items if i.kind == kind), None)

    def aroma(self, name: str) -> Item | None:
        """An allowed aromatic such as 'garlic' or 'scallion'."""
        return next((i for i in self.items if i.kind == "aromatic" and name in i.traits), None)

    def aromas(self, *names: str) -> tuple[Item, ...]:
        found = (self.aroma(n) for n in names)
        return tuple(dict.fromkeys(i for i in found if i is not None))

    def mine(self, kinds: Iterable[Kind], *, but: Iterable[Item] = (),
             traits: Iterable[str] = ()) -> list[Item]:
        """The person's own items of some kinds (optionally with one of `traits`), in a stable order."""
        wanted, skip, need = set(kinds), {i.id for i in but}, tuple(traits)
        return [i for i in self.own if i.kind in wanted and i.id not in skip and not i.has("never")
                and (not need or i.has(*need))]

    def garnish(self, *prefer: str, limit: int = 2) -> tuple[Item, ...]:
        """Herbs to finish a dish: the person's own first, then preferred pantry herbs."""
        scallion = self.aroma("scallion")
        own = [i for i in self.own if "garnish" in i.traits]
        if scallion is not None and "scallion" in prefer:
            own.insert(0, scallion)
        pantry = [i for name in prefer for i in self.pantry if "garnish" in i.traits and name in i.id]
        return tuple(dict.fromkeys([*own, *pantry]))[:limit]

    def salty(self, *prefer: str) -> Item | None:
        """The seasoning that salts the dish: fish sauce for Vietnamese food unless the request rules it out.

        Vegetarian fish sauce stands in for fish sauce wherever fish sauce is preferred.
        """
        ids = prefer or ("fish_sauce", "soy_sauce", "salt")
        expanded = (alt for i in ids for alt in ((i, "vegan_fish_sauce") if i == "fish_sauce" else (i,)))
        return self.find(*expanded)

    def sweet(self) -> Item | None:
        return self.first("sweet", "sugar", "rock_sugar", "brown_sugar", "palm_sugar", "coconut_sugar",
                          "honey")

    def fat(self) -> Item | None:
        return self.first("fat", "cooking_oil", "vegetable_oil", "peanut_oil", "canola_oil", "sunflower_oil",
                          "soybean_oil", "olive_oil", "lard", "pork_fat")

    def pepper(self) -> Item | None:
        return self.find("black_pepper", "white_pepper", "ground_pepper", "pepper")

    def sour(self, *prefer: str) -> Item | None:
        ids = prefer or ("lime", "lemon", "calamansi", "rice_vinegar", "vinegar", "tamarind")
        return self.first("sour", *ids)

    def curry(self) -> Item | None:
        return next((i for i in self.items if "curry" in i.traits and i.kind in {"spice", "sauce"}), None)
