"""Cà ri: a Vietnamese-style curry with lemongrass, curry powder and, when there is some, coconut milk."""

from __future__ import annotations

from typing import ClassVar

from chalicelib.domain.composer.kinds import Item, Kind
from chalicelib.domain.composer.kitchen import Kitchen
from chalicelib.domain.composer.portions import Role
from chalicelib.domain.composer.prep import ready, ready_all
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

_SIDES: frozenset[Kind] = frozenset({"bread", "rice", "noodle"})


class Curry(Technique):
    key = "ca_ri"
    tags = ("curry", "main")
    difficulty = "medium"
    prefer_locale = "en"
    _WEIGHT: ClassVar[dict[Kind, float]] = {
        "chicken": 3, "beef": 2, "duck": 2, "tofu": 2, "legume": 2, "pork": 1.5, "meat": 1.5, "shrimp": 1.5,
        "mushroom": 1.5, "fish": 1,
    }
    _TIMES: ClassVar[dict[Kind, Times]] = {
        "chicken": Times(15, 40, 10, 30), "beef": Times(15, 70, 10, 50), "duck": Times(15, 50, 10, 35),
        "pork": Times(15, 45, 10, 30), "meat": Times(15, 45, 10, 30), "shrimp": Times(10, 20, 5, 15),
        "fish": Times(10, 20, 5, 15), "legume": Times(10, 40, 5, 30),
    }

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if not usable_main(main) or main.has("minced", "silken") or kitchen.curry() is None:
            return 0
        if main.kind == "veg":
            return 2 if main.has("root") else 0
        return self._WEIGHT.get(main.kind, 0)

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        roots = kitchen.mine(("veg",), traits=("root",), but=[main])
        sides = kitchen.mine(_SIDES)[:1]
        return [(*group, *sides) for group in spread(roots, 2)]

    def partner_role(self, item: Item) -> Role:
        return "side" if item.kind in _SIDES else "partner"

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        return self._TIMES.get(main.kind, Times(10, 25, 5, 18))

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        curry = kitchen.curry()
        # Curry powder is measured in teaspoons (1.5 per serving), a curry paste in tablespoons.
        amount = 6.0 if curry and curry.kind == "spice" else 1.5
        extras = (("curry", use(curry, scale=amount)), ("coconut", use(kitchen.find("coconut_milk"))))
        return support_of(kitchen, aromas=("lemongrass", "garlic", "shallot"), chili=True, pepper=False,
                          garnish=("basil", "cilantro"), extras=extras)

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, s = dish.main, dish.support
        curry, coconut = s.extra("curry"), s.extra("coconut")
        roots = [p for p in dish.partners if p.kind not in _SIDES]
        side = next((p for p in dish.partners if p.kind in _SIDES), None)
        title_vi = f"Cà ri {v(m)}{' ' + v(roots[0]) if roots else ''}"
        title_en = f"{cap(e(m))}{' and ' + e(roots[0]) if roots else ''} curry"
        rub = [i for i in (curry, s.salty, s.sweet) if i is not None]
        wait_vi, wait_en = timed(dish.marinate())
        prep_vi, prep_en = ready(m)
        pen.step(f"{prep_vi}, ướp với một nửa {vs(rub)}{wait_vi}.",
                 f"{prep_en}, then marinate with half the {es(rub)}{wait_en}.")
        fry = minutes(dish.cook, 0.15, 3)
        if roots:
            pen.step(*(f"{x}." for x in ready_all(roots)))
            pen.step(f"Chiên sơ {vs(roots)} với {v(s.fat) or 'chút dầu'} {fry} phút cho se mặt, vớt ra.",
                     f"Fry the {es(roots)} in the {e(s.fat) or 'oil'} for {fry} minutes to seal, then set "
                     f"aside.")
        pen.heat(s.fat, s.aromatics, f", cho {v(m)} vào xào săn {fry} phút",
                 f", add the {e(m)} and brown for {fry} minutes")
        pot = dish.water(200 if coconut else 300)
        simmer = max(1, dish.cook - fry * (2 if roots else 1) - 5)
        pen.step(f"Thêm {pot} ml nước và phần gia vị ướp còn lại, đun sôi rồi hạ lửa nấu {simmer} phút.",
                 f"Add {pot} ml water and the rest of the marinade, bring to a boil and simmer for {simmer} "
                 f"minutes.")
        adds = [*roots, *([coconut] if coconut else [])]
        pen.step(f"Cho {vs(adds) or 'thêm chút nước'} vào, nấu 5 phút đến khi mềm; nêm lại vừa ăn.",
                 f"Add the {es(adds) or 'a little more water'} and cook for 5 minutes until tender; "
                 f"adjust the seasoning.")
        serve_vi = f"ăn kèm {v(side)}" if side else "dùng với cơm hoặc bánh mì"
        serve_en = f"serve with the {e(side)}" if side else "serve with rice or bread"
        pen.step(*finish([*s.garnish, *([s.chili] if s.chili else [])], serve_vi, serve_en))
        creamy_vi = f", béo {v(coconut)}" if coconut else ""
        return Words(fit(title_vi, f"Cà ri {v(m)}"), fit(title_en, f"{e(m)} curry"),
                     pen(f"Cà ri {v(m)} thơm {vs([*s.aromatics, curry])}{creamy_vi}.",
                         f"A fragrant Vietnamese-style {e(m)} curry with "
                         f"{es([*s.aromatics, curry, coconut])}."))
