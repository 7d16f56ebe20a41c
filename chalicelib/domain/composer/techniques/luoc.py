"""Luộc: gently boiled, so the dipping sauce (nước chấm or salt, pepper and lime) does the seasoning."""

from __future__ import annotations

from typing import ClassVar

from chalicelib.domain.composer.kinds import MEAT, SEAFOOD, Item, Kind
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
from chalicelib.domain.composer.text import Pen, cap, e, es, finish, fit, v, vs

_SALT_DIPPED: frozenset[Kind] = frozenset({"chicken", "shrimp", "crab", "shellfish", "squid", "egg"})


class Boil(Technique):
    key = "luoc"
    tags = ("luoc",)
    accepts = frozenset({"offal"})
    _WEIGHT: ClassVar[dict[Kind, float]] = {
        "pork": 2.5, "chicken": 2.5, "shrimp": 2, "duck": 1.5, "squid": 1.5, "shellfish": 1.5, "crab": 1.5,
        "egg": 1.5, "beef": 1,
    }
    _TIMES: ClassVar[dict[Kind, Times]] = {
        "pork": Times(5, 30, 5, 20), "chicken": Times(5, 25, 5, 18), "duck": Times(5, 40, 5, 30),
        "beef": Times(5, 40, 5, 30), "shrimp": Times(5, 5, 3, 3), "squid": Times(5, 5, 3, 3),
        "shellfish": Times(5, 8, 3, 5), "crab": Times(5, 15, 3, 12), "egg": Times(2, 10, 2, 8),
    }

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if not usable_main(main, self.accepts) or main.has("minced") or kitchen.salty() is None:
            return 0
        if main.kind == "veg":
            return 0 if main.has("nocook", "pickled") else 2 if main.has("leafy", "grill") else 1.5
        return self._WEIGHT.get(main.kind, 0)

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        if main.has("whole"):
            return Times(5, 45, 5, 35)
        if main.kind == "veg":
            return Times(5, 20, 5, 15) if main.has("root", "grill") else Times(5, 5, 3, 3)
        return self._TIMES.get(main.kind, Times(5, 20, 5, 15))

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        # Ginger takes the smell off poultry and seafood, shallot sweetens the water for pork.
        if main.kind in {"chicken", "duck", *SEAFOOD}:
            pot: tuple[str, ...] = ("ginger",)
        else:
            pot = ("shallot",) if main.kind in MEAT else ()
        lime, salt = kitchen.find("lime", "lemon", "calamansi"), kitchen.find("salt")
        pepper = kitchen.pepper()
        if lime and salt and pepper and main.kind in _SALT_DIPPED:
            return Support(salty=salt, pepper=pepper, sour=lime, aromatics=kitchen.aromas(*pot),
                           garnish=kitchen.garnish("mint", "cilantro", limit=1), scales=(("salty", 2.0),),
                           style="salt_dip")
        return support_of(kitchen, aromas=pot, fat=False, sour=True, pepper=False, chili=True,
                          garnish=("cilantro", "mint"), scales=(("sweet", 2.0),),
                          extras=(("garlic", use(kitchen.aroma("garlic"), "aromatic")),))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, s = dish.main, dish.support
        salt_dip = s.style == "salt_dip"
        if salt_dip:
            dip_vi, dip_en = f"{v(s.salty)} tiêu chanh", f"salt, pepper and {e(s.sour)}"
        else:
            dip_vi, dip_en = v(s.salty), e(s.salty)
        pen.step(*(f"{x}." for x in ready(m, "chunk" if m.kind == "veg" else "whole")))
        with_vi, with_en = ("", "")
        if s.aromatics:
            with_vi, with_en = f" với {vs(s.aromatics)}", f" with the {es(s.aromatics)}"
        pen.step(f"Đun sôi một nồi nước{with_vi}.", f"Bring a pot of water to a boil{with_en}.")
        _boil(dish, pen)
        if salt_dip:
            pen.step(f"Trộn {v(s.salty)} với {v(s.pepper)}, vắt {v(s.sour)} vào khi ăn.",
                     f"Mix the {e(s.salty)} with the {e(s.pepper)} and squeeze in the {e(s.sour)} "
                     f"at the table.")
        else:
            dip = [i for i in (s.salty, s.sweet, s.sour, s.extra("garlic"), s.chili) if i is not None]
            pen.step(f"Pha nước chấm: {vs(dip)} với 2 muỗng nước, khuấy tan.",
                     f"Make the dip: stir the {es(dip)} with 2 tbsp water until dissolved.")
        pen.step(*finish(s.garnish, "dùng ngay với nước chấm", "serve at once with the dip"))
        return Words(fit(f"{v(m)} luộc chấm {dip_vi}", f"{v(m)} luộc"),
                     fit(f"Boiled {e(m)} with {dip_en} dip", f"Boiled {e(m)}"),
                     pen(f"{cap(v(m))} luộc vừa chín tới, giữ vị ngọt tự nhiên, chấm {dip_vi}.",
                         f"Simply boiled {e(m)} that keeps its natural sweetness, with a {dip_en} dip."))


def _boil(dish: Dish, pen: Pen) -> None:
    m, cook = dish.main, dish.cook
    if m.kind == "veg":
        green = m.has("leafy") or not m.has("root")
        after_vi = "vớt ra ngâm nước lạnh cho giữ màu" if green else "vớt ra để ráo"
        after_en = "then refresh in cold water" if green else "then drain"
        pen.step(f"Cho {v(m)} vào luộc {cook} phút đến khi vừa chín, {after_vi}.",
                 f"Boil the {e(m)} for {cook} minutes until just tender, {after_en}.")
    elif m.kind == "egg":
        pen.step(f"Luộc {v(m)} {cook} phút, ngâm nước lạnh rồi bóc vỏ, bổ đôi.",
                 f"Boil the {e(m)} for {cook} minutes, cool in cold water, peel and halve.")
    else:
        pen.step(f"Cho {v(m)} vào, hạ lửa vừa, luộc {cook} phút đến khi chín tới.",
                 f"Add the {e(m)}, lower the heat and simmer for {cook} minutes until just cooked through.")
        pen.step(f"Vớt {v(m)} ra để ráo, thái miếng vừa ăn.",
                 f"Lift out the {e(m)}, drain and cut into slices.")
