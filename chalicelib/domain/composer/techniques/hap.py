"""Hấp: steamed over lemongrass, ginger or scallion; eggs become a savoury steamed custard."""

from __future__ import annotations

from typing import ClassVar

from chalicelib.domain.composer.kinds import MEAT, SEAFOOD, Item, Kind
from chalicelib.domain.composer.kitchen import Kitchen
from chalicelib.domain.composer.prep import ready, ready_all
from chalicelib.domain.composer.technique import (
    Dish,
    Support,
    Technique,
    Times,
    Words,
    fits,
    spread,
    support_of,
    timed,
    usable_main,
)
from chalicelib.domain.composer.text import Pen, cap, e, es, finish, fit, v, vs

_IN_SHELL: frozenset[Kind] = frozenset({"shellfish", "crab"})


class Steam(Technique):
    key = "hap"
    tags = ("hap", "main")
    _WEIGHT: ClassVar[dict[Kind, float]] = {
        "fish": 3, "shellfish": 3, "shrimp": 2.5, "crab": 2.5, "squid": 2, "egg": 2, "chicken": 1.5,
        "tofu": 1.5, "mushroom": 1,
    }
    _TIMES: ClassVar[dict[Kind, Times]] = {
        "fish": Times(10, 15, 5, 12), "shellfish": Times(10, 8, 5, 5), "shrimp": Times(5, 8, 3, 5),
        "crab": Times(10, 15, 5, 12), "squid": Times(10, 10, 5, 7), "chicken": Times(10, 30, 5, 25),
        "egg": Times(10, 20, 5, 15),
    }

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if not usable_main(main, self.accepts) or main.has("quail", "minced"):
            return 0
        if main.kind == "veg":
            return 1 if main.has("root", "gourd") else 0
        return self._WEIGHT.get(main.kind, 0)

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        if main.kind == "egg":
            fillings = [p for p in kitchen.mine(MEAT | SEAFOOD)
                        if (p.has("minced") or p.kind in {"shrimp", "crab"}) and fits(p)]
            return [*spread([*fillings, *kitchen.mine(("mushroom",))], 1), ()]
        if main.kind in {"fish", "chicken", "tofu"}:
            return [*spread(kitchen.mine(("mushroom",)), 1, 1), ()]
        return [()]

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        return self._TIMES.get(main.kind, Times(5, 10, 3, 6))

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        if main.kind == "egg":
            return support_of(kitchen, aromas=("shallot",), sweet=False, fat=False, garnish=("scallion",))
        seafood = main.kind in {"shellfish", "shrimp", "squid", "crab"}
        lemongrass = seafood and kitchen.aroma("lemongrass") is not None
        aromas = ("lemongrass", "ginger") if lemongrass else ("ginger", "scallion")
        soy_first = main.kind in {"fish", "tofu"}
        salty = ("soy_sauce", "fish_sauce", "salt") if soy_first else ("fish_sauce", "salt")
        # Smoking-hot oil poured over at the end suits fish, chicken, tofu and squid, not shells.
        oiled = main.kind in {"fish", "tofu", "chicken", "squid"}
        return support_of(kitchen, salty=salty, aromas=aromas, sweet=False, chili=True, fat=oiled,
                          garnish=("cilantro",), scales=(("fat", 0.5),))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, p, s = dish.main, dish.partner(), dish.support
        if m.kind == "egg":
            return _custard(dish, pen)
        lead = next((a for a in s.aromatics if a.has("lemongrass", "ginger")), None)
        if p:
            title_vi, title_en = f"{v(m)} hấp {v(p)}", f"Steamed {e(m)} with {e(p)}"
        elif lead:
            title_vi, title_en = f"{v(m)} hấp {v(lead)}", f"Steamed {e(m)} with {e(lead)}"
        elif s.salty and s.salty.id == "soy_sauce":
            title_vi, title_en = f"{v(m)} hấp {v(s.salty)}", f"Steamed {e(m)} with {e(s.salty)}"
        else:
            title_vi, title_en = f"{v(m)} hấp", f"Steamed {e(m)}"
        pen.step(*(f"{x}." for x in ready(m, "whole")))
        if s.aromatics or p:
            pen.step(*(f"{x}." for x in ready_all([*s.aromatics, *([p] if p else [])])))
        rub = [i for i in (s.salty, s.pepper) if i is not None]
        top_vi, top_en = (f" cùng {v(p)}", f" with the {e(p)}") if p else ("", "")
        if m.kind in _IN_SHELL:
            if rub:
                top_vi = f"{top_vi}, rưới {vs(rub)} và 3 muỗng nước"
                top_en = f"{top_en}, sprinkle with the {es(rub)}"
        else:
            wait_vi, wait_en = timed(dish.marinate())
            pen.step(f"Ướp {v(m)} với {vs(rub) or 'chút gia vị'}{wait_vi}.",
                     f"Season the {e(m)} with the {es(rub) or 'seasoning'}{wait_en}.")
        bed_vi, bed_en = "Xếp ", "Lay "
        if s.aromatics:
            bed_vi = f"Lót một nửa {vs(s.aromatics)} dưới đĩa, xếp "
            bed_en = f"Line a plate with half the {es(s.aromatics)}, lay "
        pen.step(f"{bed_vi}{v(m)}{top_vi} lên trên rồi rải phần còn lại.",
                 f"{bed_en}the {e(m)}{top_en} on top and scatter over the rest.")
        pen.step(f"Hấp trên lửa lớn {dish.cook} phút đến khi vừa chín.",
                 f"Steam over high heat for {dish.cook} minutes until just cooked through.")
        if s.fat:
            pen.step(f"Đun thật nóng {v(s.fat)} rồi rưới lên {v(m)}.",
                     f"Heat the {e(s.fat)} until smoking and pour it over the {e(m)}.")
        pen.step(*finish([*s.garnish, *([s.chili] if s.chili else [])], "dùng nóng", "serve hot"))
        scent_en = f", scented with {es(s.aromatics)}" if s.aromatics else ""
        return Words(fit(title_vi, f"{v(m)} hấp"), fit(title_en, f"Steamed {e(m)}"),
                     pen(f"{cap(v(m))} hấp giữ trọn vị ngọt, thơm {vs(s.aromatics) or 'nhẹ'}.",
                         f"{cap(e(m))} steamed to keep it sweet and juicy{scent_en}."))


