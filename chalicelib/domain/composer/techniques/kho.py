"""Kho: a caramel and fish-sauce braise, simmered until the sauce is thick and glossy."""

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
    spread,
    support_of,
    timed,
    usable_main,
    use,
)
from chalicelib.domain.composer.text import Pen, cap, e, es, finish, fit, v, vs


class Braise(Technique):
    key = "kho"
    tags = ("kho", "braise", "main")
    difficulty = "medium"
    accepts = frozenset({"processed"})
    _WEIGHT: ClassVar[dict[Kind, float]] = {
        "pork": 3, "fish": 3, "chicken": 2.5, "tofu": 2.5, "duck": 2, "egg": 2, "mushroom": 2, "shrimp": 2,
        "beef": 1.5, "meat": 1.5,
    }
    _TIMES: ClassVar[dict[Kind, Times]] = {
        "pork": Times(15, 45, 10, 30), "duck": Times(15, 45, 10, 30), "meat": Times(15, 45, 10, 30),
        "beef": Times(15, 60, 10, 40), "fish": Times(15, 30, 10, 20), "chicken": Times(15, 30, 10, 20),
        "egg": Times(5, 25, 5, 18), "shrimp": Times(10, 15, 5, 10),
    }

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if not usable_main(main, self.accepts) or main.has("silken") or kitchen.salty() is None:
            return 0
        return 1 if main.has("minced") else self._WEIGHT.get(main.kind, 0)

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        firm_tofu = [t for t in kitchen.mine(("tofu",)) if not t.has("silken")]
        if main.kind in MEAT:
            roots = kitchen.mine(("veg",), traits=("bamboo", "root"))
            return [*spread([*kitchen.mine(("egg",)), *firm_tofu, *roots], 1), ()]
        # Classic pairings: cá kho thơm, tôm kho thịt, đậu hũ kho nấm, nấm kho đậu hũ.
        options: dict[Kind, list[Item]] = {
            "fish": kitchen.mine(("fruit",), traits=("pineapple",)),
            "shrimp": [p for p in kitchen.mine(("pork",)) if usable_main(p, self.accepts)],
            "tofu": kitchen.mine(("mushroom",)),
            "mushroom": firm_tofu,
        }
        return [*spread(options.get(main.kind, []), 1, 2), ()]

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        return self._TIMES.get(main.kind, Times(10, 20, 5, 12))

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        plant = main.kind in {"tofu", "mushroom"}
        salty = ("soy_sauce", "fish_sauce", "salt") if plant else ("fish_sauce", "soy_sauce", "salt")
        coconut = kitchen.find("coconut_water")
        return support_of(kitchen, salty=salty, chili=True, garnish=("scallion",),
                          extras=(("coconut", use(coconut)),), scales=(("salty", 2.0), ("sweet", 3.0)))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, p, s = dish.main, dish.partner(), dish.support
        coconut = s.extra("coconut")
        if p:
            title_vi, title_en = f"{v(m)} kho {v(p)}", f"Caramelized {e(m)} with {e(p)}"
        elif coconut:
            title_vi, title_en = f"{v(m)} kho {v(coconut)}", f"{cap(e(m))} braised in {e(coconut)}"
        elif s.pepper and m.kind in {"fish", "mushroom", "tofu"}:
            title_vi, title_en = f"{v(m)} kho tiêu", f"Peppery caramelized {e(m)}"
        else:
            title_vi, title_en = f"{v(m)} kho", f"Caramelized {e(m)}"
        _prepare(dish, pen)
        if s.sweet:
            pen.step(f"Cho {v(s.fat) or 'chút nước'} và {v(s.sweet)} vào nồi, đun lửa vừa đến khi ngả màu "
                     f"cánh gián.",
                     f"Cook the {e(s.sweet)} with the {e(s.fat) or 'a splash of water'} over medium heat "
                     f"until it turns a deep amber caramel.")
        else:
            pen.heat(s.fat, ())
        brown = minutes(dish.cook, 0.15, 3)
        pen.step(f"Cho {v(m)} vào đảo {brown} phút cho săn và bám màu.",
                 f"Add the {e(m)} and turn for {brown} minutes until coated and lightly browned.")
        liquid_vi, liquid_en = (v(coconut), f"the {e(coconut)}") if coconut else ("nước", "water")
        add_vi, add_en = (f", cho {v(p)} vào", f", add the {e(p)}") if p else ("", "")
        simmer = max(1, dish.cook - brown)
        pen.step(f"Thêm {liquid_vi} xâm xấp mặt{add_vi}, đun sôi rồi hạ lửa nhỏ, kho {simmer} phút đến khi "
                 f"nước sánh lại.",
                 f"Pour in {liquid_en} to barely cover{add_en}, bring to a boil, then simmer uncovered on "
                 f"low heat for {simmer} minutes until the sauce is thick and glossy.")
        pen.step(*finish([*s.garnish, *([s.chili] if s.chili else [])]))
        return Words(fit(title_vi, f"{v(m)} kho"), fit(title_en, f"Caramelized {e(m)}"),
                     pen(f"{cap(v(m))} kho với nước màu và {v(s.salty)} đến khi sánh bóng, đưa cơm.",
                         f"{cap(e(m))} simmered in caramel and {e(s.salty)} until glossy; "
                         f"a rice-bowl classic."))


def _prepare(dish: Dish, pen: Pen) -> None:
    """Marinate the main (eggs are boiled and peeled first) and get the partner ready."""
    m, p, s = dish.main, dish.partner(), dish.support
    seasoning = [i for i in (s.salty, s.pepper) if i is not None]
    if m.kind == "egg":
        pen.step(f"Luộc chín {v(m)} 10 phút, ngâm nước lạnh rồi bóc vỏ.",
                 f"Boil the {e(m)} for 10 minutes, cool in cold water and peel.")
        pen.step(f"Băm nhỏ {vs(s.aromatics) or 'gia vị thơm'}, trộn với {vs(seasoning) or 'chút muối'}.",
                 f"Finely chop the {es(s.aromatics) or 'aromatics'} and mix with the "
                 f"{es(seasoning) or 'a pinch of salt'}.")
    else:
        wait_vi, wait_en = timed(dish.marinate())
        prep_vi, prep_en = ready(m)
        rub = [*s.aromatics, *seasoning]
        pen.step(f"{prep_vi}, ướp với {vs(rub)}{wait_vi}.",
                 f"{prep_en}, then marinate with the {es(rub)}{wait_en}.")
    if p and p.kind == "egg":
        pen.step(f"Luộc chín {v(p)} 10 phút, bóc vỏ.", f"Boil the {e(p)} for 10 minutes and peel.")
    elif p:
        pen.step(*(f"{x}." for x in ready(p)))
