"""Nướng: marinated and grilled; vegetables under scallion oil; bread toasted with garlic butter."""

from __future__ import annotations

from dataclasses import replace
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
    support_of,
    usable_main,
    use,
)
from chalicelib.domain.composer.text import Pen, cap, e, es, finish, fit, season, v, vs


class Grill(Technique):
    key = "nuong"
    tags = ("nuong", "grill", "main")
    difficulty = "medium"
    accepts = frozenset({"processed"})
    _WEIGHT: ClassVar[dict[Kind, float]] = {
        "pork": 3, "chicken": 3, "beef": 2.5, "fish": 2.5, "shrimp": 2.5, "squid": 2.5, "meat": 2,
        "duck": 1.5, "shellfish": 1.5, "mushroom": 2, "tofu": 1,
    }
    _TIMES: ClassVar[dict[Kind, Times]] = {
        "chicken": Times(30, 25, 10, 20), "duck": Times(30, 25, 10, 20), "fish": Times(20, 20, 10, 15),
        "shrimp": Times(15, 8, 10, 5), "squid": Times(15, 8, 10, 5), "shellfish": Times(10, 8, 5, 5),
        "mushroom": Times(10, 12, 5, 8), "tofu": Times(10, 12, 5, 8), "veg": Times(10, 15, 5, 10),
        "bread": Times(5, 8, 3, 5),
    }

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if not usable_main(main, self.accepts) or main.has("minced", "silken"):
            return 0
        if main.kind == "veg":
            return 3 if main.has("grill") and kitchen.aroma("scallion") and kitchen.fat() else 0
        if main.kind == "bread":
            return 1.5 if kitchen.find("butter") or kitchen.fat() else 0
        return self._WEIGHT.get(main.kind, 0)

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        return self._TIMES.get(main.kind, Times(30, 15, 10, 10))

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support | None:
        if main.kind == "veg":
            return support_of(kitchen, aromas=("scallion",), sweet=False, pepper=False)
        if main.kind == "bread":
            picked = support_of(kitchen, salty=(), aromas=("garlic",), pepper=False,
                                garnish=("scallion", "parsley"))
            return replace(picked, fat=kitchen.find("butter") or picked.fat,
                           sweet=None if picked.aromatics else picked.sweet)
        honey = kitchen.find("honey")
        extras = (("honey", use(honey)),) if honey and not kitchen.aroma("lemongrass") else ()
        picked = support_of(kitchen, aromas=("lemongrass", "garlic", "shallot"), chili=True, sweet=not extras,
                            garnish=("cilantro", "scallion"), extras=extras)
        return picked if picked.salty or picked.fat else None

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, s = dish.main, dish.support
        if m.kind == "veg":
            return _scallion_oil(dish, pen)
        if m.kind == "bread":
            return _toast(dish, pen)
        honey = s.extra("honey")
        if any(a.has("lemongrass") for a in s.aromatics):
            title_vi, title_en = f"{v(m)} nướng sả", f"Lemongrass grilled {e(m)}"
        elif honey:
            title_vi, title_en = f"{v(m)} nướng {v(honey)}", f"{cap(e(honey))} grilled {e(m)}"
        else:
            title_vi, title_en = f"{v(m)} nướng", f"Grilled {e(m)}"
        pen.step(*(f"{x}." for x in ready(m, "slice" if m.kind in MEAT else "whole")))
        marinade = [*s.aromatics, *(i for i in (s.salty, s.sweet, honey, s.pepper, s.fat) if i is not None)]
        pen.step(f"Băm nhỏ các gia vị thơm rồi trộn {vs(marinade)} thành nước ướp.",
                 f"Finely chop the aromatics and mix the {es(marinade)} into a marinade.")
        wait = max(5, dish.marinate())
        pen.step(f"Ướp {v(m)} với hỗn hợp trong {wait} phút.", f"Marinate the {e(m)} for {wait} minutes.")
        pen.step(f"Nướng {v(m)} trên than hồng hoặc trong lò 220°C khoảng {dish.cook} phút, trở mặt và phết "
                 f"nước ướp giữa chừng đến khi chín và xém cạnh.",
                 f"Grill the {e(m)} over hot coals or in a 220°C oven for about {dish.cook} minutes, turning "
                 f"and basting halfway, until cooked and charred at the edges.")
        pen.step(*finish([*s.garnish, *([s.chili] if s.chili else [])], "dùng với cơm hoặc bún",
                         "serve with rice or rice noodles"))
        return Words(fit(title_vi, f"{v(m)} nướng"), fit(title_en, f"Grilled {e(m)}"),
                     pen(f"{cap(v(m))} ướp đậm đà rồi nướng thơm lừng.",
                         f"{cap(e(m))} in a punchy marinade, grilled until smoky."))