def _custard(dish: Dish, pen: Pen) -> Words:
    """Trứng hấp: eggs beaten with a little water (and minced meat or mushroom) and steamed until set."""
    m, p, s = dish.main, dish.partner(), dish.support
    if p:
        pen.step(*(f"{x}." for x in ready(p, "slice")))
    mix = [i for i in (p, *s.aromatics, s.salty, s.pepper) if i is not None]
    pen.step(f"Đập {v(m)} ra bát, cho {vs(mix) or 'chút muối'} và 3 muỗng nước vào, đánh đều.",
             f"Crack the {e(m)} into a bowl, add the {es(mix) or 'a pinch of salt'} and 3 tbsp water "
             f"and beat well.")
    pen.step("Đổ vào đĩa sâu lòng, đậy kín bằng đĩa hoặc màng bọc chịu nhiệt.",
             "Pour into a deep plate and cover tightly with a plate or heatproof wrap.")
    pen.step(f"Hấp lửa vừa {dish.cook} phút đến khi trứng đông, xiên tăm không còn chảy nước.",
             f"Steam over medium heat for {dish.cook} minutes until set and a skewer comes out clean.")
    pen.step(*finish(s.garnish))
    return Words(fit(f"{v(m)} hấp{' ' + v(p) if p else ''}", f"{v(m)} hấp"),
                 fit(f"Steamed {e(m)}{' with ' + e(p) if p else ' custard'}", f"Steamed {e(m)}"),
                 pen(f"{cap(v(m))} hấp mềm mịn như thạch, món quen của bữa cơm nhà.",
                     f"Silky steamed {e(m)}, a homely everyday dish."))
