"""Xào: a hot-wok stir-fry of meat, seafood, tofu, mushrooms, noodles or greens."""

from __future__ import annotations

from typing import ClassVar

from chalicelib.domain.composer.kinds import PLANTS, PROTEIN, Item, Kind
from chalicelib.domain.composer.kitchen import Kitchen
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
from chalicelib.domain.composer.text import Pen, cap, e, es, finish, fit, season, v, vs

_PLANT_LED: frozenset[Kind] = frozenset({"tofu", "mushroom", "noodle", "veg"})
_STURDY = ("leafy", "root", "gourd", "grill", "bamboo")


class StirFry(Technique):
    key = "xao"
    tags = ("xao", "stir_fry", "main")
    accepts = frozenset({"offal", "processed"})
    _WEIGHT: ClassVar[dict[Kind, float]] = {
        "beef": 3, "squid": 3, "pork": 2.5, "chicken": 2.5, "shrimp": 2.5, "shellfish": 2, "duck": 1.5,
        "meat": 2, "tofu": 2, "mushroom": 2.5, "noodle": 2.5, "veg": 2.5,
    }

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if not usable_main(main, self.accepts) or main.has("nocook", "silken"):
            return 0
        return self._WEIGHT.get(main.kind, 0)

    @staticmethod
    def _greens(main: Item, kitchen: Kitchen) -> list[Item]:
        """Vegetables worth stir-frying with `main`: sturdy ones first, raw-salad ones last."""
        plants = [i for i in kitchen.mine(PLANTS, but=[main]) if not i.has("nocook")]
        plants.sort(key=lambda i: not (i.kind == "mushroom" or i.has(*_STURDY)))
        pineapple = kitchen.mine(("fruit",), traits=("pineapple",))
        return [*plants, *pineapple, *kitchen.mine(("aromatic",), traits=("onion",))]

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        greens = self._greens(main, kitchen)
        if main.kind == "noodle":
            proteins = [p for p in kitchen.mine(PROTEIN) if usable_main(p, self.accepts)]
            lead = proteins[:2] or greens[:1]
            return list(dict.fromkeys(tuple(dict.fromkeys((p, *greens[:1]))) for p in lead)) or [()]
        if main.kind in PLANTS:
            return [*spread([g for g in greens if g.kind != "aromatic"], 1, 2), ()]
        return spread(greens, 2)

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        if main.kind == "noodle":
            return Times(15, 12, 8, 8)
        return Times(10, 7, 5, 5) if main.kind in PLANTS else Times(15, 10, 8, 6)

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        plant_led = main.kind in _PLANT_LED
        salty = ("soy_sauce", "fish_sauce", "salt") if plant_led else ("fish_sauce", "soy_sauce", "salt")
        bare = not partners and main.kind in PROTEIN
        if bare:
            aromas: tuple[str, ...] = ("garlic", "lemongrass")
        else:
            aromas = ("garlic",) if main.kind in PLANTS else ("garlic", "shallot")
        oyster = kitchen.find("oyster_sauce") if main.kind in {"beef", "veg", "noodle", "mushroom"} else None
        return support_of(kitchen, salty=salty, aromas=aromas, chili=bare, garnish=("scallion", "cilantro"),
                          extras=(("oyster", use(oyster, scale=0.5)),), scales=(("sweet", 0.5),))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, ps, s = dish.main, dish.partners, dish.support
        if ps:
            title_vi, title_en = f"{v(m)} xào {v(ps[0])}", f"Stir-fried {e(m)} with {e(ps[0])}"
        elif any(a.has("lemongrass") for a in s.aromatics):
            title_vi = f"{v(m)} xào sả{' ớt' if s.chili else ''}"
            title_en = f"Stir-fried {e(m)} with lemongrass{' and chili' if s.chili else ''}"
        elif any(a.has("garlic") for a in s.aromatics):
            title_vi, title_en = f"{v(m)} xào tỏi", f"Stir-fried {e(m)} with garlic"
        else:
            title_vi, title_en = f"{v(m)} xào", f"Stir-fried {e(m)}"
        sauces = [i for i in (s.salty, s.extra("oyster"), s.sweet, s.pepper) if i is not None]
        if m.kind == "noodle":
            _noodles(dish, pen, sauces)
        elif m.kind in PLANTS:
            pen.step(*(f"{x}." for x in ready_all([m, *ps])))
            pen.heat(s.fat, s.aromatics)
            toss = max(1, dish.cook - 1)
            pen.step(f"Cho {vs([m, *ps])} vào đảo nhanh tay trên lửa lớn {toss} phút.",
                     f"Add the {es([m, *ps])} and toss over high heat for {toss} minutes.")
        else:
            _protein(dish, pen, sauces)
        sv, se = season(sauces)
        pen.step(f"{sv}, đảo đều thêm 1 phút rồi tắt bếp.",
                 f"{se}, toss for 1 more minute and take off the heat.")
        pen.step(*finish(s.garnish))
        joined = [*ps, *s.aromatics]
        with_vi = f" cùng {vs(joined)}" if joined else ""
        with_en = f" with {es(joined)}" if joined else ""
        return Words(fit(title_vi, f"{v(m)} xào"), fit(title_en, f"Stir-fried {e(m)}"),
                     pen(f"{cap(v(m))} xào lửa lớn{with_vi}, giữ độ giòn ngọt; món nhanh cho bữa cơm.",
                         f"{cap(e(m))} tossed over high heat{with_en}; a quick everyday wok dish."))


