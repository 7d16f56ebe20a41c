"""What every cooking technique declares: the mains it suits, who joins them, how long, what it says."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from chalicelib.domain.composer.kinds import PROTEIN, Item
from chalicelib.domain.composer.kitchen import Kitchen
from chalicelib.domain.composer.portions import Role, Use
from chalicelib.domain.composer.text import Pen
from chalicelib.domain.models import Difficulty


@dataclass(frozen=True)
class Times:
    """Usual minutes and the least a cook can get away with; `fit` shortens towards the least."""

    prep: int
    cook: int
    prep_min: int
    cook_min: int

    def fit(self, limit: int | None) -> tuple[int, int] | None:
        """(prep, cook) within `limit` total minutes, or None when even the shortest version is too long."""
        prep, cook = self.prep, self.cook
        if limit is None or prep + cook <= limit:
            return prep, cook
        cook = max(self.cook_min, limit - prep)
        prep = max(self.prep_min, min(prep, limit - cook))
        return (prep, cook) if prep + cook <= limit else None


@dataclass(frozen=True)
class Support:
    """Pantry and helper ingredients a technique adds around the person's own."""

    fat: Item | None = None
    salty: Item | None = None
    sweet: Item | None = None
    pepper: Item | None = None
    sour: Item | None = None
    aromatics: tuple[Item, ...] = ()
    chili: Item | None = None
    garnish: tuple[Item, ...] = ()
    extras: tuple[tuple[str, Use], ...] = ()
    """Named technique-specific lines: ("coconut", Use(coconut water)), ("curry", ...)."""
    scales: tuple[tuple[str, float], ...] = ()
    """Amount multipliers by slot name ("salty", "sweet", "fat", ...)."""
    style: str = ""
    """A variant the technique chose while picking helpers (e.g. a salt-pepper-lime dip)."""

    def extra(self, name: str) -> Item | None:
        return next((use.item for key, use in self.extras if key == name), None)

    def scale(self, slot: str) -> float:
        return next((factor for key, factor in self.scales if key == slot), 1.0)

    def seasonings(self) -> list[Item]:
        return [i for i in (self.salty, self.sweet, self.pepper) if i is not None]


@dataclass(frozen=True)
class Dish:
    """A technique applied to one main ingredient and its partners, with times already fitted."""

    technique: Technique
    main: Item
    partners: tuple[Item, ...]
    support: Support
    prep: int
    cook: int
    servings: int

    def water(self, ml_per_serving: int) -> int:
        """Millilitres of water for the pot, rounded to 50 ml."""
        return max(100, round(ml_per_serving * self.servings / 50) * 50)

    def marinate(self) -> int:
        """Minutes of the prep time left for marinating once cutting is done (0: season and cook at once)."""
        return self.prep - 5 if self.prep >= 10 else 0

    def partner(self, index: int = 0) -> Item | None:
        return self.partners[index] if len(self.partners) > index else None

    def proteins(self) -> list[Item]:
        return [p for p in self.partners if p.kind in PROTEIN]

    def others(self) -> list[Item]:
        return [p for p in self.partners if p.kind not in PROTEIN]


@dataclass(frozen=True)
class Words:
    title_vi: str
    title_en: str
    description: str


class Technique(ABC):
    """One way of cooking (xào, kho, canh ...); subclasses hold the cookery, the composer the choosing."""

    key: ClassVar[str]
    tags: ClassVar[tuple[str, ...]]
    difficulty: ClassVar[Difficulty] = "easy"
    fallback: ClassVar[bool] = False
    """Offered only when nothing else can be cooked from the request."""
    accepts: ClassVar[frozenset[str]] = frozenset()
    """Special traits ("offal", "processed") this technique can cook; others never see such items."""
    family: ClassVar[str] = ""
    """Techniques of one family (soups, fried dishes) compete for variety in a single answer."""
    prefer_locale: ClassVar[str] = ""
    """A locale whose readers expect this dish more (soup and curry for English)."""

    @abstractmethod
    def weight(self, main: Item, kitchen: Kitchen) -> float:
        """How well the technique suits `main` as the dish's lead; 0 rules it out."""

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        """Alternative groups of the person's other ingredients to cook with `main`, best first."""
        return [()]

    @abstractmethod
    def times(self, main: Item, partners: tuple[Item, ...]) -> Times: ...

    @abstractmethod
    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support | None:
        """Pantry and helpers; None when something the technique cannot do without is missing."""

    @abstractmethod
    def write(self, dish: Dish, pen: Pen) -> Words:
        """Titles and description; the steps go to `pen`."""

    def partner_role(self, item: Item) -> Role:
        return "partner"


def support_of(
    kitchen: Kitchen, *, salty: Sequence[str] = ("fish_sauce", "soy_sauce", "salt"),
    aromas: Sequence[str] = ("garlic", "shallot"), garnish: Sequence[str] = (), garnish_limit: int = 1,
    sweet: bool = True, pepper: bool = True, fat: bool = True, sour: bool = False, chili: bool = False,
    extras: Sequence[tuple[str, Use | None]] = (), scales: Sequence[tuple[str, float]] = (),
) -> Support:
    """The usual helpers picked from the kitchen; anything the request rules out is simply absent."""
    return Support(
        fat=kitchen.fat() if fat else None,
        salty=kitchen.salty(*salty) if salty else None,
        sweet=kitchen.sweet() if sweet else None,
        pepper=kitchen.pepper() if pepper else None,
        sour=kitchen.sour() if sour else None,
        aromatics=kitchen.aromas(*aromas),
        chili=kitchen.aroma("chili") if chili else None,
        garnish=kitchen.garnish(*garnish, limit=garnish_limit) if garnish else (),
        extras=tuple((name, use) for name, use in extras if use is not None),
        scales=tuple(scales),
    )


def spread(candidates: Sequence[Item], size: int, limit: int = 3) -> list[tuple[Item, ...]]:
    """Partner groups: the best `size` together, then each runner-up on its own (so it leads a title)."""
    if not candidates:
        return [()]
    groups = [tuple(candidates[:size]), *((c,) for c in candidates[1:])]
    return list(dict.fromkeys(groups))[:limit]


def fits(item: Item, accepts: Iterable[str] = ()) -> bool:
    """Offal and processed meats take part only in techniques that accept them; some items never do."""
    return not item.has("never") and all(t in accepts for t in ("offal", "processed") if t in item.traits)


def usable_main(item: Item, accepts: Iterable[str] = ()) -> bool:
    """Dried, salted and bony stock cuts flavour a dish but never lead it (dried noodles do)."""
    return fits(item, accepts) and not item.has("bones") and (item.kind == "noodle" or not item.has("dried"))


def minutes(total: int, share: float, least: int = 1) -> int:
    """Part of a fitted cooking time, so the steps add up to what the recipe says."""
    return max(least, round(total * share))


def use(item: Item | None, role: Role = "seasoning", scale: float = 1.0,
        optional: bool = False) -> Use | None:
    """A line for an item the kitchen may not have (None stays None)."""
    return Use(item, role, scale, optional=optional) if item is not None else None


def timed(minutes_: int, vi: str = "trong {} phút", en: str = "for {} minutes") -> tuple[str, str]:
    """(' trong 10 phút', ' for 10 minutes'), or empty strings when there is no time to give."""
    return (f" {vi.format(minutes_)}", f" {en.format(minutes_)}") if minutes_ > 0 else ("", "")
