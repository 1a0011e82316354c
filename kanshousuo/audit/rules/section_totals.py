"""Tables printed as halves side by side, each half with its own 合计 (a 决算's 一般公共预算财政拨款
基本支出决算表: 人员经费合计 under the left half, 公用经费合计 under the right; `layouts/side_by_side`
stacks them): each total is the sum of the classes printed since the previous total. The order
of the rows says which classes a total closes, which no selector can, hence a builder.
"""

from __future__ import annotations

from kanshousuo.audit.identities import IdentityContext, Instance, instances


@instances("section_totals")
def section_total_instances(doc, context: IdentityContext) -> list[Instance]:
    """One instance per total row of a table printed as halves (sides=2) whose rows nest by code."""
    records = context.records
    positions = [int(p) for p in context.index.select("{nests_by_code=true;sides=2}.*")]
    by_column: dict[tuple[str, str], list[int]] = {}
    for position in positions:
        record = records[position]
        by_column.setdefault((record["table"], record["gcolumn"]), []).append(position)
    out = []
    for members in by_column.values():
        members.sort(key=lambda p: records[p]["row"])
        classes: list[int] = []
        for position in members:
            record = records[position]
            if record["role"] == "total":
                children = tuple((c, 1) for c in classes)
                message = "合计等于其上各类之和 (a half's total = Σ the classes printed above it)"
                out.append(Instance("section_total", "hierarchy", message, position, children))
                classes = []
            elif record.get("code_level") == "class":
                classes.append(position)
    return out
