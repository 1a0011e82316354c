"""政府采购 level by level."""

from __future__ import annotations

import pandas as pd

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.audit.sums import sum_check


@rule(order=50)
def check_procurement(doc) -> list[Finding]:
    """政府采购 (Jiangsu 2019): 合计 = Σ 大类; a 大类 = Σ its 经济科目 lines; a line = Σ the items
    bought under it. Each row belongs to the row of the level above printed before it."""
    amounts = doc.amounts
    figures = amounts[amounts["table"] == "procurement"].sort_values("row")
    categories: list[tuple[pd.Series, list[pd.Series]]] = []
    lines: list[tuple[pd.Series, list[pd.Series]]] = []
    totals = []
    for _, figure in figures.iterrows():
        if figure["role"] == "total":
            totals.append(figure)
        elif figure["role"] == "subtotal":
            categories.append((figure, []))
        elif figure["role"] == "line" and categories:
            lines.append((figure, []))
            categories[-1][1].append(figure)
        elif figure["role"] == "of_which" and lines:
            lines[-1][1].append(figure)
    findings = [
        sum_check("hierarchy", line, items, "经济科目等于其采购品目之和 (a line = Σ the items bought)")
        for line, items in lines
        if items
    ]
    findings += [
        sum_check("hierarchy", category, parts, "采购大类等于其各行之和 (a category = Σ its lines)")
        for category, parts in categories
    ]
    findings += [
        sum_check("hierarchy", total, [c for c, _ in categories], "采购合计等于各大类之和 (total = Σ categories)")
        for total in totals
    ]
    return findings
