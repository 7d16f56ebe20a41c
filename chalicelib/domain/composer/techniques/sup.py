"""Súp: vegetables (or lentils) softened in butter or oil, simmered and blended smooth."""

from __future__ import annotations

from chalicelib.domain.composer.kinds import PLANTS, PROTEIN, Item
from chalicelib.domain.composer.kitchen import Kitchen
from chalicelib.domain.composer.prep import ready, ready_all
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
from chalicelib.domain.composer.text import Pen, e, es, finish, fit, season, v, vs


class Soup(Technique):
    key = "sup"
    tags = ("soup",)
    family = "soup"
    prefer_locale = "en"

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if main.kind in {"tomato", "mushroom"}:
            return 2.5
        if main.kind == "legume":
            return 1.5 if usable_main(main) else 0
        if main.kind != "veg" or main.has("nocook", "pickled"):
            return 0
        return 2.5 if main.has("root", "gourd") else 1.5 if main.has("grill") else 1

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        plants = [p for p in kitchen.mine(PLANTS, but=[main]) if not p.has("nocook", "leafy", "pickled")]
        dairy = kitchen.mine(("dairy",), traits=("milk", "cheese"))[:1]
        meat = [p for p in kitchen.mine(("chicken", "shrimp", "pork")) if usable_main(p)][:1]
        groups = [(*plants[:1], *dairy, *meat), (*plants[:1], *dairy), tuple(dairy)]
        return list(dict.fromkeys(groups))

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        return Times(10, 40, 5, 30) if main.kind == "legume" else Times(15, 25, 10, 15)

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        picked = support_of(kitchen, salty=("salt", "fish_sauce", "soy_sauce"), aromas=("onion", "garlic"),
                            sweet=False, garnish=("cilantro", "scallion", "dill", "parsley"))
        return Support(fat=kitchen.find("butter") or picked.fat, salty=picked.salty, pepper=picked.pepper,
                       aromatics=picked.aromatics, garnish=picked.garnish)

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, s = dish.main, dish.support
        plants = [p for p in dish.partners if p.kind in PLANTS]
        dairy = next((p for p in dish.partners if p.kind == "dairy"), None)
        meat = next((p for p in dish.partners if p.kind in PROTEIN), None)
        title_vi = f"Súp {'kem ' if dairy else ''}{v(m)}{' ' + v(meat) if meat else ''}"
        title_en = f"{'Creamy ' if dairy else ''}{e(m)} soup{' with ' + e(meat) if meat else ''}"
        pen.step(*(f"{x}." for x in ready_all([m, *plants])))
        if meat:
            pen.step(*(f"{x}." for x in ready(meat)))
        soften = minutes(dish.cook, 0.2, 3)
        pen.heat(s.fat, s.aromatics, f", xào thêm {soften} phút cho mềm", f", then cook for {soften} minutes")
        pot, simmer = dish.water(250), max(1, dish.cook - soften - 2)
        pot_items = [m, *plants, *([meat] if meat else [])]
        pen.step(f"Cho {vs(pot_items)} vào đảo đều, thêm {pot} ml nước, đun sôi rồi hạ lửa nấu {simmer} phút "
                 f"đến khi mềm nhừ.",
                 f"Add the {es(pot_items)}, pour in {pot} ml water, bring to a boil and simmer for {simmer} "
                 f"minutes until very soft.")
        if meat:
            pen.step(f"Vớt {v(meat)} ra, xay nhuyễn phần súp cho sánh mịn rồi cho {v(meat)} trở lại.",
                     f"Lift out the {e(meat)}, blend the soup until smooth, then return the {e(meat)}.")
        else:
            pen.step("Xay nhuyễn súp cho sánh mịn.", "Blend the soup until smooth.")
        sv, se = season([s.salty, s.pepper])
        dairy_vi, dairy_en = (f"Thêm {v(dairy)}, ", f"Stir in the {e(dairy)}, ") if dairy else ("", "")
        pen.step(f"{dairy_vi}{sv}, đun nóng lại 2 phút nhưng không để sôi mạnh.",
                 f"{dairy_en}{se} and reheat for 2 minutes without boiling hard.")
        pen.step(*finish(s.garnish, "dùng nóng với bánh mì", "serve hot with bread"))
        rich_vi, rich_en = (f", béo {v(dairy)}", f" enriched with {e(dairy)}") if dairy else ("", "")
        return Words(fit(title_vi, f"Súp {v(m)}"), fit(title_en, f"{e(m)} soup"),
                     pen(f"Súp {v(m)} sánh mịn{rich_vi}, ấm bụng cho bữa sáng hay tối.",
                         f"A smooth {e(m)} soup{rich_en}, warming at any meal."))