def _scallion_oil(dish: Dish, pen: Pen) -> Words:
    """Cà tím nướng mỡ hành and friends: grilled soft, dressed with hot oil poured over scallions."""
    m, s = dish.main, dish.support
    scallion = s.aromatics[0]
    pen.step(*(f"{x}." for x in ready(m, "whole")))
    pen.step(f"Nướng {v(m)} trên than hoặc trong lò 220°C khoảng {dish.cook} phút đến khi mềm, xém vỏ.",
             f"Grill the {e(m)} over coals or in a 220°C oven for about {dish.cook} minutes until soft.")
    pen.step(f"Thái nhỏ {v(scallion)}, rưới {v(s.fat)} thật nóng lên để làm mỡ hành.",
             f"Slice the {e(scallion)} and pour the very hot {e(s.fat)} over it to make scallion oil.")
    sv, se = season([s.salty])
    pen.step(f"Xé hoặc cắt {v(m)} vừa ăn, rưới mỡ hành lên, {sv}.",
             f"Tear or cut the {e(m)}, spoon over the scallion oil and {se}.")
    pen.step("Dùng nóng như món ăn kèm.", "Serve warm as a side dish.")
    return Words(fit(f"{v(m)} nướng mỡ hành"), fit(f"Grilled {e(m)} with scallion oil"),
                 pen(f"{cap(v(m))} nướng mềm, rưới mỡ hành thơm.",
                     f"Soft grilled {e(m)} under fragrant scallion oil."))


def _toast(dish: Dish, pen: Pen) -> Words:
    """Bánh mì nướng: slices spread with garlic butter (or sugar) and toasted crisp."""
    m, s = dish.main, dish.support
    flavour = s.aromatics[0] if s.aromatics else s.sweet
    if flavour:
        title_vi, title_en = f"{v(m)} nướng {v(flavour)}", f"{cap(e(flavour))} toasted {e(m)}"
    else:
        title_vi, title_en = f"{v(m)} nướng {v(s.fat)}", f"Toasted {e(m)} with {e(s.fat)}"
    pen.step(f"Cắt {v(m)} thành lát dày khoảng 2 cm.", f"Cut the {e(m)} into 2 cm thick slices.")
    garlic_vi, garlic_en = ("", "")
    if s.aromatics:
        garlic_vi, garlic_en = f" với {v(flavour)} băm", f" with the chopped {e(flavour)}"
    pen.step(f"Trộn đều {v(s.fat)}{garlic_vi}.", f"Mix the {e(s.fat)}{garlic_en} into a spread.")
    sugar = s.sweet and not s.aromatics
    top_vi, top_en = (f", rắc {v(s.sweet)}", f" and sprinkle with the {e(s.sweet)}") if sugar else ("", "")
    pen.step(f"Phết hỗn hợp lên mặt {v(m)}{top_vi}.", f"Spread the mixture over the {e(m)}{top_en}.")
    pen.step(f"Nướng trong lò hoặc chảo 180°C khoảng {dish.cook} phút đến khi vàng giòn.",
             f"Toast in a 180°C oven or a pan for about {dish.cook} minutes until golden and crisp.")
    pen.step(*finish(s.garnish, "dùng nóng", "serve warm"))
    return Words(fit(title_vi, f"{v(m)} nướng"), fit(title_en, f"Toasted {e(m)}"),
                 pen(f"{cap(v(m))} nướng giòn thơm, ăn sáng hoặc ăn vặt.",
                     f"Crisp, fragrant toasted {e(m)} for breakfast or a snack."))
