"""Trứng chiên: a Vietnamese omelette, plain with fish sauce or with minced meat, tomato or herbs."""

from __future__ import annotations

from chalicelib.domain.composer.kinds import MEAT, SEAFOOD, Item
from chalicelib.domain.composer.kitchen import Kitchen
from chalicelib.domain.composer.prep import ready_all
from chalicelib.domain.composer.technique import (
    Dish,
    Support,
    Technique,
    Times,
    Words,
    fits,
    minutes,
    spread,
    support_of,
)
from chalicelib.domain.composer.text import Pen, cap, e, es, fit, v, vs


class Omelette(Technique):
    key = "trung_chien"
    tags = ("trung_chien", "chien", "breakfast")
    family = "fried"

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        return 3 if main.kind == "egg" and not main.has("quail", "offal", "dried") else 0

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        fillings = [i for i in kitchen.mine(("pork", "beef", "chicken", "shrimp", "crab"))
                    if (i.has("minced") or i.kind in {"shrimp", "crab"}) and fits(i)]
        plants = [*kitchen.mine(("tomato", "mushroom")),
                  *kitchen.mine(("aromatic",), traits=("scallion", "onion")),
                  *kitchen.mine(("herb",), traits=("garnish",))]
        dairy = kitchen.mine(("dairy",), traits=("cheese", "milk"))
        return spread([*fillings, *plants, *dairy], 2)

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        return Times(10, 10, 5, 8) if any(p.kind in MEAT | SEAFOOD for p in partners) else Times(5, 8, 3, 5)

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        return support_of(kitchen, aromas=(), sweet=False, scales=(("fat", 2.0), ("salty", 0.5)))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, ps, s = dish.main, dish.partners, dish.support
        if ps:
            title_vi, title_en = f"{v(m)} chiên {' '.join(v(p) for p in ps)}", f"{cap(es(ps))} omelette"
        elif s.salty and s.salty.id == "fish_sauce":
            title_vi, title_en = f"{v(m)} chiên {v(s.salty)}", f"Vietnamese omelette with {e(s.salty)}"
        else:
            title_vi, title_en = f"{v(m)} chiên", f"Simple {e(m)} omelette"
        seasonings = [i for i in (s.salty, s.pepper) if i is not None]
        if ps:
            pen.step(*(f"{x}." for x in ready_all(ps, "slice")))
        mix_vi, mix_en = (f", cho {vs(ps)} vào", f", add the {es(ps)}") if ps else ("", "")
        pen.step(f"Đập {v(m)} ra bát{mix_vi}, thêm {vs(seasonings) or 'chút gia vị'} rồi đánh thật đều.",
                 f"Crack the {e(m)} into a bowl{mix_en}, add the {es(seasonings) or 'seasoning'} "
                 f"and beat well.")
        pen.step(f"Đun nóng {v(s.fat) or 'chảo chống dính'} trên lửa vừa.",
                 f"Heat the {e(s.fat) or 'non-stick pan'} over medium heat.")
        first = minutes(dish.cook, 0.6)
        pen.step(f"Đổ hỗn hợp trứng vào, láng đều, chiên {first} phút đến khi mặt dưới vàng.",
                 f"Pour in the egg mixture, spread it evenly and cook for {first} minutes until golden "
                 f"underneath.")
        rest = max(1, dish.cook - first)
        pen.step(f"Lật mặt, chiên thêm {rest} phút cho chín đều.", f"Flip and cook for {rest} more minutes.")
        pen.step("Cắt miếng vừa ăn, dùng nóng với cơm.", "Cut into wedges and serve hot with rice.")
        return Words(fit(title_vi, f"{v(m)} chiên"), fit(title_en, "Vietnamese omelette"),
                     pen(f"Trứng chiên vàng mềm{' với ' + vs(ps) if ps else ''}, món nhanh ai cũng nấu được.",
                         f"A soft, golden omelette{' with ' + es(ps) if ps else ''}; quick and easy."))
