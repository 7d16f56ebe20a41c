"""Canh: a light, clear broth of vegetables with a little meat, seafood, egg or tofu, eaten with rice."""

from __future__ import annotations

from chalicelib.domain.composer.kinds import PROTEIN, SEAFOOD, Item
from chalicelib.domain.composer.kitchen import Kitchen
from chalicelib.domain.composer.prep import ready
from chalicelib.domain.composer.technique import (
    Dish,
    Support,
    Technique,
    Times,
    Words,
    fits,
    minutes,
    support_of,
)
from chalicelib.domain.composer.text import Pen, cap, e, es, finish, fit, season, v, vs

# Which protein goes into a canh first: minced meat and shrimp are the everyday choices, fish the last.
_PROTEIN_ORDER = ("minced", "shrimp", "crab", "shellfish", "egg", "tofu", "bones")


def _protein_rank(item: Item) -> int:
    found = (n for n, t in enumerate(_PROTEIN_ORDER) if item.has(t) or item.kind == t)
    return next(found, len(_PROTEIN_ORDER) + (item.kind == "fish"))


class ClearSoup(Technique):
    key = "canh"
    tags = ("canh", "soup")
    family = "soup"

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if main.kind == "tomato":
            return 2.5
        if main.kind == "mushroom":
            return 2
        if main.kind != "veg" or main.has("nocook"):
            return 0
        return 3 if main.has("leafy", "gourd") else 2.5 if main.has("root") else 1.5

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        proteins = sorted((p for p in kitchen.mine(PROTEIN) if fits(p, {"processed"})), key=_protein_rank)
        return [*((p,) for p in proteins[:3]), ()]

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        if any(p.has("bones") for p in partners):
            return Times(10, 45, 5, 30)
        if main.has("root", "gourd"):
            return Times(10, 20, 5, 12)
        fried_first = any(p.kind not in {"egg", "tofu"} for p in partners)
        return Times(10, 15, 5, 8) if fried_first else Times(10, 10, 5, 6)

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        fishy = any(p.kind in SEAFOOD for p in partners)
        fried_first = any(p.kind not in {"egg", "tofu"} for p in partners)
        return support_of(kitchen, aromas=("shallot", "ginger") if fishy else ("shallot",), sweet=False,
                          fat=fried_first, garnish_limit=2,
                          garnish=("scallion", "cilantro", "dill") if fishy else ("scallion", "cilantro"))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, p, s = dish.main, dish.partner(), dish.support
        title_vi = f"Canh {v(m)}{' ' + v(p) if p else ''}"
        title_en = f"{cap(e(m))} soup with {e(p)}" if p else f"Clear {e(m)} soup"
        pen.step(*(f"{x}." for x in ready(m)))
        if p and p.kind not in {"egg", "tofu"}:
            _meat_first(dish, pen, p)
        else:
            _egg_or_tofu(dish, pen, p)
        sv, se = season([s.salty, s.pepper])
        pen.step(f"{sv} rồi tắt bếp.", f"{cap(se)}, then turn off the heat.")
        pen.step(*finish(s.garnish, "dùng nóng cùng cơm", "serve hot alongside rice"))
        with_vi, with_en = (f" nấu với {v(p)}", f" with {e(p)}") if p else ("", "")
        return Words(fit(title_vi, f"Canh {v(m)}"), fit(title_en, f"Clear {e(m)} soup"),
                     pen(f"Canh {v(m)} thanh mát{with_vi}, món canh quen thuộc trong bữa cơm.",
                         f"A light, clear {e(m)} soup{with_en} for the family rice table."))


def _split(dish: Dish) -> tuple[int, int]:
    """(minutes for the broth, minutes for the vegetable): greens cook in a few minutes, roots longer."""
    veg = minutes(dish.cook, 0.6 if dish.main.has("root", "gourd") else 0.3, 2)
    return max(1, dish.cook - veg), veg


def _meat_first(dish: Dish, pen: Pen, protein: Item) -> None:
    m, s = dish.main, dish.support
    base, veg = _split(dish)
    prep_vi, prep_en = ready(protein, "slice")
    pen.step(f"{prep_vi}, ướp với chút {v(s.salty) or 'muối'}, {v(s.pepper) or 'tiêu'} 5 phút.",
             f"{prep_en}, then season with a little {e(s.salty) or 'salt'} and pepper for 5 minutes.")
    pen.heat(s.fat, s.aromatics, f", cho {v(protein)} vào xào săn",
             f", add the {e(protein)} and stir until firm")
    pot = dish.water(300)
    pen.step(f"Thêm {pot} ml nước, đun sôi, hớt bọt rồi nấu {base} phút.",
             f"Add {pot} ml water, bring to a boil, skim and simmer for {base} minutes.")
    pen.step(f"Cho {v(m)} vào nấu thêm {veg} phút đến khi vừa chín.",
             f"Add the {e(m)} and cook for {veg} more minutes until just tender.")


def _egg_or_tofu(dish: Dish, pen: Pen, protein: Item | None) -> None:
    m, s = dish.main, dish.support
    base, veg = _split(dish)
    pot = dish.water(300)
    if protein and protein.kind == "tofu":
        pen.step(*(f"{x}." for x in ready(protein)))
    if s.aromatics:
        pen.step(f"Đun sôi {pot} ml nước với {vs(s.aromatics)}, nấu {base} phút cho dậy mùi.",
                 f"Bring {pot} ml water to a boil with the {es(s.aromatics)} and simmer for {base} minutes.")
    else:
        pen.step(f"Đun sôi {pot} ml nước (khoảng {base} phút).",
                 f"Bring {pot} ml water to a boil (about {base} minutes).")
    pen.step(f"Cho {v(m)} vào nấu {veg} phút đến khi vừa chín.",
             f"Add the {e(m)} and cook for {veg} minutes until just tender.")
    if protein and protein.kind == "egg":
        pen.step(f"Đánh tan {v(protein)}, rót từ từ vào nồi và khuấy nhẹ cho trứng nổi vân.",
                 f"Beat the {e(protein)} and pour it in slowly, stirring gently so it sets in ribbons.")
    elif protein:
        pen.step(f"Cho {v(protein)} vào, đun thêm 1 phút.",
                 f"Add the {e(protein)} and simmer for 1 more minute.")
