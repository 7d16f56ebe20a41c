"""Canh chua: fish or shrimp in a sweet-sour broth of tamarind, pineapple or tomato, with herbs."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from chalicelib.domain.composer.kinds import Item, Kind
from chalicelib.domain.composer.kitchen import Kitchen
from chalicelib.domain.composer.prep import ready, ready_all
from chalicelib.domain.composer.technique import (
    Dish,
    Support,
    Technique,
    Times,
    Words,
    minutes,
    support_of,
    usable_main,
    use,
)
from chalicelib.domain.composer.text import Pen, e, es, finish, fit, season, v, vs

_HERBS = ("rice_paddy", "dill", "coriander", "cilantro", "scallion")


class SourSoup(Technique):
    key = "canh_chua"
    tags = ("canh", "canh_chua", "soup")
    difficulty = "medium"
    family = "soup"
    _WEIGHT: ClassVar[dict[Kind, float]] = {"fish": 3, "shrimp": 2.5, "shellfish": 1.5}

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        return self._WEIGHT.get(main.kind, 0) if usable_main(main, self.accepts) else 0

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        sour = [i for i in kitchen.mine(("veg", "tomato", "fruit")) if i.has("sour")]
        return [tuple(sour[:3])]

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        return Times(15, 20, 10, 12)

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support | None:
        tamarind = kitchen.find("tamarind")
        soured = tamarind or any(p.has("pineapple") or p.kind == "tomato" for p in partners)
        sour = None if soured else kitchen.sour()
        if not (tamarind or sour or partners):
            return None
        picked = support_of(kitchen, aromas=("garlic", "shallot"), chili=True, pepper=False,
                            garnish=_HERBS, garnish_limit=2, extras=(("tamarind", use(tamarind)),),
                            scales=(("sweet", 3.0), ("salty", 1.5)))
        return replace(picked, sour=sour)

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, ps, s = dish.main, dish.partners, dish.support
        tamarind = s.extra("tamarind")
        pen.step(*(f"{x}." for x in ready(m)))
        if ps:
            pen.step(*(f"{x}." for x in ready_all(ps)))
        if tamarind:
            pen.step(f"Ngâm {v(tamarind)} với nửa chén nước ấm, dằm và lọc lấy nước cốt.",
                     f"Soak the {e(tamarind)} in half a cup of warm water, mash and strain the pulp.")
        pen.heat(s.fat, s.aromatics)
        # Fish needs about ten minutes in the broth; shrimp and clams only a few.
        last = minutes(dish.cook, 0.5 if m.kind == "fish" else 0.25, 3)
        first, pot = max(1, dish.cook - last), dish.water(350)
        sour_vi, sour_en = ("", "")
        if tamarind:
            sour_vi, sour_en = f" cùng nước cốt {v(tamarind)}", f" and the {e(tamarind)} liquid"
        add_vi, add_en = (f", cho {vs(ps)} vào", f", add the {es(ps)}") if ps else ("", "")
        pen.step(f"Thêm {pot} ml nước{sour_vi}, đun sôi{add_vi} và nấu {first} phút.",
                 f"Add {pot} ml water{sour_en}, bring to a boil{add_en} and simmer for {first} minutes.")
        sv, se = season([s.salty, s.sweet, s.sour])
        pen.step(f"Cho {v(m)} vào, {sv} sao cho chua ngọt hài hòa, nấu thêm {last} phút và hớt bọt.",
                 f"Add the {e(m)}, {se} until sweet and sour are in balance, and cook for {last} more "
                 f"minutes, skimming.")
        herbs = [*s.garnish, *([s.chili] if s.chili else [])]
        pen.step(*finish(herbs, "dùng nóng với cơm", "serve hot with rice"))
        return Words(fit(f"Canh chua {v(m)}"), fit(f"Sweet and sour {e(m)} soup"),
                     pen(f"Canh chua {v(m)} kiểu miền Nam: chua thanh, ngọt dịu, thơm rau.",
                         f"Southern-style sour soup of {e(m)}: tangy, lightly sweet, fragrant with herbs."))
