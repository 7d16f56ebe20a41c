"""Sốt cà chua: tofu, eggs or fish browned, then simmered in a sweet-sour tomato sauce."""

from __future__ import annotations

from typing import ClassVar

from chalicelib.domain.composer.kinds import MEAT, Item, Kind
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
from chalicelib.domain.composer.text import Pen, cap, e, es, finish, fit, season, v, vs


class TomatoSauce(Technique):
    key = "sot_ca_chua"
    tags = ("sot_ca_chua", "main")
    accepts = frozenset({"processed"})
    _WEIGHT: ClassVar[dict[Kind, float]] = {
        "tofu": 3, "egg": 2.5, "fish": 2.5, "shrimp": 1.5, "pork": 1, "beef": 1, "chicken": 1, "meat": 1,
    }

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if not usable_main(main, self.accepts) or not kitchen.mine(("tomato",)):
            return 0
        return 2 if main.kind == "pork" and main.has("minced") else self._WEIGHT.get(main.kind, 0)

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        tomato = kitchen.mine(("tomato",))[0]
        if main.kind in {"tofu", "egg"}:
            minced = [p for p in kitchen.mine(MEAT) if p.has("minced")]
            return [*((tomato, p) for p in minced[:1]), (tomato,)]
        return [(tomato,)]

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        if main.kind in {"tofu", "egg"}:
            return Times(10, 15, 5, 10)
        return Times(10, 25, 5, 18) if main.kind == "fish" else Times(10, 20, 5, 14)

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        return support_of(kitchen, aromas=("shallot", "garlic"), garnish=("scallion", "cilantro"),
                          scales=(("fat", 2.0),))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, s = dish.main, dish.support
        tomato, meat = dish.partners[0], dish.partner(1)
        title_vi = f"{v(m)} sốt {v(tomato)}{' ' + v(meat) if meat else ''}"
        title_en = f"{cap(e(m))}{' with ' + e(meat) if meat else ''} in {e(tomato)} sauce"
        prep_vi, prep_en = ready(m)
        pen.step(f"{prep_vi}; rửa sạch {v(tomato)}, băm nhỏ.",
                 f"{prep_en}; wash the {e(tomato)} and chop it finely.")
        fry = minutes(dish.cook, 0.3)
        if m.kind == "egg":
            pen.step(f"Đun nóng {v(s.fat) or 'chảo'}, ốp từng quả {v(m)} khoảng {fry} phút cho chín lòng "
                     f"trắng, lấy ra đĩa.",
                     f"Heat the {e(s.fat) or 'pan'} and fry the {e(m)} sunny side up for about {fry} minutes "
                     f"until the whites set; set aside.")
        else:
            pen.step(f"Đun nóng {v(s.fat) or 'chảo'}, chiên {v(m)} {fry} phút đến khi vàng các mặt, vớt ra.",
                     f"Heat the {e(s.fat) or 'pan'} and fry the {e(m)} for {fry} minutes until golden; "
                     f"set aside.")
        meat_vi, meat_en = ("", "")
        if meat:
            meat_vi, meat_en = f", cho {v(meat)} vào xào săn", f", add the {e(meat)} and brown it"
        pen.step(f"Phi thơm {vs(s.aromatics) or 'chảo'} với phần dầu còn lại{meat_vi}, cho {v(tomato)} vào "
                 f"đảo đến khi nhuyễn.",
                 f"Fry the {es(s.aromatics) or 'pan'} in the remaining oil{meat_en}, then add the "
                 f"{e(tomato)} and cook until it collapses.")
        sauce = minutes(dish.cook, 0.4)
        sv, se = season(s.seasonings())
        pen.step(f"Thêm nửa chén nước, {sv}, đun {sauce} phút đến khi sốt sánh lại.",
                 f"Add half a cup of water, {se}, and simmer for {sauce} minutes until thick.")
        rest = max(1, dish.cook - fry - sauce)
        pen.step(f"Cho {v(m)} trở lại, rưới sốt lên trên, đun nhỏ lửa {rest} phút cho thấm.",
                 f"Return the {e(m)}, spoon the sauce over and simmer gently for {rest} minutes.")
        pen.step(*finish(s.garnish))
        return Words(fit(title_vi, f"{v(m)} sốt {v(tomato)}"), fit(title_en, f"{e(m)} in {e(tomato)} sauce"),
                     pen(f"{cap(v(m))} chiên vàng rồi om trong sốt {v(tomato)} chua ngọt.",
                         f"{cap(e(m))} browned, then simmered in a sweet-sour {e(tomato)} sauce."))
