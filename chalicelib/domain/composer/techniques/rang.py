"""Rang: dry-fried in a hot pan, shrimp or pork until sticky, fried rice (cơm rang), salt-roasted nuts."""

from __future__ import annotations

from typing import ClassVar

from chalicelib.domain.composer.kinds import MEAT, PLANTS, PROTEIN, SEAFOOD, Item, Kind
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
    usable_main,
)
from chalicelib.domain.composer.text import Pen, cap, e, es, finish, fit, season, v, vs

_NOT_ROASTING = ("roasted", "butter", "lotus", "chia", "flax", "glutinous")
_FRIED_RICE_VEG = ("carrot", "pea", "corn", "bean", "mushroom")


class DryFry(Technique):
    key = "rang"
    tags = ("rang", "main")
    accepts = frozenset({"processed"})
    _WEIGHT: ClassVar[dict[Kind, float]] = {"shrimp": 3, "pork": 2, "rice": 3, "nut": 2.5}

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if not usable_main(main, self.accepts) or main.has("minced"):
            return 0
        return 0 if any(w in main.id for w in _NOT_ROASTING) else self._WEIGHT.get(main.kind, 0)

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        if main.kind == "shrimp":
            return [*spread([p for p in kitchen.mine(("pork",)) if usable_main(p, self.accepts)], 1, 1), ()]
        if main.kind != "rice":
            return [()]
        flesh = [p for p in kitchen.mine(MEAT | SEAFOOD | {"tofu"})
                 if fits(p, self.accepts) and not p.has("bones")]
        plants = [p for p in kitchen.mine(PLANTS) if not p.has("nocook")]
        plants.sort(key=lambda p: not any(w in p.id for w in _FRIED_RICE_VEG))
        return spread([*kitchen.mine(("egg",))[:1], *flesh, *plants], 3)

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        if main.kind == "rice":
            return Times(10, 10, 5, 8) if main.has("cooked") else Times(10, 35, 5, 30)
        if main.kind == "nut":
            return Times(2, 12, 2, 10)
        return Times(10, 10, 5, 7) if main.kind == "shrimp" else Times(10, 15, 5, 10)

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        if main.kind == "nut":
            return support_of(kitchen, salty=("salt",), aromas=(), fat=False, sweet=False, pepper=False)
        if main.kind == "rice":
            return support_of(kitchen, aromas=("garlic", "shallot"), sweet=False, garnish=("scallion",),
                              scales=(("fat", 1.5), ("salty", 0.5)))
        # With pork belly in the pan its own fat does the frying.
        return support_of(kitchen, garnish=("scallion",), fat=not partners,
                          scales=(("sweet", 2.0), ("salty", 1.5)))

    def write(self, dish: Dish, pen: Pen) -> Words:
        if dish.main.kind == "rice":
            return _fried_rice(dish, pen)
        if dish.main.kind == "nut":
            return _nuts(dish, pen)
        m, s, p = dish.main, dish.support, dish.partner()
        salted = s.salty is not None and s.salty.id == "salt"
        if p:
            title_vi, title_en = f"{v(m)} rang {v(p)}", f"Pan-roasted {e(m)} with {e(p)}"
        else:
            title_vi = f"{v(m)} rang{' muối' if salted else ''}"
            title_en = f"{'Salt' if salted else 'Caramel'}-roasted {e(m)}"
        pen.step(*(f"{x}." for x in ready_all([m, *dish.partners], "slice")))
        first = minutes(dish.cook, 0.4)
        if p:
            pen.step(f"Cho {v(p)} vào chảo nóng, rang {first} phút cho ra mỡ và xém cạnh.",
                     f"Dry-fry the {e(p)} in a hot pan for {first} minutes until the fat runs and the edges "
                     f"brown.")
        else:
            pen.heat(s.fat, ())
        pen.step(f"Cho {v(m)} và {vs(s.aromatics) or 'chút nước'} vào, đảo lửa lớn {first} phút cho săn.",
                 f"Add the {e(m)} and the {es(s.aromatics) or 'a splash of water'} and toss over high heat "
                 f"for {first} minutes.")
        glaze = [i for i in (s.salty, s.sweet) if i is not None]
        rest = max(1, dish.cook - first * (2 if p else 1))
        pen.step(f"Thêm {vs(glaze) or 'gia vị'}, đảo {rest} phút đến khi nước sốt sệt, bám quanh {v(m)}.",
                 f"Add the {es(glaze) or 'seasoning'} and toss for {rest} minutes until the sauce clings to "
                 f"the {e(m)}.")
        pen.step(*finish([*s.garnish, *([s.pepper] if s.pepper else [])]))
        return Words(fit(title_vi, f"{v(m)} rang"), fit(title_en, f"Pan-roasted {e(m)}"),
                     pen(f"{cap(v(m))} rang săn, đậm đà, ngon với cơm trắng.",
                         f"{cap(e(m))} tossed in a hot pan until sticky and savoury; great with rice."))


