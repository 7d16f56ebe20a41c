"""How each ingredient is got ready before cooking, in Vietnamese and English."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from chalicelib.domain.composer.kinds import MEAT, Item
from chalicelib.domain.composer.text import e, v

Cut = Literal["slice", "chunk", "whole", "shred"]


def ready(item: Item, cut: Cut = "chunk") -> tuple[str, str]:
    """How to get one ingredient ready: ('bóc vỏ tôm, bỏ chỉ lưng', 'peel and devein the shrimp')."""
    nv, ne, kind = v(item), e(item), item.kind
    if kind == "shrimp":
        return f"bóc vỏ {nv}, bỏ chỉ lưng", f"peel and devein the {ne}"
    if kind == "squid":
        return (f"làm sạch {nv}, khứa mặt trong rồi cắt miếng vừa ăn",
                f"clean the {ne}, score the inside and cut it into bite-size pieces")
    if kind == "shellfish":
        return (f"ngâm {nv} trong nước muối loãng cho nhả cát, rửa sạch",
                f"soak the {ne} in salted water, then rinse")
    if kind == "fish" and (cut == "whole" or "whole" in item.traits):
        return (f"làm sạch {nv}, khứa vài đường trên thân, thấm khô",
                f"clean the {ne}, score both sides and pat dry")
    if kind in {"fish", "crab"}:
        return f"làm sạch {nv}, cắt khúc vừa ăn, thấm khô", f"clean the {ne}, cut it into pieces and pat dry"
    if kind == "egg":
        return f"đập {nv} ra bát", f"crack the {ne} into a bowl"
    if kind == "tofu":
        return f"cắt {nv} thành miếng vừa ăn, thấm khô", f"cut the {ne} into bite-size pieces and pat dry"
    if kind in MEAT:
        return _meat(item, cut)
    if kind == "mushroom":
        return f"cắt bỏ gốc {nv}, rửa sạch, để ráo", f"trim the {ne}, rinse and drain"
    if kind == "noodle":
        return (f"trụng {nv} qua nước sôi cho mềm, để ráo",
                f"blanch the {ne} in boiling water until soft, then drain")
    if kind == "rice":
        if "cooked" in item.traits:
            return f"đánh tơi {nv}", f"break up the {ne} with a fork"
        return f"vo sạch {nv}", f"rinse the {ne}"
    if kind in {"veg", "tomato", "fruit"}:
        return _plant(item, cut)
    if kind in {"aromatic", "herb"}:
        return _aromatic(item)
    return f"chuẩn bị {nv}", f"get the {ne} ready"


def _aromatic(item: Item) -> tuple[str, str]:
    nv, ne = v(item), e(item)
    if item.has("scallion", "garnish") or item.kind == "herb":
        return f"rửa sạch {nv}, thái nhỏ", f"wash and finely chop the {ne}"
    if item.has("lemongrass"):
        return f"đập dập {nv}, thái lát mỏng", f"bruise the {ne} and slice it thinly"
    if item.has("ginger", "galangal"):
        return f"cạo vỏ {nv}, thái sợi", f"peel the {ne} and cut it into thin strips"
    if item.has("onion"):
        return f"bóc vỏ {nv}, thái múi cau", f"peel the {ne} and cut it into wedges"
    if item.has("chili"):
        return f"thái lát {nv}", f"slice the {ne}"
    return f"bóc vỏ, băm nhỏ {nv}", f"peel and finely chop the {ne}"


def _meat(item: Item, cut: Cut) -> tuple[str, str]:
    nv, ne = v(item), e(item)
    if "minced" in item.traits:
        return f"băm lại {nv} cho thật nhuyễn", f"chop the {ne} once more until fine"
    if "bony" in item.traits and cut != "whole":
        return f"rửa sạch {nv}, chặt miếng vừa ăn", f"rinse the {ne} and chop it into bite-size pieces"
    if cut == "slice":
        return f"rửa sạch {nv}, thái lát mỏng", f"rinse the {ne} and slice it thinly"
    if cut == "whole":
        return f"rửa sạch {nv}, để ráo", f"rinse the {ne} and pat it dry"
    if cut == "shred":
        return f"rửa sạch {nv}", f"rinse the {ne}"
    return f"rửa sạch {nv}, cắt miếng khoảng 3 cm", f"rinse the {ne} and cut it into 3 cm pieces"


def _plant(item: Item, cut: Cut) -> tuple[str, str]:
    nv, ne = v(item), e(item)
    if item.kind == "tomato":
        return f"rửa sạch {nv}, cắt múi cau", f"wash the {ne} and cut into wedges"
    if "sprouts" in item.id:
        return f"nhặt bỏ rễ {nv}, rửa sạch, để ráo", f"pick over the {ne}, rinse and drain"
    if cut == "shred" and "leafy" in item.traits:
        return f"rửa sạch {nv}, thái sợi thật mỏng", f"wash the {ne} and shred it finely"
    if cut == "shred":
        return (f"gọt vỏ {nv} nếu cần, bào hoặc thái sợi",
                f"peel the {ne} if needed and cut it into thin strips")
    if "leafy" in item.traits:
        return (f"nhặt và rửa sạch {nv}, cắt khúc vừa ăn",
                f"trim and wash the {ne}, then cut into short lengths")
    if "root" in item.traits:
        return f"gọt vỏ {nv}, cắt miếng vừa ăn", f"peel the {ne} and cut into bite-size pieces"
    if cut == "whole":
        return f"rửa sạch {nv}, để nguyên", f"wash the {ne} and leave it whole"
    return f"rửa sạch {nv}, cắt miếng vừa ăn", f"wash the {ne} and cut into bite-size pieces"


def ready_all(items: Sequence[Item], cut: Cut = "chunk") -> tuple[str, str]:
    """Several preparations in one sentence."""
    parts = [ready(i, cut) for i in items]
    return "; ".join(p[0] for p in parts), "; ".join(p[1] for p in parts)
