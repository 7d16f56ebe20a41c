"""Bún, phở or mì nước: noodles in a quick clear broth with meat or seafood, greens and fresh herbs."""

from __future__ import annotations

from chalicelib.domain.composer.kinds import PROTEIN, Item
from chalicelib.domain.composer.kitchen import Kitchen
from chalicelib.domain.composer.prep import ready, ready_all
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


def _fillings(kitchen: Kitchen) -> tuple[list[Item], list[Item]]:
    """(proteins, greens) from the person's ingredients that belong in a noodle bowl."""
    proteins = [p for p in kitchen.mine(PROTEIN) if fits(p, {"processed"}) and not p.has("dried")]
    greens = [p for p in kitchen.mine(("veg",)) if p.has("leafy") or "sprouts" in p.id]
    return proteins, greens


class NoodleSoup(Technique):
    key = "noodle_soup"
    tags = ("noodle", "noodle_soup")
    difficulty = "medium"
    family = "soup"

    def weight(self, main: Item, kitchen: Kitchen) -> float:
        return 3 if main.kind == "noodle" and any(_fillings(kitchen)) else 0

    def partner_sets(self, main: Item, kitchen: Kitchen) -> list[tuple[Item, ...]]:
        proteins, greens = _fillings(kitchen)
        if not proteins:
            return [tuple(greens[:1])]
        return [(p, *greens[:1]) for p in proteins[:2]]

    def times(self, main: Item, partners: tuple[Item, ...]) -> Times:
        return Times(15, 45, 10, 30) if any(p.has("bones") for p in partners) else Times(15, 25, 10, 15)

    def support(self, main: Item, partners: tuple[Item, ...], kitchen: Kitchen) -> Support:
        return support_of(kitchen, aromas=("ginger", "shallot", "onion"), chili=True, sour=True, fat=False,
                          pepper=False, garnish=("scallion", "cilantro", "basil", "mint"), garnish_limit=2,
                          scales=(("salty", 1.5), ("sweet", 0.5)))

    def write(self, dish: Dish, pen: Pen) -> Words:
        m, s = dish.main, dish.support
        proteins, greens = dish.proteins(), dish.others()
        lead = proteins[0] if proteins else greens[0]
        title_vi = f"{v(m)} {v(lead)}" if proteins else f"{v(m)} nấu {v(lead)}"
        if proteins:
            pen.step(*(f"{x}." for x in ready_all(proteins, "slice")))
        if s.aromatics:
            pen.step(f"Nướng hoặc áp chảo {vs(s.aromatics)} cho thơm rồi đập dập.",
                     f"Char the {es(s.aromatics)} in a dry pan until fragrant, then bruise them.")
        pot, broth = dish.water(450), minutes(dish.cook, 0.6)
        sv, se = season([s.salty, s.sweet])
        bones = [p for p in proteins if p.has("bones")]
        bones_vi, bones_en = (f" và {vs(bones)}", f" and the {es(bones)}") if bones else ("", "")
        pen.step(f"Đun {pot} ml nước với {vs(s.aromatics) or 'chút muối'}{bones_vi}, hạ lửa nấu {broth} "
                 f"phút, hớt bọt; {sv}.",
                 f"Simmer {pot} ml water with the {es(s.aromatics) or 'a pinch of salt'}{bones_en} for "
                 f"{broth} minutes, skimming; {se}.")
        cooked = [p for p in proteins if not p.has("bones")]
        if cooked:
            rest = max(1, dish.cook - broth)
            pen.step(f"Cho {vs(cooked)} vào nồi nước dùng nấu {rest} phút cho chín.",
                     f"Add the {es(cooked)} to the broth and cook for {rest} minutes.")
        prep_vi, prep_en = ready(m)
        top_vi, top_en = ("", "")
        if greens:
            top_vi, top_en = f", xếp {vs(greens)} lên trên", f" and top with the {es(greens)}"
        pen.step(f"{cap(prep_vi)}; chia ra tô{top_vi}.", f"{cap(prep_en)}; divide between bowls{top_en}.")
        pen.step("Chan nước dùng thật nóng vào tô.", "Ladle the boiling broth over.")
        lime_vi, lime_en = (f" kèm {v(s.sour)}", f" with the {e(s.sour)} on the side") if s.sour else ("", "")
        pen.step(*finish([*s.garnish, *([s.chili] if s.chili else [])], f"dùng ngay{lime_vi}",
                         f"serve at once{lime_en}"))
        return Words(fit(title_vi, v(m)), fit(f"{cap(e(m))} soup with {e(lead)}", f"{e(m)} soup"),
                     pen(f"Tô {v(m)} nước dùng thanh ngọt với {v(lead)} và rau thơm.",
                         f"A bowl of {e(m)} in a clear, sweet broth with {e(lead)} and fresh herbs."))
