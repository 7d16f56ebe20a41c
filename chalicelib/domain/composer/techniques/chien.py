"""Chiên: pan-fried until golden, crisp plain, with lemongrass, or glazed with fish sauce."""

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
    support_of,
    timed,
    usable_main,
    use,
)
from chalicelib.domain.composer.text import Pen, cap, e, es, finish, fit, v, vs

_GLAZED: frozenset[Kind] = frozenset({"chicken", "pork", "shrimp", "squid", "meat"})
_COATINGS = ("cornstarch", "tapioca_starch", "rice_flour", "flour", "tempura_flour", "breadcrumbs")


class PanFry(Technique):
    key = "chien"
    tags = ("chien", "main")
    family = "fried"
    accepts = frozenset({"processed"})
    _WEIGHT: ClassVar[dict[Kind, float]] = {
        "tofu": 3, "fish": 3, "chicken": 2, "pork": 2, "shrimp": 1.5, "squid": 1.5, "meat": 1.5, "duck": 1,
    }
    _TIMES: ClassVar[dict[Kind, Times]] = {
        "tofu": Times(5, 12, 3, 8), "fish": Times(10, 15, 5, 10), "chicken": Times(15, 20, 5, 15),
        "shrimp": Times(10, 8, 5, 6), "squid": Times(10, 8, 5, 6),
    }

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        whole_bird = main.kind in MEAT and main.has("whole")
        if not usable_main(main, self.accepts) or main.has("minced", "silken") or whole_bird:
            return 0
        if kitchen.fat() is None:
            return 0
        if main.kind == "veg":
            return 2 if main.has("root") else 0
        return 3 if main.has("wings") else self._WEIGHT.get(main.kind, 0)

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        return self._TIMES.get(main.kind, Times(10, 15, 5, 10))

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        scales = (("fat", 3.0), ("sweet", 2.0))
        if main.kind != "veg" and kitchen.aroma("lemongrass"):
            return support_of(kitchen, aromas=("lemongrass", "garlic"), chili=True, sweet=False,
                              scales=scales)
        glaze = kitchen.find("fish_sauce") if main.kind in _GLAZED else None
        if glaze is not None and kitchen.sweet():
            return support_of(kitchen, salty=(), aromas=("garlic",), chili=True, scales=scales,
                              extras=(("glaze", use(glaze, scale=2.0)),))
        if main.kind == "veg":
            salty: tuple[str, ...] = ("salt",)
        else:
            salty = ("soy_sauce", "salt") if main.kind == "tofu" else ("salt", "fish_sauce")
        dip = main.kind == "tofu" and kitchen.salty(*salty) is not None
        coating = kitchen.find(*_COATINGS)
        garnish = ("scallion",) if main.kind != "veg" else ()
        return support_of(kitchen, salty=salty, aromas=(), sweet=dip, scales=scales, garnish=garnish,
                          extras=(("coating", use(coating)),))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, s = dish.main, dish.support
        glaze, coating = s.extra("glaze"), s.extra("coating")
        lemongrass = any(a.has("lemongrass") for a in s.aromatics)
        if lemongrass:
            chili_vi, chili_en = (" ớt", " chili") if s.chili else ("", "")
            title_vi, title_en = f"{v(m)} chiên sả{chili_vi}", f"Lemongrass{chili_en} fried {e(m)}"
        elif glaze:
            title_vi, title_en = f"{v(m)} chiên {v(glaze)}", f"{cap(e(glaze))} glazed fried {e(m)}"
        else:
            title_vi, title_en = f"{v(m)} chiên giòn", f"Crispy pan-fried {e(m)}"
        wait_vi, wait_en = timed(dish.marinate())
        prep_vi, prep_en = ready(m, "chunk")
        rub = [i for i in (s.salty, s.pepper) if i is not None]
        if rub:
            pen.step(f"{prep_vi}, ướp với {vs(rub)}{wait_vi}.",
                     f"{prep_en}, then season with the {es(rub)}{wait_en}.")
        else:
            pen.step(f"{prep_vi}.", f"{prep_en}.")
        if coating:
            pen.step(f"Lăn {v(m)} qua một lớp {v(coating)} thật mỏng.",
                     f"Dust the {e(m)} lightly with the {e(coating)}.")
        fry = minutes(dish.cook, 0.35 if (lemongrass or glaze) else 0.45)
        pen.step(f"Đun nóng {v(s.fat)} trên lửa vừa đến khi thả thử một miếng thấy sủi đều.",
                 f"Heat the {e(s.fat)} over medium heat until a test piece sizzles steadily.")
        pen.step(f"Cho {v(m)} vào chiên mỗi mặt khoảng {fry} phút đến khi vàng giòn, vớt ra để ráo dầu.",
                 f"Fry the {e(m)} for about {fry} minutes per side until golden and crisp; drain on paper.")
        _finish_sauce(dish, pen, glaze, max(1, dish.cook - 2 * fry))
        pen.step(*finish(s.garnish, "dùng nóng", "serve hot"))
        return Words(fit(title_vi, f"{v(m)} chiên"), fit(title_en, f"Pan-fried {e(m)}"),
                     pen(f"{cap(v(m))} chiên vàng giòn bên ngoài, mềm bên trong.",
                         f"{cap(e(m))} fried golden and crisp outside, tender inside."))


def _finish_sauce(dish: Dish, pen: Pen, glaze: Item | None, last: int) -> None:
    """Toss in lemongrass, coat in a fish-sauce glaze, or mix a dipping sauce for crisp tofu."""
    m, s = dish.main, dish.support
    fried = [*s.aromatics, *([s.chili] if s.chili else [])]
    if any(a.has("lemongrass") for a in s.aromatics):
        pen.step(f"Chừa lại ít dầu, phi {vs(fried)} đến khi vàng thơm, cho {v(m)} vào đảo {last} phút.",
                 f"Leave a little oil in the pan, fry the {es(fried)} until golden, add the {e(m)} and toss "
                 f"for {last} minutes.")
    elif glaze:
        pen.step(f"Phi {vs(fried) or 'chảo'} với ít dầu, thêm {v(glaze)}, {v(s.sweet)} và 2 muỗng nước, "
                 f"đun {last} phút đến khi sệt rồi cho {v(m)} vào đảo cho thấm.",
                 f"Fry the {es(fried) or 'pan'} in a little oil, add the {e(glaze)}, {e(s.sweet)} and 2 tbsp "
                 f"water, reduce for {last} minutes, then toss the {e(m)} in the glaze.")
    elif m.kind == "tofu" and s.salty:
        pen.step(f"Pha {v(s.salty)} với {v(s.sweet) or 'chút nước'} làm nước chấm.",
                 f"Mix the {e(s.salty)} with {'the ' + e(s.sweet) if s.sweet else 'a little water'} "
                 f"for dipping.")