def _fried_rice(dish: Dish, pen: Pen) -> Words:
    """Cơm rang: leftover rice (or rice cooked first and cooled) tossed with what the person has."""
    m, s = dish.main, dish.support
    ps = sorted(dish.partners, key=lambda p: p.kind not in PROTEIN)
    eggs = [p for p in ps if p.kind == "egg"]
    rest = [p for p in ps if p.kind != "egg"]
    if ps:
        title_vi, title_en = f"Cơm rang {vs(ps[:2])}", f"Fried rice with {es(ps[:2])}"
    elif any(a.has("garlic") for a in s.aromatics):
        title_vi, title_en = "Cơm rang tỏi", "Garlic fried rice"
    else:
        title_vi, title_en = "Cơm rang", "Simple fried rice"
    cook = dish.cook
    if m.has("cooked"):
        rice_vi, rice_en = v(m), e(m)
        pen.step(f"Đánh tơi {v(m)} cho hạt rời.", f"Break up the {e(m)} so the grains separate.")
    else:
        rice_vi, rice_en = "cơm", "cooked rice"
        pen.step(f"Vo sạch {v(m)}, nấu thành cơm ({cook - 10} phút), xới tơi và để nguội.",
                 f"Rinse the {e(m)}, cook it ({cook - 10} minutes), fluff it and let it cool.")
        cook = 10
    if rest:
        pen.step(*(f"{x}." for x in ready_all(rest, "slice")))
    pen.heat(s.fat, s.aromatics)
    toss = minutes(cook, 0.4)
    if rest:
        pen.step(f"Cho {vs(rest)} vào xào {toss} phút cho chín.",
                 f"Add the {es(rest)} and stir-fry for {toss} minutes until cooked.")
    pen.step(f"Cho {rice_vi} vào, đảo đều trên lửa lớn {toss} phút cho hạt cơm săn.",
             f"Add the {rice_en} and toss over high heat for {toss} minutes.")
    if eggs:
        pen.step(f"Đẩy cơm sang một bên, đập {vs(eggs)} vào, khuấy cho chín rồi đảo đều với cơm.",
                 f"Push the rice aside, crack in the {es(eggs)}, scramble and toss through the rice.")
    sv, se = season([s.salty, s.pepper])
    pen.step(f"{sv}, đảo đều thêm 1 phút.", f"{se} and toss for 1 more minute.")
    pen.step(*finish(s.garnish, "dùng nóng", "serve hot"))
    with_vi, with_en = (f" cùng {vs(ps)}", f" with {es(ps)}") if ps else ("", "")
    return Words(fit(title_vi, "Cơm rang"), fit(title_en, "Fried rice"),
                 pen(f"Cơm rang tơi, thơm{with_vi}, tận dụng cơm nguội.",
                     f"Fluffy fried rice{with_en}, the best use of day-old rice."))


def _nuts(dish: Dish, pen: Pen) -> Words:
    """Lạc rang muối and the like: a dry pan, low heat, a little salted water at the end."""
    m, salt = dish.main, dish.support.salty
    title_vi = f"{v(m)} rang{' muối' if salt else ''}"
    title_en = f"{'Salt' if salt else 'Dry'}-roasted {e(m)}"
    pen.step(f"Nhặt bỏ hạt lép, hư của {v(m)}.", f"Pick over the {e(m)} and discard any bad ones.")
    roast = max(1, dish.cook - 2)
    pen.step(f"Cho {v(m)} vào chảo khô, rang lửa nhỏ {roast} phút, đảo liên tục đến khi vàng đều và thơm.",
             f"Dry-roast the {e(m)} in a pan over low heat for {roast} minutes, stirring until golden.")
    if salt:
        pen.step(f"Hòa {v(salt)} với 1 muỗng nước, rưới vào chảo và đảo thêm 2 phút cho khô.",
                 f"Dissolve the {e(salt)} in 1 tbsp water, pour it over and toss for 2 more minutes "
                 f"until dry.")
    else:
        pen.step("Tắt bếp, tiếp tục đảo thêm 2 phút cho hạt chín đều.",
                 "Turn off the heat and keep stirring for 2 minutes so they roast evenly.")
    pen.step("Để nguội hẳn cho giòn, cất trong hũ kín.",
             "Cool completely until crisp and keep in a closed jar.")
    return Words(fit(title_vi), fit(title_en),
                 pen(f"{cap(v(m))} rang giòn, ăn vặt hoặc rắc lên gỏi, xôi.",
                     f"Crunchy roasted {e(m)} for snacking or sprinkling over salads and sticky rice."))