def _protein(dish: Dish, pen: Pen, sauces: list[Item]) -> None:
    """Meat or seafood: cooked first and set aside so the vegetables stay crisp."""
    m, ps, s = dish.main, dish.partners, dish.support
    wait_vi, wait_en = timed(dish.marinate())
    prep_vi, prep_en = ready(m, "slice")
    pen.step(f"{prep_vi}, ướp với một ít {vs(sauces[:2]) or 'gia vị'}{wait_vi}.",
             f"{prep_en}, then marinate with a little of the {es(sauces[:2]) or 'seasoning'}{wait_en}.")
    if ps:
        pen.step(*(f"{x}." for x in ready_all(ps)))
    pen.heat(s.fat, [*s.aromatics, *([s.chili] if s.chili else [])])
    if not ps:
        fry = max(1, dish.cook - 1)
        pen.step(f"Cho {v(m)} vào xào lửa lớn {fry} phút cho chín đều.",
                 f"Add the {e(m)} and stir-fry over high heat for {fry} minutes.")
        return
    first, second = minutes(dish.cook, 0.45), minutes(dish.cook, 0.35)
    pen.step(f"Cho {v(m)} vào xào lửa lớn {first} phút đến khi vừa chín, trút ra đĩa.",
             f"Add the {e(m)} and stir-fry over high heat for {first} minutes until just cooked; set aside.")
    pen.step(f"Cho {vs(ps)} vào xào {second} phút cho chín tới, rồi trút {v(m)} trở lại chảo.",
             f"Stir-fry the {es(ps)} for {second} minutes until crisp-tender, then return the {e(m)}.")


def _noodles(dish: Dish, pen: Pen, sauces: list[Item]) -> None:
    """Mì / bún / phở xào: toppings first, noodles tossed in the sauce last."""
    m, s = dish.main, dish.support
    proteins, greens = dish.proteins(), dish.others()
    pen.step(*(f"{x}." for x in ready_all([m, *dish.partners], "slice")))
    pen.heat(s.fat, s.aromatics)
    if proteins:
        first = minutes(dish.cook, 0.3)
        pen.step(f"Cho {vs(proteins)} vào xào {first} phút cho chín tới.",
                 f"Add the {es(proteins)} and stir-fry for {first} minutes until just cooked.")
    if greens:
        pen.step(f"Thêm {vs(greens)}, đảo nhanh 2 phút.", f"Add the {es(greens)} and toss for 2 minutes.")
    last = minutes(dish.cook, 0.3)
    pen.step(f"Cho {v(m)} vào cùng {vs(sauces[:2]) or 'chút nước'}, đảo đều {last} phút cho sợi thấm.",
             f"Add the {e(m)} with the {es(sauces[:2]) or 'a splash of water'} and toss for {last} minutes.")
