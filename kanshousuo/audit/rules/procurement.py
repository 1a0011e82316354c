"""政府采购 level by level."""

from __future__ import annotations

from kanshousuo.audit.identities import IdentityContext, Instance, instances


@instances("procurement")
def procurement_instances(doc, context: IdentityContext) -> list[Instance]:
    """政府采购 (Jiangsu 2019): 合计 = Σ 大类; a 大类 = Σ its 经济科目 lines; a line = Σ the items
    bought under it. Each row belongs to the row of the level above printed before it: the
    order of the rows says it, which no selector can, hence a builder."""
    records = context.records
    positions = sorted(context.index.select("procurement.*"), key=lambda p: records[p]["row"])
    categories: list[tuple[int, list[int]]] = []
    lines: list[tuple[int, list[int]]] = []
    totals = []
    for position in (int(p) for p in positions):
        role = records[position]["role"]
        if role == "total":
            totals.append(position)
        elif role == "subtotal":
            categories.append((position, []))
        elif role == "line" and categories:
            lines.append((position, []))
            categories[-1][1].append(position)
        elif role == "of_which" and lines:
            lines[-1][1].append(position)

    def signed(parts: list[int]) -> tuple[tuple[int, int], ...]:
        return tuple((p, 1) for p in parts)

    out = [
        Instance(
            "procurement_line", "hierarchy", "经济科目等于其采购品目之和 (a line = Σ the items bought)", p, signed(i)
        )
        for p, i in lines
        if i
    ]
    out += [
        Instance("procurement_category", "hierarchy", "采购大类等于其各行之和 (a category = Σ its lines)", p, signed(i))
        for p, i in categories
    ]
    out += [
        Instance(
            "procurement_total",
            "hierarchy",
            "采购合计等于各大类之和 (total = Σ categories)",
            t,
            signed([c for c, _ in categories]),
        )
        for t in totals
    ]
    return out
