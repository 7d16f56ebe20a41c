"""Gỏi: crunchy raw vegetables or green fruit in a sweet-sour dressing, with herbs, peanuts and a protein."""

from __future__ import annotations

from chalicelib.domain.composer.kinds import Item, Kind
from chalicelib.domain.composer.kitchen import Kitchen
from chalicelib.domain.composer.prep import ready, ready_all
from chalicelib.domain.composer.technique import (
    Dish,
    Support,
    Technique,
    Times,
    Words,
    fits,
    support_of,
    use,
)
from chalicelib.domain.composer.text import Pen, cap, e, es, finish, fit, v, vs

_PROTEINS: frozenset[Kind] = frozenset({"shrimp", "chicken", "pork", "squid", "beef", "tofu"})
_PROTEIN_TIMES: dict[Kind, Times] = {
    "shrimp": Times(20, 5, 10, 3), "squid": Times(20, 5, 10, 3), "chicken": Times(20, 20, 10, 15),
    "pork": Times(20, 20, 10, 12), "beef": Times(20, 15, 10, 10), "tofu": Times(15, 10, 10, 6),
}
_CLASSICS = ("papaya", "mango", "lotus", "blossom", "pomelo")
_HERBS = ("mint", "perilla", "coriander", "basil", "cilantro")


def _crunchy(kitchen: Kitchen, but: Item) -> list[Item]:
    plants = kitchen.mine(("veg", "fruit", "tomato"), but=[but])
    return [i for i in plants if i.has("raw") and not i.has("pickled")]


class Salad(Technique):
    key = "goi"
    tags = ("goi", "salad")
    difficulty = "medium"

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        if main.kind not in {"veg", "fruit"} or main.has("pickled") or not main.has("raw"):
            return 0
        if not (kitchen.sour() or kitchen.salty()):
            return 0
        return 3 if any(w in main.id for w in _CLASSICS) else 2.5

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        proteins = [p for p in kitchen.mine(_PROTEINS) if fits(p) and not p.has("minced", "bones", "silken")]
        crunch = _crunchy(kitchen, main)[:1]
        return list(dict.fromkeys([*((p, *crunch) for p in proteins[:2]), tuple(crunch)]))

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        protein = next((p for p in partners if p.kind in _PROTEINS and not p.has("dried")), None)
        return _PROTEIN_TIMES[protein.kind] if protein else Times(20, 0, 10, 0)

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        nut = next(iter(kitchen.mine(("nut",))), None)
        fried = any(p.kind == "tofu" for p in partners)
        return support_of(kitchen, aromas=("garlic",), fat=fried, pepper=False, sour=True, chili=True,
                          garnish=_HERBS, garnish_limit=2, extras=(("nut", use(nut, "garnish")),),
                          scales=(("sweet", 2.0),))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, s = dish.main, dish.support
        protein = next((p for p in dish.partners if p.kind in _PROTEINS), None)
        crunch = [p for p in dish.partners if p is not protein]
        other = protein or (crunch[0] if crunch else None)
        title_vi = f"Gỏi {v(m)}{' ' + v(other) if other else ''}"
        if protein:
            title_en = f"{cap(e(m))} salad with {e(protein)}"
        else:
            title_en = f"{cap(e(m))} and {e(other)} salad" if other else f"Vietnamese {e(m)} salad"
        prep_vi, prep_en = ready_all([m, *crunch], "shred")
        pen.step(f"{prep_vi}; ngâm nước đá 5 phút cho giòn rồi vắt ráo.",
                 f"{prep_en}; soak in iced water for 5 minutes to crisp, then drain well.")
        if protein:
            pen.step(*_cook(protein, dish.cook, s.fat))
        dressing = [i for i in (s.salty, s.sweet, s.sour, *s.aromatics, s.chili) if i is not None]
        pen.step(f"Pha nước trộn: {vs(dressing)} với 1 muỗng nước, khuấy tan.",
                 f"Make the dressing: stir the {es(dressing)} with 1 tbsp water until dissolved.")
        mixed = [m, *crunch, *([protein] if protein else [])]
        pen.step(f"Trộn {vs(mixed)} với nước trộn, để 5 phút cho thấm.",
                 f"Toss the {es(mixed)} with the dressing and leave for 5 minutes.")
        nut = s.extra("nut")
        pen.step(*finish([*s.garnish, *([nut] if nut else [])], "dùng ngay", "serve at once"))
        with_vi, with_en = (f", cùng {v(protein)}", f" with {e(protein)}") if protein else ("", "")
        return Words(fit(title_vi, f"Gỏi {v(m)}"), fit(title_en, f"{e(m)} salad"),
                     pen(f"Gỏi {v(m)} giòn mát, chua ngọt{with_vi}.",
                         f"A crunchy, sweet-and-sour {e(m)} salad{with_en}."))


def _cook(protein: Item, cook: int, fat: Item | None) -> tuple[str, str]:
    """The salad's protein: shredded if dried, pan-fried if tofu, otherwise boiled and cut."""
    pv, pe = v(protein), e(protein)
    if protein.has("dried"):
        return f"Xé nhỏ {pv}.", f"Tear the {pe} into shreds."
    if protein.kind == "tofu":
        return (f"Cắt {pv} thành thanh, áp chảo {cook} phút với {v(fat) or 'chút dầu'} cho vàng.",
                f"Cut the {pe} into batons and pan-fry in the {e(fat) or 'oil'} for {cook} minutes until "
                f"golden.")
    prep_vi, prep_en = ready(protein, "whole")
    cut_vi = {"chicken": "để nguội rồi xé sợi", "shrimp": "chẻ đôi", "squid": "cắt khoanh"}
    cut_en = {"chicken": "cool and shred", "shrimp": "halve lengthways", "squid": "slice into rings"}
    return (f"{cap(prep_vi)}; luộc {cook} phút cho vừa chín, {cut_vi.get(protein.kind, 'thái mỏng')}.",
            f"{cap(prep_en)}; boil for {cook} minutes until just cooked, then "
            f"{cut_en.get(protein.kind, 'slice thinly')}.")
