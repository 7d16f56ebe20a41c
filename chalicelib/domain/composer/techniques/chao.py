"""Cháo: rice simmered to a soft porridge with chicken, pork, fish or shrimp, ginger and pepper."""

from __future__ import annotations

from typing import ClassVar

from chalicelib.domain.composer.kinds import Item, Kind
from chalicelib.domain.composer.kitchen import Kitchen
from chalicelib.domain.composer.prep import ready
from chalicelib.domain.composer.technique import (
    Dish,
    Support,
    Technique,
    Times,
    Words,
    minutes,
    support_of,
    usable_main,
)
from chalicelib.domain.composer.text import Pen, cap, e, es, finish, fit, v, vs


class Porridge(Technique):
    key = "chao"
    tags = ("chao", "soup", "breakfast")
    family = "soup"
    _WEIGHT: ClassVar[dict[Kind, float]] = {
        "chicken": 2.5, "pork": 2.5, "fish": 2, "shrimp": 2, "beef": 2, "duck": 1.5, "egg": 1,
        "mushroom": 1.5, "tofu": 1, "shellfish": 1.5,
    }

    @staticmethod
    def _rice(kitchen: Kitchen) -> Item | None:
        """The person's rice, else a rice from the pantry."""
        own = kitchen.mine(("rice",))
        return own[0] if own else next((i for i in kitchen.pantry if i.kind == "rice"), None)

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if not usable_main(main, self.accepts) or self._rice(kitchen) is None:
            return 0
        return self._WEIGHT.get(main.kind, 0)

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        rice = self._rice(kitchen)
        return [(rice,)] if rice else []

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        return Times(10, 20, 5, 12) if partners[0].has("cooked") else Times(10, 40, 5, 30)

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        egg = main.kind == "egg"
        return support_of(kitchen, salty=("fish_sauce", "salt", "soy_sauce"), fat=not egg, sweet=False,
                          aromas=() if egg else ("ginger", "shallot"), garnish=("scallion", "cilantro"),
                          garnish_limit=2, scales=(("fat", 0.5),))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, rice, s = dish.main, dish.partners[0], dish.support
        pot = dish.water(200 if rice.has("cooked") else 300)
        first = minutes(dish.cook, 0.7)
        rest = max(1, dish.cook - first)
        pen.step(*(f"{x}." for x in ready(rice)))
        pen.step(f"Cho {v(rice)} vào nồi với {pot} ml nước, đun sôi rồi hạ lửa nhỏ nấu {first} phút, thỉnh "
                 f"thoảng khuấy đến khi hạt nở bung.",
                 f"Simmer the {e(rice)} in {pot} ml water for {first} minutes, stirring now and then, until "
                 f"the grains burst and thicken.")
        rub = [i for i in (s.salty, s.pepper) if i is not None]
        if m.kind == "egg":
            pen.step(f"Đánh tan {v(m)} với {vs(rub) or 'chút muối'}.",
                     f"Beat the {e(m)} with the {es(rub) or 'a pinch of salt'}.")
        else:
            prep_vi, prep_en = ready(m, "slice")
            pen.step(f"{prep_vi}, ướp với {vs(rub) or 'chút muối'}.",
                     f"{prep_en}, then season with the {es(rub) or 'a pinch of salt'}.")
            pen.heat(s.fat, s.aromatics, f", cho {v(m)} vào xào săn", f", add the {e(m)} and stir until firm")
        pen.step(f"Cho {v(m)} vào nồi cháo, khuấy đều và nấu thêm {rest} phút cho chín, nêm lại vừa ăn.",
                 f"Stir the {e(m)} into the porridge and cook for {rest} more minutes; adjust the seasoning.")
        pen.step(*finish([*s.garnish, *([s.pepper] if s.pepper else [])], "dùng nóng", "serve piping hot"))
        scent = [*s.aromatics, *([s.pepper] if s.pepper else [])]
        return Words(fit(f"Cháo {v(m)}"), fit(f"{cap(e(m))} rice porridge"),
                     pen(f"Cháo {v(m)} nóng hổi, mềm nhừ{', thơm ' + vs(scent) if scent else ''}; "
                         f"dễ ăn cho cả nhà.",
                         f"Soft, warming {e(m)} rice porridge{' with ' + es(scent) if scent else ''}; "
                         f"gentle comfort food."))
