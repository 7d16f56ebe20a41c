"""Nước chấm: a dipping sauce, offered only when the person has nothing but condiments to cook with."""

from __future__ import annotations

from chalicelib.domain.composer.kinds import Item, Kind
from chalicelib.domain.composer.kitchen import Kitchen
from chalicelib.domain.composer.portions import Role
from chalicelib.domain.composer.prep import ready_all
from chalicelib.domain.composer.technique import Dish, Support, Technique, Times, Words, support_of
from chalicelib.domain.composer.text import Pen, cap, e, es, fit, v, vs

_CONDIMENTS: frozenset[Kind] = frozenset({"sauce", "spice", "pepper", "sour", "aromatic", "herb", "sweet"})


class DippingSauce(Technique):
    key = "nuoc_cham"
    tags = ("nuoc_cham", "sauce")
    fallback = True

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        return 1 if main.kind in _CONDIMENTS else 0

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        return [tuple(kitchen.mine(_CONDIMENTS, but=[main])[:3])]

    def partner_role(self, item: Item) -> Role:
        return "aromatic" if item.kind == "aromatic" else "garnish" if item.kind == "herb" else "seasoning"

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        return Times(5, 0, 5, 0)

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        return support_of(kitchen, aromas=("garlic",), fat=False, pepper=False, sour=True, chili=True,
                          scales=(("sweet", 2.0),))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, s = dish.main, dish.support
        if m.kind == "sauce" and s.sweet and s.sour:
            title_vi, title_en = f"{v(m)} pha chua ngọt", f"Sweet and sour {e(m)} dip"
        else:
            title_vi, title_en = f"Nước chấm {v(m)}", f"{cap(e(m))} dipping sauce"
        everything = [i for i in (m, *dish.partners, *s.aromatics, s.chili) if i is not None]
        chopped = list(dict.fromkeys(i for i in everything if i.kind in {"aromatic", "herb"}))
        if chopped:
            pen.step(*(f"{x}." for x in ready_all(chopped)))
        else:
            pen.step("Chuẩn bị một bát nhỏ.", "Have a small bowl ready.")
        if s.sweet:
            pen.step(f"Hòa tan {v(s.sweet)} với 3 muỗng nước ấm.",
                     f"Dissolve the {e(s.sweet)} in 3 tbsp warm water.")
        else:
            pen.step("Cho 3 muỗng nước ấm vào bát.", "Put 3 tbsp warm water in the bowl.")
        poured = [i for i in (m, *dish.partners, s.salty, s.sour) if i is not None]
        liquids = list(dict.fromkeys(i for i in poured if i not in chopped and i != s.sweet))
        pen.step(f"Thêm {vs(liquids) or v(m)}, khuấy đều rồi nếm lại cho vừa mặn, ngọt, chua.",
                 f"Add the {es(liquids) or e(m)}, stir and taste for a balance of salty, sweet and sour.")
        if chopped:
            pen.step(f"Cho {vs(chopped)} vào, để 5 phút cho dậy mùi.",
                     f"Stir in the {es(chopped)} and let it stand for 5 minutes.")
        pen.step("Dùng chấm rau luộc, thịt luộc hoặc hải sản.",
                 "Serve with boiled vegetables, meat or seafood.")
        return Words(fit(title_vi), fit(title_en),
                     pen(f"Chén nước chấm từ {v(m)}, cân bằng mặn ngọt chua cay.",
                         f"A dipping sauce built on {e(m)}, balancing salty, sweet, sour and hot."))
